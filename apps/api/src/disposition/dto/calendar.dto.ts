import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { CleanText, IsCalendarDate, QueryInt } from '@naskah/core';

export class InstructionDto {
  @ApiProperty({ example: 'MONITOR' }) @Matches(/^[A-Z0-9_]{2,40}$/, { message: 'code: huruf besar, angka, _ (2–40)' })
  code: string;

  @ApiProperty({ example: 'Pantau pelaksanaannya' }) @CleanText() @Length(2, 120)
  label: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000)
  sortOrder?: number;

  @ApiPropertyOptional({ description: 'menawarkan konsep jawaban (seperti "Siapkan jawaban")' }) @IsOptional() @IsBoolean()
  offersReply?: boolean;
}

export class UpdateInstructionDto {
  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(2, 120)
  label?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000)
  sortOrder?: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  offersReply?: boolean;

  @ApiPropertyOptional({ description: 'false: tidak ditawarkan lagi (disposisi lama tetap menampilkannya)' }) @IsOptional() @IsBoolean()
  isActive?: boolean;

  @ApiProperty() @IsInt() @Min(1)
  version: number;
}

export class InstructionQueryDto {
  @ApiPropertyOptional({ description: 'termasuk yang tidak aktif' }) @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean()
  all?: boolean;
}

export class HolidayDto {
  @ApiProperty({ example: '2027-03-10' }) @IsCalendarDate()
  date: string;

  @ApiProperty({ enum: ['LIBUR_NASIONAL', 'CUTI_BERSAMA'] }) @IsIn(['LIBUR_NASIONAL', 'CUTI_BERSAMA'])
  kind: 'LIBUR_NASIONAL' | 'CUTI_BERSAMA';

  @ApiProperty() @CleanText() @Length(2, 200)
  name: string;

  @ApiPropertyOptional({ description: 'dasar, mis. SKB 3 Menteri 2027' }) @IsOptional() @CleanText() @Length(2, 200)
  source?: string;
}

export class HolidayQueryDto {
  @ApiPropertyOptional() @IsOptional() @QueryInt() @Min(2000) @Max(2100)
  year?: number;
}

export class DeadlinePreviewQueryDto {
  @ApiProperty({ description: 'jumlah hari kerja' }) @QueryInt() @Min(1) @Max(260)
  workingDays: number;

  @ApiPropertyOptional({ description: 'dihitung dari (YYYY-MM-DD; bawaan hari ini WIB)' }) @IsOptional() @IsCalendarDate()
  from?: string;
}
