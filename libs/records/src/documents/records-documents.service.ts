import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, notFound } from '@naskah/core';
import { FilesService } from '@naskah/storage';
import { FINAL_ACTION_LABEL } from '../retention/retention-dates';
import { STEP_LABEL } from '../retention/approval-requirements';
import { ProposalRow, ProposalsRepository } from '../proposals/proposals.repository';
import { indonesianDate, MinutesDocument, renderMinutesPdf } from './minutes-pdf';
import { renderXlsx } from './dossier-list-xlsx';

export type MinutesKind = 'BA_PEMINDAHAN' | 'BA_PEMUSNAHAN' | 'BA_PENYERAHAN' | 'MANIFEST' | 'HANDOVER_PACKAGE';
export type MinutesFormat = 'PDF' | 'XLSX' | 'JSON' | 'ZIP';

const MIME: Record<MinutesFormat, string> = {
  PDF: 'application/pdf', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', JSON: 'application/json', ZIP: 'application/zip',
};
const TITLES = {
  TRANSFER: { list: 'Daftar Arsip Usul Pindah', minutes: 'Berita Acara Pemindahan Arsip Inaktif', prefix: 'BA-PINDAH' },
  DESTROY: { list: 'Daftar Arsip Usul Musnah', minutes: 'Berita Acara Pemusnahan Arsip', prefix: 'BA-MUSNAH' },
  HANDOVER: { list: 'Daftar Arsip Usul Serah', minutes: 'Berita Acara Penyerahan Arsip Statis', prefix: 'BA-SERAH' },
  REVIEW: { list: 'Daftar Arsip Usul Nilai Kembali', minutes: 'Berita Acara Penilaian Kembali', prefix: 'BA-NILAI' },
} as const;
const COLUMNS = [
  { header: 'No', width: 5 }, { header: 'Kode', width: 10 }, { header: 'Uraian berkas', width: 33 }, { header: 'Unit', width: 17 },
  { header: 'Kurun waktu', width: 15 }, { header: 'Jml', width: 5 }, { header: 'Retensi (th)', width: 9 }, { header: 'Keterangan', width: 20 },
];

type Item = Awaited<ReturnType<ProposalsRepository['items']>>[number];

