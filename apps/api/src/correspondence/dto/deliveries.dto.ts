import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';

export class ForwardTargetDto {
  @ApiPropertyOptional({ description: 'jabatan tujuan' }) @IsOptional() @IsInt() @Min(1)
  positionId?: number;

  @ApiPropertyOptional({ description: 'satker tujuan (diterima pimpinannya)' }) @IsOptional() @IsInt() @Min(1)
  officeId?: number;

  @ApiPropertyOptional({ enum: ['TO', 'CC'], default: 'TO' }) @IsOptional() @IsIn(['TO', 'CC'])
  kind?: 'TO' | 'CC';
}

/** Teruskan. Without `to`, a letter to be forwarded goes on to its final addressee. */
export class ForwardDto {
  @ApiPropertyOptional({ type: [ForwardTargetDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100, { message: 'to maksimal 100 tujuan' }) @ValidateNested({ each: true }) @Type(() => ForwardTargetDto)
  to?: ForwardTargetDto[];

  @ApiPropertyOptional({ description: 'catatan penerusan' }) @IsOptional() @IsString() @MaxLength(2000, { message: 'note maksimal 2000 karakter' })
  note?: string;

  @ApiPropertyOptional({ description: 'surat pengantar satker Anda (sudah ditandatangani)' }) @IsOptional() @Matches(/^\d{1,19}$/, { message: 'coverLetterId harus id numerik' })
  coverLetterId?: string;
}

export class ReturnDto {
  @ApiProperty({ description: 'alasan pengembalian' }) @IsString() @Length(3, 2000, { message: 'reason wajib diisi (3–2000 karakter)' })
  reason: string;
}
