import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { CleanText, QueryId, QueryInt } from '@naskah/core';

export class OfficeQueryDto {
  @ApiPropertyOptional({ enum: ['RI', 'PROVINSI', 'KABKOTA'] }) @IsOptional() @IsIn(['RI', 'PROVINSI', 'KABKOTA'])
  level?: 'RI' | 'PROVINSI' | 'KABKOTA';

  @ApiPropertyOptional() @IsOptional() @QueryId()
  parentId?: number;

  @ApiPropertyOptional({ description: 'teks dalam nama atau awal kode' }) @IsOptional() @CleanText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1000 }) @IsOptional() @QueryInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @QueryInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class PositionQueryDto {
  @ApiPropertyOptional() @IsOptional() @QueryId()
  officeId?: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsIn(['KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG', 'ARSIPARIS', 'PENCATAT', 'STAF'])
  kind?: string;

  @ApiPropertyOptional() @IsOptional() @QueryInt() @Min(1) @Max(1000)
  limit?: number;
}
