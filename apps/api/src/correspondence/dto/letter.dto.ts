import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';

export class RecipientDto {
  @ApiProperty({ enum: ['TO', 'CC'] }) @IsIn(['TO', 'CC'])
  kind: 'TO' | 'CC';

  @ApiPropertyOptional({ description: 'satker tujuan (diterima pimpinannya)' }) @IsOptional() @IsInt() @Min(1)
  officeId?: number;

  @ApiPropertyOptional({ description: 'jabatan tujuan' }) @IsOptional() @IsInt() @Min(1)
  positionId?: number;

  @ApiPropertyOptional({ description: 'pihak luar (teks bebas)' }) @IsOptional() @IsString() @Length(2, 300)
  externalName?: string;
}

export class CreateLetterDto {
  @ApiProperty({ example: 'SD' }) @IsString() @Length(1, 10)
  typeCode: string;

  @ApiProperty({ description: 'hal' }) @IsString() @Length(3, 500)
  subject: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiProperty() @IsString() @Length(1, 200000)
  body: string;

  @ApiProperty({ enum: ['B', 'T', 'R', 'SR'] }) @IsIn(['B', 'T', 'R', 'SR'])
  securityClass: 'B' | 'T' | 'R' | 'SR';

  @ApiProperty({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'])
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiProperty({ example: 'PL.01.8' }) @IsString() @Length(2, 30)
  classificationCode: string;

  @ApiProperty({ type: [RecipientDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients: RecipientDto[];

  @ApiProperty({ type: [Number], description: 'pemeriksa berurutan' }) @IsArray() @ArrayMaxSize(10) @IsInt({ each: true }) @Min(1, { each: true })
  reviewerPositionIds: number[];

  @ApiProperty() @IsInt() @Min(1)
  signerPositionId: number;
}

export class UpdateLetterDto {
  @ApiProperty({ description: 'versi yang dibaca (pemeriksaan perubahan bersamaan)' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 10)
  typeCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 500)
  subject?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200000)
  body?: string;

  @ApiPropertyOptional({ enum: ['B', 'T', 'R', 'SR'] }) @IsOptional() @IsIn(['B', 'T', 'R', 'SR'])
  securityClass?: 'B' | 'T' | 'R' | 'SR';

  @ApiPropertyOptional({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsOptional() @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'])
  urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(2, 30)
  classificationCode?: string;

  @ApiPropertyOptional({ type: [RecipientDto] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsInt({ each: true }) @Min(1, { each: true })
  reviewerPositionIds?: number[];

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  signerPositionId?: number;
}

export class ReviewDto {
  @ApiProperty({ enum: ['APPROVE', 'RETURN'] }) @IsIn(['APPROVE', 'RETURN'])
  decision: 'APPROVE' | 'RETURN';

  @ApiPropertyOptional({ description: 'wajib saat mengembalikan' }) @IsOptional() @IsString() @MaxLength(5000)
  note?: string;
}

export class SignDto {
  @ApiProperty({ description: 'konfirmasi kata sandi penandatangan' }) @IsString() @Length(1, 200)
  password: string;
}

export class CancelDto {
  @ApiProperty() @IsString() @Length(3, 1000)
  reason: string;
}

export class CompareQueryDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1)
  from: number;

  @ApiProperty() @Type(() => Number) @IsInt() @Min(1)
  to: number;
}
