import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { CleanText, IsCalendarDate, IsEntityId, NestedObject, QueryId, QueryInt } from '@naskah/core';

export class ImportScheduleDto {
  @ApiProperty({ description: 'isi CSV: kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber[,pemicu]' }) @CleanText({ multiline: true }) @Length(1, 1_900_000)
  csv: string;

  @ApiProperty({ example: '2026-01-01', description: 'tanggal berlaku versi JRA ini' }) @IsCalendarDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: 'JRA PKPU 17/2023' }) @IsOptional() @CleanText() @MaxLength(200)
  label?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(255)
  filename?: string;
}

/** The text fields of the multipart upload of a JRA (the CSV comes in the part "file"). */
export class ImportScheduleFormDto {
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate()
  effectiveFrom: string;

  @ApiPropertyOptional({ example: 'JRA PKPU 17/2023' }) @IsOptional() @CleanText() @MaxLength(200)
  label?: string;
}

export class ScheduleQueryDto {
  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(100)
  q?: string;
}

export class CreateDossierDto {
  @ApiProperty() @IsEntityId()
  unitId: number;

  @ApiProperty({ example: 'TU.05.1' }) @CleanText() @Length(2, 30)
  classificationCode: string;

  @ApiProperty() @CleanText() @Length(3, 500)
  title: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate()
  periodStart: string;

  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsCalendarDate()
  periodEnd?: string;

  @ApiPropertyOptional({ description: 'lokasi fisik (lemari, rak, boks)' }) @IsOptional() @CleanText() @MaxLength(300)
  location?: string;

  @ApiPropertyOptional({ enum: ['B', 'T', 'R', 'SR'] }) @IsOptional() @IsIn(['B', 'T', 'R', 'SR'])
  securityClass?: 'B' | 'T' | 'R' | 'SR';
}

export class UpdateDossierDto {
  @ApiProperty() @IsInt() @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @Length(3, 500)
  title?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  periodEnd?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(300)
  location?: string;
}

export class DossierQueryDto {
  @ApiPropertyOptional({ enum: ['ACTIVE', 'CLOSED', 'INACTIVE', 'REVIEW', 'DESTROYED', 'HANDED_OVER'] }) @IsOptional() @IsIn(['ACTIVE', 'CLOSED', 'INACTIVE', 'REVIEW', 'DESTROYED', 'HANDED_OVER'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @QueryId()
  unitId?: number;

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(30)
  classificationCode?: string;

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @QueryInt() @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsEntityId({ bigint: true })
  afterId?: string;
}

export class RecordRefDto {
  @ApiPropertyOptional({ description: 'naskah keluar (atau surat masuk satker ini)' }) @IsOptional() @IsEntityId({ bigint: true })
  letterId?: string;

  @ApiPropertyOptional({ description: 'surat masuk (penerimaan) satker ini' }) @IsOptional() @IsEntityId({ bigint: true })
  deliveryId?: string;
}

export class VersionDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class CloseDossierDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  version?: number;

  @ApiPropertyOptional({
    example: '2019-06-30',
    description: 'tanggal tutup lampau untuk arsip lama (default hari ini, Asia/Jakarta): tidak sesudah hari ini, tidak sebelum periodStart, dan tidak sebelum periodEnd berkas bila ada',
  })
  @IsOptional() @IsCalendarDate()
  closedOn?: string;

  @ApiPropertyOptional({ example: 'Arsip Pemilu 2019 yang baru dientri', description: 'wajib (5–1000 karakter) bila closedOn sebelum hari ini' })
  @IsOptional() @CleanText({ multiline: true }) @MaxLength(1000)
  reason?: string;
}

export class EventDateDto {
  @ApiProperty({ example: '2027-06-30' }) @IsCalendarDate()
  eventDate: string;

  @ApiPropertyOptional({ example: 'Keputusan dicabut' }) @IsOptional() @CleanText({ multiline: true }) @MaxLength(500)
  note?: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ReappraisalDto {
  @ApiProperty({ enum: ['EXTEND', 'CHANGE_FINAL_ACTION', 'APPLY_RULE'] }) @IsIn(['EXTEND', 'CHANGE_FINAL_ACTION', 'APPLY_RULE'])
  decision: 'EXTEND' | 'CHANGE_FINAL_ACTION' | 'APPLY_RULE';

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100)
  extraYears?: number;

