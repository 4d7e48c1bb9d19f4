import { Injectable } from '@nestjs/common';
import { ReadReplicas } from '@naskah/db';
import { Principal } from '@naskah/identity';
import { notAllowed, unprocessableField } from '../records.errors';
import { RecordsViewerService } from '../access/records-viewer.service';
import { periodsOf, toIsoDate } from '../retention/calendar';
import { FINAL_ACTION_LABEL } from '../retention/retention-dates';
import { mayViewProposal } from '../proposals/proposals.repository';
import { RetentionRulesService } from '../schedule/retention-rules.service';
import { renderXlsx, XlsxSheet } from '../documents/dossier-list-xlsx';

const KIND_SQL = `CASE WHEN status = 'CLOSED' THEN 'TRANSFER' WHEN final_action = 'MUSNAH' THEN 'DESTROY' WHEN final_action = 'PERMANEN' THEN 'HANDOVER' ELSE 'REVIEW' END`;
const COLUMNS = [
  { header: 'No', width: 5 }, { header: 'Kode klasifikasi', width: 14 }, { header: 'Uraian berkas', width: 44 }, { header: 'Kurun waktu', width: 22 },
  { header: 'Jumlah', width: 8 }, { header: 'Keamanan', width: 9 }, { header: 'Lokasi', width: 24 }, { header: 'Aktif s.d.', width: 12 },
  { header: 'Inaktif s.d.', width: 12 }, { header: 'Nasib akhir', width: 14 }, { header: 'Keterangan', width: 18 },
];

