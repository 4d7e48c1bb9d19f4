import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { CleanText, IsCalendarDate, IsEntityId, QueryId, QueryInt } from '@naskah/core';

const CODE = /^[A-Z0-9_]{2,40}$/;
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value);

/** Who, what, by when: the body of a disposition (also of a re-disposition and a prepared one). */
export class DispositionInputDto {
  @ApiProperty({ type: [Number], description: 'jabatan penerima, di bawah jabatan Anda dalam satker yang sama' })
  @IsArray() @ArrayMinSize(1, { message: 'recipientPositionIds minimal satu penerima' }) @ArrayMaxSize(50) @IsEntityId({ each: true })
  recipientPositionIds: number[];

  @ApiProperty({ type: [String], example: ['TINDAK_LANJUTI'], description: 'kode dari GET /api/disposition-instructions' })
  @IsArray() @ArrayMinSize(1, { message: 'instructionCodes minimal satu instruksi' }) @ArrayMaxSize(20) @Matches(CODE, { each: true, message: 'instructionCodes berisi kode instruksi (A-Z, 0-9, _)' })
  instructionCodes: string[];

  @ApiPropertyOptional({ description: 'catatan / arahan' }) @IsOptional() @CleanText({ multiline: true }) @MaxLength(4000, { message: 'note maksimal 4000 karakter' })
  note?: string;

  @ApiPropertyOptional({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'], default: 'BIASA' }) @IsOptional() @IsIn(['BIASA', 'SEGERA', 'AMAT_SEGERA'], { message: 'priority harus BIASA, SEGERA atau AMAT_SEGERA' })
  priority?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';

  @ApiPropertyOptional({ description: 'batas waktu (YYYY-MM-DD, WIB)' }) @IsOptional() @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ description: 'atau: N hari kerja dari hari ini (kalender libur nasional dan cuti bersama)' }) @IsOptional() @IsInt() @Min(1) @Max(260)
  workingDays?: number;
}

export class IssueDispositionDto extends DispositionInputDto {
  @ApiProperty({ description: 'surat masuk (delivery) yang didisposisikan' }) @IsEntityId({ bigint: true })
  deliveryId: string;
}

export class FollowUpDto {
  @ApiProperty({ description: 'laporan tindak lanjut' }) @CleanText({ multiline: true }) @Length(3, 10000, { message: 'body wajib diisi (3–10000 karakter)' })
  body: string;

  @ApiPropertyOptional({ type: [String], description: 'berkas yang sudah diunggah ke disposisi ini' }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsEntityId({ bigint: true, each: true })
  attachmentFileIds?: string[];

  @ApiPropertyOptional({ description: 'naskah jawaban' }) @IsOptional() @IsEntityId({ bigint: true })
  replyLetterId?: string;
}

/** Completing: the report may come with it, or have been added before. */
export class CompleteDto {
  @ApiPropertyOptional({ description: 'laporan tindak lanjut akhir' }) @IsOptional() @CleanText({ multiline: true }) @Length(3, 10000, { message: 'body 3–10000 karakter' })
  body?: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsEntityId({ bigint: true, each: true })
  attachmentFileIds?: string[];

  @ApiPropertyOptional() @IsOptional() @IsEntityId({ bigint: true })
  replyLetterId?: string;
}

export class CancelDispositionDto {
  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(2000)
  reason?: string;
}

export class DeadlineDto {
  @ApiPropertyOptional({ description: 'batas waktu baru (YYYY-MM-DD)' }) @IsOptional() @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ description: 'atau N hari kerja dari hari ini' }) @IsOptional() @IsInt() @Min(1) @Max(260)
  workingDays?: number;

  @ApiProperty({ description: 'versi disposisi yang Anda lihat' }) @IsInt() @Min(1)
  version: number;
}

export class ReplyLetterDto {
  @ApiPropertyOptional({ example: 'SD' }) @IsOptional() @CleanText() @Length(1, 10)
  typeCode?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(3, 500)
  subject?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @Length(1, 200000)
  body?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(2, 30)
  classificationCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  signerPositionId?: number;
}

export class DispositionListQueryDto {
  @ApiPropertyOptional({ enum: ['UNREAD', 'READ', 'IN_PROGRESS', 'DONE', 'CANCELLED'] }) @IsOptional()
  @IsIn(['UNREAD', 'READ', 'IN_PROGRESS', 'DONE', 'CANCELLED'], { message: 'status harus UNREAD, READ, IN_PROGRESS, DONE atau CANCELLED' })
  status?: 'UNREAD' | 'READ' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

  @ApiPropertyOptional({ description: 'hanya yang melewati batas waktu' }) @IsOptional() @Transform(toBool) @IsBoolean({ message: 'overdue harus true atau false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'hanya yang jatuh tempo dalam 2 hari kerja' }) @IsOptional() @Transform(toBool) @IsBoolean({ message: 'dueSoon harus true atau false' })
  dueSoon?: boolean;

  @ApiPropertyOptional() @IsOptional() @QueryId()
  positionId?: number;

  @ApiPropertyOptional({ default: 1 }) @IsOptional() @QueryInt() @Min(1) @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100, { message: 'pageSize maksimal 100' })
  pageSize?: number;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @QueryInt() @Min(1) @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100)
  pageSize?: number;
}
