import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { CleanText, QueryInt } from '@naskah/core';
import { WORK_QUEUES } from '@naskah/correspondence';
import type * as C from '@naskah/correspondence';
import type { WorkSort } from '@naskah/db';
import type * as W from '@naskah/worklist';
import { APPROVAL_STEP, DOSSIER_ITEM_KIND, PROPOSAL_KIND, SECURITY_CLASS, URGENCY, WORK_ITEM_KIND, WORK_QUEUE, WORK_SORT } from '../common/dto/enums.view';
import type { Conforms } from '../common/dto/refs.view';

type WorkPageModel = Awaited<ReturnType<W.WorklistService['list']>>;

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

export class QueueSummaryDto implements W.QueueSummary {
  @ApiProperty({ enum: WORK_QUEUE, enumName: 'WorkQueue' }) queue: C.WorkQueue;
  @ApiProperty({ example: 'Perlu paraf' }) label: string;
  @ApiProperty({ description: 'false: bukan antrean pengguna ini (jumlahnya 0)' }) applies: boolean;
  @ApiProperty() count: number;
  // typed as the service types it (a record of counts); documented as what it holds: only the dispositions queue has it
  @ApiPropertyOptional({ type: DispositionSubCountsDto, description: 'dispositions: belum dibaca, segera jatuh tempo, terlambat' }) sub?: Record<string, number>;
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-09-05', description: 'antrean riwayat (no-follow-up, unfiled): melihat sejak tanggal ini (WIB)' }) since?: string;
  @ApiPropertyOptional({ description: 'antrean riwayat (no-follow-up, unfiled) dihitung sampai 1.000: true bila lebih dari `count` menunggu (the count stops at the cap)' }) capped?: boolean;
}

export class WorklistCountsDto implements W.WorklistCounts {
  @ApiProperty({ type: String, format: 'date-time' }) asOf: Date;
  @ApiProperty({ type: [Number], description: 'jabatan yang dibaca: sendiri dan Plt/Plh hari ini' }) positionIds: number[];
  @ApiProperty({ description: 'jumlah semua antrean (satu surat bisa ada di dua antrean)' }) total: number;
  @ApiProperty({ type: [QueueSummaryDto] }) queues: QueueSummaryDto[];
}
type CountsCheck = Conforms<W.WorklistCounts, WorklistCountsDto>;

export class DossierSuggestionDto implements NonNullable<C.WorkItem['suggestion']> {
  @ApiProperty() dossierId: string;
  @ApiProperty() title: string;
  @ApiProperty() classificationCode: string;
  @ApiProperty({ example: 'kode klasifikasi sama, unit kerja sama' }) reason: string;
}

export class WorkItemDto implements C.WorkItem {
  @ApiProperty({ description: 'id dari yang dibuka (naskah, surat masuk, disposisi, usulan); unik dalam antreannya' }) id: string;
  @ApiProperty({ enum: WORK_ITEM_KIND, enumName: 'WorkItemKind' }) kind: C.WorkItem['kind'];
  @ApiProperty({ type: String, nullable: true }) letterId: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveryId: string | null;
  @ApiProperty({ type: String, nullable: true }) dispositionId: string | null;
  @ApiProperty({ type: String, nullable: true }) proposalId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'hal naskah atau judul usulan; null bila tidak boleh dilihat' }) subject: string | null;
  @ApiProperty({ type: String, nullable: true }) number: string | null;
  @ApiProperty({ type: String, nullable: true }) typeCode: string | null;
  @ApiProperty({ enum: URGENCY, enumName: 'Urgency', description: 'disposisi: prioritasnya' }) urgency: C.Urgency;
  @ApiProperty({ enum: SECURITY_CLASS, enumName: 'SecurityClass', nullable: true, description: 'null: usulan' }) securityClass: string | null;
  @ApiProperty({ description: 'status naskah, pengiriman atau disposisi, menurut kind; usulan: SUBMITTED' }) status: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'tanggal urutan antrean' }) date: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'jabatan (sendiri atau Plt/Plh) yang antreannya memuat ini' }) positionId: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'pengirim (surat masuk) atau pemberi disposisi' }) from: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'batas waktu disposisi' }) deadline: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ enum: PROPOSAL_KIND, enumName: 'ProposalKind', nullable: true }) proposalKind: string | null;
  @ApiProperty({ enum: APPROVAL_STEP, enumName: 'ApprovalStep', nullable: true }) approvalStep: string | null;
  @ApiProperty({ type: Number, nullable: true }) itemCount: number | null;
  @ApiProperty({ enum: DOSSIER_ITEM_KIND, enumName: 'DossierItemKind', nullable: true }) recordKind: C.WorkItem['recordKind'];
  @ApiProperty({ type: DossierSuggestionDto, nullable: true }) suggestion: DossierSuggestionDto | null;
}

export class WorkPageDto implements WorkPageModel {
  @ApiProperty({ enum: WORK_QUEUE, enumName: 'WorkQueue' }) queue: C.WorkQueue;
  @ApiProperty({ enum: WORK_SORT, enumName: 'WorkSort' }) sort: WorkSort;
  @ApiProperty({ type: [WorkItemDto] }) items: WorkItemDto[];
  @ApiProperty() hasMore: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'berikan sebagai cursor untuk halaman berikutnya (sort dan q yang sama)' }) nextCursor: string | null;
}
type PageCheck = Conforms<WorkPageModel, WorkPageDto>;