/** Reports of the office's archive: Daftar Arsip Aktif / Inaktif per unit (XLSX) and the retention dashboard. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly replicas: ReadReplicas,
    private readonly viewers: RecordsViewerService,
    private readonly rules: RetentionRulesService,
  ) {}

  private async officeOf(p: Principal): Promise<number> {
    const v = await this.viewers.viewerOf(p);
    if (!v.officeId || !mayViewProposal(v, v.officeId)) throw notAllowed('RECORDS_ROLE_REQUIRED', 'Laporan arsip hanya untuk arsiparis, pejabat penyetuju dan pimpinan satker');
    return v.officeId;
  }

  /** Daftar Arsip Aktif (ACTIVE and CLOSED dossiers) or Inaktif (INACTIVE, REVIEW), one sheet per unit. */
  async dossierList(p: Principal, kind: 'AKTIF' | 'INAKTIF', unitId?: number): Promise<{ data: Buffer; filename: string }> {
    const officeId = await this.officeOf(p);
    // the list is an official document of this office: for a unit it does not have, it would say that unit holds nothing
    // reports tolerate a few seconds of staleness: a healthy replica (who may read them was decided on the primary above)
    const db = await this.replicas.reader(p);
    if (unitId !== undefined) {
      const [unit] = await db.query('SELECT id FROM units WHERE id = ? AND office_id = ?', [unitId, officeId]);
      if (!unit) throw unprocessableField('unitId', 'unit kerja tidak ada di satker Anda', 'UNKNOWN_UNIT');
    }
    const statuses = kind === 'AKTIF' ? ['ACTIVE', 'CLOSED'] : ['INACTIVE', 'REVIEW'];
    const rows = await db.query(
      `SELECT d.*, u.name AS unit_name, o.name AS office_name FROM dossiers d JOIN units u ON u.id = d.unit_id JOIN offices o ON o.id = d.office_id
       WHERE d.office_id = ? AND d.status IN (?, ?)${unitId ? ' AND d.unit_id = ?' : ''} ORDER BY u.id, d.classification_code, d.period_start, d.id LIMIT 100000`,
      [officeId, ...statuses, ...(unitId ? [unitId] : [])],
    );
    const [office] = await db.query('SELECT name FROM offices WHERE id = ?', [officeId]);
    const byUnit = new Map<string, Record<string, unknown>[]>();
    for (const r of rows) byUnit.set(String(r.unit_name), [...(byUnit.get(String(r.unit_name)) ?? []), r]);
    const title = `Daftar Arsip ${kind === 'AKTIF' ? 'Aktif' : 'Inaktif'}`;
    const sheets: XlsxSheet[] = [...byUnit].map(([unit, list]) => ({
      name: unit, titleLines: [title, String(office.name), `Unit pengolah: ${unit}`], columns: COLUMNS,
      rows: list.map((r, i) => [
        i + 1, String(r.classification_code), String(r.title), `${toIsoDate(r.period_start)}${r.period_end ? ` s.d. ${toIsoDate(r.period_end)}` : ''}`, Number(r.item_count), String(r.security_class),
        (r.location as string) ?? '', toIsoDate(r.active_until), toIsoDate(r.inactive_until), r.final_action ? FINAL_ACTION_LABEL[r.final_action as never] : '',
        Number(r.hold_count) > 0 ? 'dibekukan (hold)' : String(r.status),
      ]),
    }));
    if (!sheets.length) sheets.push({ name: title, titleLines: [title, String(office.name), 'Tidak ada berkas'], columns: COLUMNS, rows: [] });
    const data = await renderXlsx(sheets, { creator: 'Naskah', created: new Date() });
    return { data, filename: `daftar-arsip-${kind.toLowerCase()}${unitId ? `-unit-${unitId}` : ''}.xlsx` };
  }

  async dashboard(p: Principal) {
    const officeId = await this.officeOf(p);
    const today = this.rules.today();
    const { month, quarter } = periodsOf(today);
    const db = await this.replicas.reader(p);
    const [due, byFinal, byStatus, holds, proposals, flagged, current] = await Promise.all([
      db.query(
        `SELECT kind, SUM(due BETWEEN ? AND ?) AS month, SUM(due BETWEEN ? AND ?) AS quarter, SUM(due < ?) AS overdue
         FROM (SELECT ${KIND_SQL} AS kind, CASE WHEN status = 'CLOSED' THEN active_until ELSE inactive_until END AS due FROM dossiers WHERE office_id = ? AND status IN ('CLOSED', 'INACTIVE')) x GROUP BY kind`,
        [month[0], month[1], quarter[0], quarter[1], today, officeId],
      ),
      db.query(`SELECT final_action, COUNT(*) AS n FROM dossiers WHERE office_id = ? AND status NOT IN ('DESTROYED', 'HANDED_OVER') GROUP BY final_action`, [officeId]),
      db.query('SELECT status, COUNT(*) AS n FROM dossiers WHERE office_id = ? GROUP BY status', [officeId]),
      db.query(`SELECT COUNT(*) AS holds, (SELECT COUNT(*) FROM dossiers WHERE office_id = ? AND hold_count > 0) AS held FROM records_holds WHERE office_id = ? AND status <> 'LIFTED'`, [officeId, officeId]),
      db.query(`SELECT kind, status, COUNT(*) AS n FROM records_proposals WHERE office_id = ? AND status NOT IN ('EXECUTED', 'REJECTED', 'CANCELLED') GROUP BY kind, status`, [officeId]),
      db.query(`SELECT COUNT(*) AS n FROM dossiers WHERE office_id = ? AND reappraisal_needed = 1 AND status NOT IN ('DESTROYED', 'HANDED_OVER')`, [officeId]),
      this.rules.current(),
    ]);
    const kinds = ['TRANSFER', 'DESTROY', 'HANDOVER', 'REVIEW'];
    const pick = (col: 'month' | 'quarter' | 'overdue') => Object.fromEntries(kinds.map((k) => [k, Number(due.find((r: { kind: string }) => r.kind === k)?.[col] ?? 0)]));
    return {
      officeId, today, month: { from: month[0], to: month[1] }, quarter: { from: quarter[0], to: quarter[1] },
      demoSchedule: current.demoSchedule, scheduleVersion: current.version?.version ?? null,
      dueThisMonth: pick('month'), dueThisQuarter: pick('quarter'), overdue: pick('overdue'),
      byFinalAction: Object.fromEntries(byFinal.map((r: { final_action: string | null; n: string }) => [r.final_action ?? 'NONE', Number(r.n)])),
      byStatus: Object.fromEntries(byStatus.map((r: { status: string; n: string }) => [r.status, Number(r.n)])),
      holdsInForce: Number(holds[0].holds), heldDossiers: Number(holds[0].held),
      openProposals: proposals.map((r: { kind: string; status: string; n: string }) => ({ kind: r.kind, status: r.status, count: Number(r.n) })),
      reappraisalNeeded: Number(flagged[0].n),
    };
  }
}