  @ApiPropertyOptional({ enum: ['MUSNAH', 'PERMANEN', 'DINILAI_KEMBALI'] }) @IsOptional() @IsIn(['MUSNAH', 'PERMANEN', 'DINILAI_KEMBALI'])
  finalAction?: 'MUSNAH' | 'PERMANEN' | 'DINILAI_KEMBALI';

  @ApiProperty() @CleanText({ multiline: true }) @Length(5, 2000)
  reason: string;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class CreateProposalDto {
  @ApiProperty({ enum: ['TRANSFER', 'DESTROY', 'HANDOVER', 'REVIEW'] }) @IsIn(['TRANSFER', 'DESTROY', 'HANDOVER', 'REVIEW'])
  kind: 'TRANSFER' | 'DESTROY' | 'HANDOVER' | 'REVIEW';

  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsEntityId({ bigint: true, each: true })
  dossierIds: string[];

  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(300)
  title?: string;
}

export class ProposalItemsDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @IsEntityId({ bigint: true, each: true })
  dossierIds: string[];
}

export class ProposalQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsIn(['TRANSFER', 'DESTROY', 'HANDOVER', 'REVIEW'])
  kind?: string;

  @ApiPropertyOptional() @IsOptional() @IsIn(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXECUTING', 'PACKAGED', 'EXECUTED', 'CANCELLED'])
  status?: string;

  @ApiPropertyOptional() @IsOptional() @QueryInt() @Min(1) @Max(200)
  limit?: number;
}

export class DecisionDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) @IsIn(['APPROVED', 'REJECTED'])
  decision: 'APPROVED' | 'REJECTED';

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ example: '2027-03-02', description: 'hanya untuk REJECTED: berkasnya tidak diusulkan lagi sebelum tanggal ini (sesudah hari ini, paling lama 10 tahun; default satu tahun)' })
  @IsOptional() @IsCalendarDate()
  notBefore?: string;
}

export class ExecuteDto {
  @ApiPropertyOptional({ description: 'pemindahan: lokasi simpan di pusat arsip' }) @IsOptional() @CleanText() @MaxLength(300)
  location?: string;
}

export class ReceiptDto {
  @ApiProperty({ example: 'Dinas Perpustakaan dan Kearsipan Kabupaten Sumbawa' }) @CleanText() @Length(3, 300)
  archiveName: string;

  @ApiProperty() @CleanText() @Length(1, 120)
  receiptNumber: string;

  @ApiProperty({ example: '2041-03-01' }) @IsCalendarDate()
  receivedOn: string;

  @ApiProperty() @CleanText() @Length(3, 200)
  receivedByName: string;

  @ApiPropertyOptional() @IsOptional() @CleanText({ multiline: true }) @MaxLength(2000)
  note?: string;
}

export class DocumentFormatDto {
  @ApiPropertyOptional({ enum: ['pdf', 'xlsx'] }) @IsOptional() @IsIn(['pdf', 'xlsx'])
  format?: 'pdf' | 'xlsx';
}

export class HoldScopeDto {
  @ApiPropertyOptional({ example: 'KU' }) @IsOptional() @CleanText() @Length(2, 30)
  classificationCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsEntityId()
  unitId?: number;

  @ApiPropertyOptional({ example: '2024-01-01' }) @IsOptional() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2024-12-31' }) @IsOptional() @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100_000) @IsEntityId({ bigint: true, each: true })
  dossierIds?: string[];
}

export class CreateHoldDto {
  @ApiProperty({ example: 'Pemeriksaan BPK 2026' }) @CleanText() @Length(3, 300)
  caseName: string;

  @ApiProperty() @CleanText({ multiline: true }) @Length(3, 5000)
  reason: string;

  @ApiProperty({ type: HoldScopeDto }) @NestedObject(() => HoldScopeDto)
  scope: HoldScopeDto;
}

export class HoldPreviewDto {
  @ApiProperty({ type: HoldScopeDto }) @NestedObject(() => HoldScopeDto)
  scope: HoldScopeDto;
}

export class LiftHoldDto {
  @ApiProperty() @CleanText({ multiline: true }) @Length(3, 2000)
  reason: string;
}

export class HoldQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsIn(['APPLYING', 'IN_FORCE', 'LIFTED'])
  status?: string;
}

export class DossierListReportDto {
  @ApiProperty({ enum: ['AKTIF', 'INAKTIF'] }) @IsIn(['AKTIF', 'INAKTIF'])
  kind: 'AKTIF' | 'INAKTIF';

  @ApiPropertyOptional() @IsOptional() @QueryId()
  unitId?: number;
}
