import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Length, MaxLength } from 'class-validator';
import { CleanText, IsCalendarDate, QueryId, QueryIdList } from '@naskah/core';

/** Fields of POST /api/incoming (multipart/form-data, with the scan in the `file` part). */
export class RegisterIncomingDto {
  @ApiProperty({ description: 'instansi pengirim' }) @CleanText() @Length(2, 300)
  senderName: string;

  @ApiProperty({ description: 'nomor surat pengirim' }) @CleanText() @Length(1, 120)
  externalNumber: string;

  @ApiProperty({ description: 'tanggal surat pengirim (YYYY-MM-DD)', example: '2026-11-20' })
  @IsCalendarDate()
  externalDate: string;

  @ApiProperty({ description: 'hal' }) @CleanText() @Length(3, 500)
  subject: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ default: 'SD' }) @IsOptional() @CleanText() @Length(1, 10)
  typeCode?: string;

  @ApiProperty({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'], { message: 'urgency harus BIASA, SEGERA atau AMAT_SEGERA' })
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiProperty({ enum: ['B', 'T', 'R', 'SR'] }) @IsIn(['B', 'T', 'R', 'SR'], { message: 'securityClass harus B, T, R atau SR' })
  securityClass: 'B' | 'T' | 'R' | 'SR';

  @ApiPropertyOptional({ example: 'PL.01.8' }) @IsOptional() @CleanText() @Length(2, 30)
  classificationCode?: string;

  @ApiProperty({ description: 'jabatan penerima di satker Anda' }) @QueryId()
  toPositionId: number;

  @ApiPropertyOptional({ description: 'tembusan: jabatan di satker Anda (dipisah koma atau berulang)', type: [Number] })
  @IsOptional() @QueryIdList() @IsArray() @ArrayMaxSize(50)
  ccPositionIds?: number[];
}
