import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { CleanText, IsCalendarDate, IsEntityId, QueryInt } from '@naskah/core';
import { SEARCH_BOXES, SearchBox, SecurityClass } from '@naskah/correspondence';

const TEXT_HELP = 'teks dalam hal, nomor, isi, nama pengirim atau tujuan, dari awal kata; setiap karakter harfiah (tanpa wildcard atau operator)';

/** Filters the letter search shares with the outbox boxes. */
export class LetterTextFiltersDto {
  @ApiPropertyOptional({ description: TEXT_HELP }) @IsOptional() @CleanText() @Length(1, 100, { message: 'q 1–100 karakter' })
  q?: string;

  @ApiPropertyOptional({ description: 'tanggal naskah (dikirim/diregistrasi; dibuat untuk konsep) sejak (YYYY-MM-DD, WIB)' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'tanggal naskah sampai (YYYY-MM-DD, WIB, inklusif)' }) @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'jenis naskah, mis. SD' }) @IsOptional() @CleanText() @Length(1, 10, { message: 'typeCode 1–10 karakter' })
  typeCode?: string;

  @ApiPropertyOptional({ description: 'kode klasifikasi dan turunannya (PY.01 menemukan PY.01 dan PY.01.1, bukan PY.010)' })
  @IsOptional() @CleanText() @Length(1, 30, { message: 'classificationCode 1–30 karakter' })
  @Matches(/^[A-Za-z0-9.\-]+$/, { message: 'classificationCode hanya huruf, angka, titik dan tanda hubung' })
  classificationCode?: string;
}

/** GET /api/search. */
export class LetterSearchQueryDto extends LetterTextFiltersDto {
  @ApiPropertyOptional({ enum: ['B', 'T', 'R', 'SR'], enumName: 'SecurityClass' }) @IsOptional() @IsIn(['B', 'T', 'R', 'SR'], { message: 'securityClass harus B, T, R atau SR' })
  securityClass?: SecurityClass;

  @ApiPropertyOptional({ enum: SEARCH_BOXES, enumName: 'SearchBox', description: 'sent: dikirim satker/jabatan Anda; received: diterima satker/jabatan Anda; drafts: konsep yang melibatkan Anda' })
  @IsOptional() @IsIn(SEARCH_BOXES, { message: 'box harus sent, received atau drafts' })
  box?: SearchBox;

  @ApiPropertyOptional({ description: 'keyset: naskah yang lebih lama dari id ini (nextBefore halaman sebelumnya)' }) @IsOptional() @IsEntityId({ bigint: true })
  before?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100, { message: 'pageSize maksimal 100' })
  pageSize?: number;
}
