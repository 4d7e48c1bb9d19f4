import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { CleanText, IsEntityId } from '@naskah/core';

export class ForwardTargetDto {
  @ApiPropertyOptional({ description: 'jabatan tujuan' }) @IsOptional() @IsEntityId()
  positionId?: number;

  @ApiPropertyOptional({ description: 'satker tujuan (diterima pimpinannya)' }) @IsOptional() @IsEntityId()
  officeId?: number;

  @ApiPropertyOptional({ enum: ['TO', 'CC'], default: 'TO' }) @IsOptional() @IsIn(['TO', 'CC'])
  kind?: 'TO' | 'CC';
}

/** Teruskan. Without `to`, a letter to be forwarded goes on to its final addressee. */
export class ForwardDto {
  @ApiPropertyOptional({ type: [ForwardTargetDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100, { message: 'to maksimal 100 tujuan' }) @ValidateNested({ each: true }) @Type(() => ForwardTargetDto)
  to?: ForwardTargetDto[];

  @ApiPropertyOptional({ description: 'catatan penerusan' }) @IsOptional() @CleanText({ multiline: true }) @MaxLength(2000, { message: 'note maksimal 2000 karakter' })
  note?: string;

  @ApiPropertyOptional({ description: 'surat pengantar satker Anda (sudah ditandatangani)' }) @IsOptional() @IsEntityId({ bigint: true })
  coverLetterId?: string;
}

export class ReturnDto {
  @ApiProperty({ description: 'alasan pengembalian' }) @CleanText({ multiline: true }) @Length(3, 2000, { message: 'reason wajib diisi (3–2000 karakter)' })
  reason: string;
}
