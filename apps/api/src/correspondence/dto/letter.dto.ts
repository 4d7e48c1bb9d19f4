import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId, QueryInt } from '@naskah/core';
import { PreviewRecipientDto } from './send.dto';

/** An addressee (TO) or copy (CC): the recipient forms of the route preview, with its kind. */
export class RecipientDto extends PreviewRecipientDto {
  @ApiProperty({ enum: ['TO', 'CC'] }) @IsIn(['TO', 'CC'])
  kind: 'TO' | 'CC';
}

export class CreateLetterDto {
  @ApiProperty({ example: 'SD' }) @CleanText() @Length(1, 10)
  typeCode: string;

  @ApiProperty({ description: 'hal' }) @CleanText() @Length(3, 500)
  subject: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  summary?: string;

  @ApiProperty() @CleanText({ multiline: true }) @Length(1, 200000)
  body: string;

  @ApiProperty({ enum: ['B', 'T', 'R', 'SR'] }) @IsIn(['B', 'T', 'R', 'SR'])
  securityClass: 'B' | 'T' | 'R' | 'SR';

  @ApiProperty({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'])
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiProperty({ example: 'PL.01.8' }) @CleanText() @Length(2, 30)
  classificationCode: string;

  @ApiProperty({ type: [RecipientDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients: RecipientDto[];

  @ApiProperty({ type: [Number], description: 'pemeriksa berurutan' }) @IsArray() @ArrayMaxSize(10) @IsEntityId({ each: true })
  reviewerPositionIds: number[];

  @ApiProperty() @IsEntityId()
  signerPositionId: number;
}

export class UpdateLetterDto {
  @ApiProperty({ description: 'versi yang dibaca (pemeriksaan perubahan bersamaan)' }) @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(1, 10)
  typeCode?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(3, 500)
  subject?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @Length(1, 200000)
  body?: string;

  @ApiPropertyOptional({ enum: ['B', 'T', 'R', 'SR'] }) @IsOptional() @IsIn(['B', 'T', 'R', 'SR'])
  securityClass?: 'B' | 'T' | 'R' | 'SR';

  @ApiPropertyOptional({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsOptional() @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'])
  urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(2, 30)
  classificationCode?: string;

  @ApiPropertyOptional({ type: [RecipientDto] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RecipientDto)
  recipients?: RecipientDto[];

  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsEntityId({ each: true })
  reviewerPositionIds?: number[];

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  signerPositionId?: number;
}

export class ReviewDto {
  @ApiProperty({ enum: ['APPROVE', 'RETURN'] }) @IsIn(['APPROVE', 'RETURN'])
  decision: 'APPROVE' | 'RETURN';

  @ApiPropertyOptional({ description: 'wajib saat mengembalikan' }) @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  note?: string;
}

export class SignDto {
  @ApiProperty({ description: 'konfirmasi kata sandi penandatangan' }) @IsString() @Length(1, 200)
  password: string;
}

export class CancelDto {
  @ApiProperty() @CleanText({ multiline: true }) @Length(3, 1000)
  reason: string;
}

export class CompareQueryDto {
  @ApiProperty() @QueryInt() @Min(1)
  from: number;

  @ApiProperty() @QueryInt() @Min(1)
  to: number;
}
