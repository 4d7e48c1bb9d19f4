import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Length, Max, Min } from 'class-validator';
import { CleanText, IsCalendarDate, IsEntityId, QueryId, QueryInt } from '@naskah/core';
import { INBOX_SORTS, type InboxSort } from '@naskah/correspondence';
import { LetterTextFiltersDto } from './search.dto';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value);

/** Filters of the inbox (naskah masuk). Pagination: `before` (keyset, fast at any depth) or `page`. */
export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'hanya yang belum dibaca' }) @IsOptional() @Transform(toBool) @IsBoolean({ message: 'unread harus true atau false' })
  unread?: boolean;

  @ApiPropertyOptional({ description: 'jenis naskah, mis. SD' }) @IsOptional() @CleanText() @Length(1, 10)
  typeCode?: string;

  @ApiPropertyOptional({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) @IsOptional() @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'], { message: 'urgency harus BIASA, SEGERA atau AMAT_SEGERA' })
  urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiPropertyOptional({ description: 'diterima sejak tanggal (YYYY-MM-DD, WIB)' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'diterima sampai tanggal (YYYY-MM-DD, WIB, inklusif)' }) @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'teks dalam hal, nomor atau nama pengirim' }) @IsOptional() @CleanText() @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ['TO', 'CC'], description: 'CC: hanya tembusan' }) @IsOptional() @IsIn(['TO', 'CC'])
  kind?: 'TO' | 'CC';

  @ApiPropertyOptional({ description: 'hanya satu jabatan yang Anda pegang (sendiri atau Plt/Plh)' }) @IsOptional() @QueryId()
  positionId?: number;

  @ApiPropertyOptional({ description: 'keyset: surat yang lebih lama dari id ini (nextBefore dari halaman sebelumnya); hanya dengan urutan -receivedAt' }) @IsOptional() @IsEntityId({ bigint: true })
  before?: string;

  @ApiPropertyOptional({
    enum: INBOX_SORTS,
    enumName: 'InboxSort',
    default: '-receivedAt',
    description: 'urutan: diterima terbaru/terlama (-receivedAt/receivedAt), sifat paling segera dulu/terakhir (-urgency/urgency), pengirim A–Z/Z–A (sender/-sender); yang sama terbaru dulu pada -urgency dan sender, urutan kebalikannya tepat terbalik. Selain -receivedAt, halaman memakai page',
  })
  @IsOptional()
  @IsIn(INBOX_SORTS, { message: `sort harus salah satu dari: ${INBOX_SORTS.join(', ')}` })
  sort?: InboxSort;

  @ApiPropertyOptional({ default: 1 }) @IsOptional() @QueryInt() @Min(1) @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100, { message: 'pageSize maksimal 100' })
  pageSize?: number;
}

/** The drafter's boxes, with the search's filters (q, from, to, typeCode, classificationCode). */
export class OutboxQueryDto extends LetterTextFiltersDto {
  @ApiPropertyOptional({ enum: ['drafts', 'in-review', 'awaiting-review', 'awaiting-signature', 'sent'], default: 'drafts' })
  @IsOptional()
  @IsIn(['drafts', 'in-review', 'awaiting-review', 'awaiting-signature', 'sent'], { message: 'box harus drafts, in-review, awaiting-review, awaiting-signature atau sent' })
  box?: 'drafts' | 'in-review' | 'awaiting-review' | 'awaiting-signature' | 'sent';

  @ApiPropertyOptional({ description: 'keyset: naskah yang lebih lama dari id ini (nextBefore dari halaman sebelumnya)' }) @IsOptional() @IsEntityId({ bigint: true })
  before?: string;

  @ApiPropertyOptional({ default: 1 }) @IsOptional() @QueryInt() @Min(1) @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100, { message: 'pageSize maksimal 100' })
  pageSize?: number;
}

