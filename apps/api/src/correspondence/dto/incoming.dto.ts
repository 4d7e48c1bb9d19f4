import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';

const toIdList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => Number(String(v).trim()));

/** Fields of POST /api/incoming (multipart/form-data, with the scan in the `file` part). */
export class RegisterIncomingDto {
  @ApiProperty({ description: 'instansi pengirim' }) @IsString() @Length(2, 300)
  senderName: string;

  @ApiProperty({ description: 'nomor surat pengirim' }) @IsString() @Length(1, 120)
  externalNumber: string;

  @ApiProperty({ description: 'tanggal surat pengirim (YYYY-MM-DD)', example: '2026-11-20' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'externalDate harus tanggal YYYY-MM-DD' })
  externalDate: string;

  @ApiProperty({ description: 'hal' }) @IsString() @Length(3, 500)
  subject: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ default: 'SD' }) @IsOptional() @IsString() @Length(1, 10)
  typeCode?: string;

  @ApiProperty({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'], { message: 'urgency harus BIASA, SEGERA atau AMAT_SEGERA' })
  urgency: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiProperty({ enum: ['B', 'T', 'R', 'SR'] }) @IsIn(['B', 'T', 'R', 'SR'], { message: 'securityClass harus B, T, R atau SR' })
  securityClass: 'B' | 'T' | 'R' | 'SR';

  @ApiPropertyOptional({ example: 'PL.01.8' }) @IsOptional() @IsString() @Length(2, 30)
  classificationCode?: string;

  @ApiProperty({ description: 'jabatan penerima di satker Anda' }) @Type(() => Number) @IsInt({ message: 'toPositionId harus bilangan bulat' }) @Min(1)
  toPositionId: number;

  @ApiPropertyOptional({ description: 'tembusan: jabatan di satker Anda (dipisah koma atau berulang)', type: [Number] })
  @IsOptional() @Transform(toIdList) @IsArray() @ArrayMaxSize(50) @IsInt({ each: true, message: 'ccPositionIds harus bilangan bulat' }) @Min(1, { each: true })
  ccPositionIds?: number[];
}
