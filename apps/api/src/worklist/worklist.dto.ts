import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { CleanText, QueryInt } from '@naskah/core';
import { WORK_QUEUES } from '@naskah/correspondence';

/** A page of a work queue: keyset (`cursor` from the previous page), sorted by date or urgency, with text search. */
export class WorkListQueryDto {
  @ApiPropertyOptional({ enum: ['date', 'urgency'], default: 'date', description: 'date: terbaru dulu; urgency: Amat Segera dulu, lalu terbaru' })
  @IsOptional() @IsIn(['date', 'urgency'], { message: 'sort harus date atau urgency' })
  sort?: 'date' | 'urgency';

  @ApiPropertyOptional({ description: 'nextCursor dari halaman sebelumnya (dengan sort dan q yang sama)' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: 'cursor: kursor dari nextCursor (unknown cursor)' })
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 }) @IsOptional() @QueryInt() @Min(1) @Max(100, { message: 'pageSize maksimal 100' })
  pageSize?: number;

  @ApiPropertyOptional({ description: 'teks dalam hal, nomor (atau pengirim); % dan _ dicari apa adanya' }) @IsOptional() @CleanText() @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ['unread', 'due-soon', 'overdue'], description: 'hanya untuk antrean dispositions' })
  @IsOptional() @IsIn(['unread', 'due-soon', 'overdue'], { message: 'filter harus unread, due-soon atau overdue' })
  filter?: 'unread' | 'due-soon' | 'overdue';
}

export class DispositionSubCountsDto {
  @ApiProperty() unread: number;
  @ApiProperty({ name: 'due-soon', description: 'batas waktu dalam 2 hari kerja' }) 'due-soon': number;
  @ApiProperty() overdue: number;
}

export class QueueSummaryDto {
  @ApiProperty({ enum: WORK_QUEUES }) queue: string;
  @ApiProperty({ example: 'Perlu paraf' }) label: string;
  @ApiProperty({ description: 'false: bukan antrean pengguna ini (jumlahnya 0)' }) applies: boolean;
  @ApiProperty() count: number;
  @ApiPropertyOptional({ type: DispositionSubCountsDto, description: 'dispositions: belum dibaca, segera jatuh tempo, terlambat' }) sub?: DispositionSubCountsDto;
  @ApiPropertyOptional({ example: '2026-09-05', description: 'antrean riwayat (no-follow-up, unfiled): melihat sejak tanggal ini (WIB)' }) since?: string;
}

export class WorklistCountsDto {
  @ApiProperty({ type: String, format: 'date-time' }) asOf: Date;
  @ApiProperty({ type: [Number], description: 'jabatan yang dibaca: sendiri dan Plt/Plh hari ini' }) positionIds: number[];
  @ApiProperty({ description: 'jumlah semua antrean (satu surat bisa ada di dua antrean)' }) total: number;
  @ApiProperty({ type: [QueueSummaryDto] }) queues: QueueSummaryDto[];
}

export class DossierSuggestionDto {
  @ApiProperty() dossierId: string;
  @ApiProperty() title: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty({ example: 'kode klasifikasi sama, unit kerja sama' }) reason: string;
}

export class WorkItemDto {
  @ApiProperty({ description: 'id dari yang dibuka (naskah, surat masuk, disposisi, usulan); unik dalam antreannya' }) id: string;
  @ApiProperty({ enum: ['LETTER', 'DELIVERY', 'DISPOSITION', 'PROPOSAL'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) letterId: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveryId: string | null;
  @ApiProperty({ type: String, nullable: true }) dispositionId: string | null;
  @ApiProperty({ type: String, nullable: true }) proposalId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'hal naskah atau judul usulan; null bila tidak boleh dilihat' }) subject: string | null;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ type: String, nullable: true }) typeCode: string | null;
  @ApiProperty({ enum: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] }) urgency: string;
  @ApiProperty({ type: String, nullable: true, enum: ['B', 'T', 'R', 'SR'] }) securityClass: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'tanggal urutan antrean' }) date: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'jabatan (sendiri atau Plt/Plh) yang antreannya memuat ini' }) positionId: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'pengirim (surat masuk) atau pemberi disposisi' }) from: string | null;
  @ApiProperty({ type: String, nullable: true }) deadline: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) proposalKind: string | null;
  @ApiProperty({ type: String, nullable: true }) approvalStep: string | null;
  @ApiProperty({ type: Number, nullable: true }) itemCount: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['OUTGOING', 'INCOMING'] }) recordKind: string | null;
  @ApiProperty({ type: DossierSuggestionDto, nullable: true }) suggestion: DossierSuggestionDto | null;
}

export class WorkPageDto {
  @ApiProperty({ enum: WORK_QUEUES }) queue: string;
  @ApiProperty({ enum: ['date', 'urgency'] }) sort: string;
  @ApiProperty({ type: [WorkItemDto] }) items: WorkItemDto[];
  @ApiProperty() hasMore: boolean;
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