/** Lists and minutes of proposals, rendered from the database and stored with their SHA-256 (records_minutes). */
@Injectable()
export class RecordsDocumentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ProposalsRepository,
    private readonly files: FilesService,
    private readonly clock: Clock,
  ) {}

  async office(em: EntityManager, officeId: number): Promise<{ name: string; city: string; code: string }> {
    const [o] = await em.query('SELECT name, city, code FROM offices WHERE id = ?', [officeId]);
    return { name: String(o.name), city: String(o.city), code: String(o.code) };
  }

  numberOf(p: ProposalRow, officeCode: string, at: Date): string {
    return `${TITLES[p.kind].prefix}/${p.id}/${officeCode}/${new Date(at.getTime() + 7 * 3600_000).getUTCFullYear()}`;
  }

  rows(items: Item[], note: (i: Item) => string): string[][] {
    return items.map((i, n) => [
      String(n + 1), i.classificationCode, i.title, i.unitName, `${i.periodStart}${i.periodEnd && i.periodEnd !== i.periodStart ? ` s.d. ${i.periodEnd}` : ''}`,
      String(i.itemCount), String(i.retentionYears), note(i),
    ]);
  }

  /** The list (daftar usul) of a proposal, rendered on demand from its current items. */
  async renderList(p: ProposalRow, format: 'PDF' | 'XLSX'): Promise<{ data: Buffer; mime: string; filename: string }> {
    const office = await this.office(this.ds.manager, p.officeId);
    const items = await this.repo.items(p.id);
    const title = TITLES[p.kind].list;
    const rows = this.rows(items, (i) => `${i.location ?? ''}${i.finalAction ? ` · ${FINAL_ACTION_LABEL[i.finalAction as never]}` : ''}`.replace(/^ · /, ''));
    const at = this.clock.now();
    const data = format === 'PDF'
      ? await renderMinutesPdf({ title, number: `Usulan ${p.id}`, officeName: office.name, city: office.city, date: at, paragraphs: [`Usulan ${p.id}, status ${p.status}, ${items.length} berkas.`], table: { columns: COLUMNS, rows }, signatures: [{ role: 'Arsiparis', name: '' }] })
      : await renderXlsx([{ name: title, titleLines: [title, office.name, `Usulan ${p.id} · status ${p.status}`], columns: COLUMNS, rows }], { creator: 'Naskah', created: at });
    return { data, mime: MIME[format], filename: `${title.toLowerCase().replace(/\s+/g, '-')}-${p.id}.${format.toLowerCase()}` };
  }

  /** Renders the berita acara of an executed proposal as PDF and XLSX and stores both (idempotent per kind and format). */
  async storeMinutes(em: EntityManager, p: ProposalRow, kind: MinutesKind, extra: { paragraphs: string[]; afterTable?: string[]; manifest?: MinutesDocument['manifest']; items?: Item[] }) {
    const office = await this.office(em, p.officeId);
    const at = this.clock.now();
    const number = this.numberOf(p, office.code, at);
    const items = extra.items ?? (await this.repo.items(p.id, em)).filter((i: Item) => i.outcome === 'DONE');
    const approvals = await this.repo.approvals(p.id, em);
    const title = TITLES[p.kind].minutes;
    const { day, text } = indonesianDate(at);
    const rows = this.rows(items, (i) => (p.kind === 'TRANSFER' ? i.location ?? '' : FINAL_ACTION_LABEL[(i.finalAction ?? 'MUSNAH') as never]));
    const doc: MinutesDocument = {
      title, number, officeName: office.name, city: office.city, date: at,
      paragraphs: [`Pada hari ini ${day}, tanggal ${text}, bertempat di ${office.name}, telah dilaksanakan ${title.toLowerCase().replace('berita acara ', '')} sebagaimana tercantum dalam daftar berikut (usulan ${p.id}).`, ...extra.paragraphs],
      table: { columns: COLUMNS, rows }, afterTable: extra.afterTable, manifest: extra.manifest,
      signatures: approvals.filter((a) => a.decision === 'APPROVED').map((a) => ({ role: `${STEP_LABEL[a.step].replace(/ \(.*\)$/, '')}\n${a.positionTitle}`, name: a.fullName })),
    };
    const pdf = await renderMinutesPdf(doc);
    const xlsx = await renderXlsx([{ name: title, titleLines: [title, office.name, `Nomor ${number}`], columns: COLUMNS, rows }], { creator: 'Naskah', created: at });
    const base = `${TITLES[p.kind].prefix.toLowerCase()}-${p.id}`;
    const stored = [await this.store(em, p.id, kind, 'PDF', number, pdf, `${base}.pdf`), await this.store(em, p.id, kind, 'XLSX', number, xlsx, `${base}.xlsx`)];
    return { number, pdf: stored[0], xlsx: stored[1] };
  }

  /** Stores one document of a proposal once; a replay returns the stored one. */
  async store(em: EntityManager, proposalId: string, kind: MinutesKind, format: MinutesFormat, number: string | null, data: Buffer, filename: string) {
    const [have] = await em.query('SELECT id, file_id, sha256 FROM records_minutes WHERE proposal_id = ? AND kind = ? AND format = ?', [proposalId, kind, format]);
    if (have) return { id: String(have.id), fileId: String(have.file_id), sha256: String(have.sha256), data: (await this.files.read(String(have.file_id), em)).data };
    const file = await this.files.store(em, data, { originalName: filename, mime: MIME[format], createdBy: null });
    const res = await em.query('INSERT INTO records_minutes (proposal_id, kind, format, number, file_id, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      proposalId, kind, format, number, file.id, file.sha256, this.clock.now(),
    ]);
    return { id: String(res.insertId), fileId: file.id, sha256: file.sha256, data };
  }

  /**
   * Like store(), for a document too large for memory (the handover package): `make` is called
   * only when the document does not exist yet, and its stream goes straight to storage.
   */
  async storeStream(em: EntityManager, proposalId: string, kind: MinutesKind, format: MinutesFormat, number: string | null, make: () => Readable, filename: string) {
    const [have] = await em.query('SELECT id, file_id, sha256 FROM records_minutes WHERE proposal_id = ? AND kind = ? AND format = ?', [proposalId, kind, format]);
    if (have) return { id: String(have.id), fileId: String(have.file_id), sha256: String(have.sha256) };
    const file = await this.files.storeStream(em, make(), { originalName: filename, mime: MIME[format], createdBy: null });
    const res = await em.query('INSERT INTO records_minutes (proposal_id, kind, format, number, file_id, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      proposalId, kind, format, number, file.id, file.sha256, this.clock.now(),
    ]);
    return { id: String(res.insertId), fileId: file.id, sha256: file.sha256, sizeBytes: file.sizeBytes };
  }

  /** Like read(), as a stream checked against the recorded SHA-256 (for documents of any size). */
  async readStream(proposalId: string, documentId: string) {
    const [m] = /^\d+$/.test(documentId) ? await this.ds.query('SELECT file_id FROM records_minutes WHERE id = ? AND proposal_id = ?', [documentId, proposalId]) : [];
    if (!m) throw notFound('Dokumen', documentId);
    return this.files.readStream(String(m.file_id));
  }

  async read(proposalId: string, documentId: string) {
    const [m] = /^\d+$/.test(documentId) ? await this.ds.query('SELECT file_id FROM records_minutes WHERE id = ? AND proposal_id = ?', [documentId, proposalId]) : [];
    if (!m) throw notFound('Dokumen', documentId);
    return this.files.read(String(m.file_id));
  }
}
