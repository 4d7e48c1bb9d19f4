import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class OfficeQueryDto {
  @ApiPropertyOptional({ enum: ['RI', 'PROVINSI', 'KABKOTA'] }) @IsOptional() @IsIn(['RI', 'PROVINSI', 'KABKOTA'])
  level?: 'RI' | 'PROVINSI' | 'KABKOTA';

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  parentId?: number;

  @ApiPropertyOptional({ description: 'teks dalam nama atau awal kode' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;
}

export class PositionQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  officeId?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @IsIn(['KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG', 'ARSIPARIS', 'PENCATAT', 'STAF'])
  kind?: string;

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
