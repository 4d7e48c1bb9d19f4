import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@naskah/core';
import { likeContains, likeStartsWith } from '@naskah/db';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import type { SecurityClass } from '@naskah/correspondence';
import { field, notAllowed, unprocessableField, versionConflict, wrongStatus } from '../records.errors';
import { actorOf, RecordsViewerService } from '../access/records-viewer.service';
import { isArchivistOf, mayFileInto, RecordsViewer } from '../access/dossier-access';
import { stepsHeldBy } from '../retention/approval-requirements';
import { isIsoDate, jakartaDate } from '../retention/calendar';
import { closingDate } from '../retention/closing-date';
import { computeRetention, ruleAtScheduling, sweepDueOf } from '../retention/retention-dates';
import { RetentionRulesService } from '../schedule/retention-rules.service';
import { DossierRow, DossiersRepository, toDossierRow, DOSSIER_COLS } from './dossiers.repository';
import { DossierViewBuilder, retroactiveClosing } from './dossier-view';

export interface CreateDossierInput {
  unitId: number;
  classificationCode: string;
  title: string;
  description?: string;
  periodStart: string;
  periodEnd?: string;
  location?: string;
  securityClass?: SecurityClass;
}

export interface UpdateDossierInput {
  version: number;
  title?: string;
  description?: string | null;
  periodEnd?: string | null;
  location?: string | null;
}

export interface DossierListQuery {
  status?: string;
  unitId?: number;
  classificationCode?: string;
  q?: string;
  limit?: number;
  afterId?: string;
}

/** Dossiers (berkas): create, list, show with computed dates and why, edit, close, set the event date. */
@Injectable()
export class DossiersService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: DossiersRepository,
    private readonly view: DossierViewBuilder,
    private readonly viewers: RecordsViewerService,
    private readonly rules: RetentionRulesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, input: CreateDossierInput) {
    const v = await this.viewers.viewerOf(p);
    if (!isIsoDate(input.periodStart)) throw field('periodStart', 'tanggal YYYY-MM-DD');
    if (input.periodEnd !== undefined && (!isIsoDate(input.periodEnd) || input.periodEnd < input.periodStart)) throw field('periodEnd', 'tanggal YYYY-MM-DD, tidak sebelum periodStart');
    const id = await this.ds.transaction('READ COMMITTED', async (em) => {
      const [unit] = await em.query('SELECT id, office_id FROM units WHERE id = ?', [input.unitId]);
      if (!unit || !v.positions.some((x) => x.officeId === Number(unit.office_id))) throw unprocessableField('unitId', 'unit kerja tidak ada di satker Anda', 'UNKNOWN_UNIT');
      const officeId = Number(unit.office_id);
      if (!mayFileInto(v, { officeId, unitId: Number(unit.id) })) throw notAllowed('DOSSIER_CREATE_FORBIDDEN', 'Hanya arsiparis satker atau jabatan pada unit ini yang dapat membuat berkas');
      const [cls] = await em.query('SELECT code FROM classifications WHERE code = ?', [input.classificationCode]);
      if (!cls) throw unprocessableField('classificationCode', `kode klasifikasi "${input.classificationCode}" tidak dikenal`, 'UNKNOWN_CLASSIFICATION');
      const rule = await this.rules.ruleInForce(em, input.classificationCode, this.rules.today());
      if (!rule) throw unprocessableField('classificationCode', `kode ${input.classificationCode} tidak memiliki aturan retensi (JRA); pilih kode turunannya`, 'CLASSIFICATION_NOT_SCHEDULED');
      const security = input.securityClass ?? (rule.securityClass as SecurityClass | null) ?? 'B';
      const res = await em.query(
        `INSERT INTO dossiers (office_id, unit_id, classification_code, title, description, period_start, period_end, location, security_class, created_by, created_at, rule_id, final_action)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [officeId, unit.id, input.classificationCode, input.title, input.description ?? null, input.periodStart, input.periodEnd ?? null, input.location ?? null, security,
          p.userId, this.clock.now(), rule.ruleId, rule.finalAction],
      );
      const dossierId = String(res.insertId);
      await this.audit.record(em, actorOf(p), {
        action: 'DOSSIER_CREATED', entityType: 'dossier', entityId: dossierId, officeId,
        after: { unitId: input.unitId, classificationCode: input.classificationCode, title: input.title, periodStart: input.periodStart, securityClass: security, ruleId: rule.ruleId },
      });
      return dossierId;
    });
    return this.get(p, id);
  }

  async get(p: Principal, id: string) {
    const v = await this.viewers.viewerOf(p);
    const d = await this.repo.loadVisible(v, id);
    const [retention, items, holds, openProposal, rejection, meta] = await Promise.all([
      this.view.retention(d), this.view.items(v, d), this.view.holds(d.id), this.view.openProposal(d.id), this.view.rejection(d), this.meta(d),
    ]);
    const { sweepDue: _s, ...row } = d;
    return { ...row, ...meta, retention, items, holds, openProposal, rejection };
  }

  async list(p: Principal, q: DossierListQuery) {
    const v = await this.viewers.viewerOf(p);
    if (!v.officeId) return { items: [] };
    const seesAll = isArchivistOf(v, v.officeId) || v.positions.some((x) => stepsHeldBy(x, v.officeId!).length > 0);
    const vis = this.repo.visibilitySql(v, v.officeId, seesAll);
    const where = [vis.sql];
    const params = [...vis.params];
    if (q.status) (where.push('d.status = ?'), params.push(q.status));
    if (q.unitId) (where.push('d.unit_id = ?'), params.push(q.unitId));
    if (q.classificationCode) (where.push('(d.classification_code = ? OR d.classification_code LIKE ?)'), params.push(q.classificationCode, likeStartsWith(`${q.classificationCode}.`)));
    if (q.q) (where.push('d.title LIKE ?'), params.push(likeContains(q.q)));
    if (q.afterId) (where.push('d.id < ?'), params.push(q.afterId));
    const rows = await this.ds.query(`SELECT ${DOSSIER_COLS} FROM dossiers d WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT ?`, [...params, Math.min(q.limit ?? 50, 200)]);
    const items = rows.map(toDossierRow).map(({ sweepDue: _s, ...d }: DossierRow) => d);
    return { items, nextAfterId: items.length ? items[items.length - 1].id : null };
  }

  async update(p: Principal, id: string, input: UpdateDossierInput) {
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const d = await this.repo.loadVisible(v, id, em, true);
      this.assertMayFile(v, d);
      if (d.version !== input.version) throw versionConflict(d.version);
      if (['DESTROYED', 'HANDED_OVER'].includes(d.status)) throw wrongStatus('Berkas', d.status, ['ACTIVE', 'CLOSED', 'INACTIVE', 'REVIEW']);
      if (input.periodEnd && (!isIsoDate(input.periodEnd) || input.periodEnd < d.periodStart)) throw field('periodEnd', 'tanggal YYYY-MM-DD, tidak sebelum periodStart');
      const patch: Record<string, unknown> = {};
      for (const k of ['title', 'description', 'location'] as const) if (input[k] !== undefined) patch[k] = input[k];
      if (input.periodEnd !== undefined) patch.period_end = input.periodEnd;
      const cols = Object.keys(patch);
      await em.query(`UPDATE dossiers SET ${[...cols.map((c) => `${c} = ?`), 'version = version + 1'].join(', ')} WHERE id = ?`, [...cols.map((c) => patch[c]), id]);
      await this.audit.record(em, actorOf(p), { action: 'DOSSIER_UPDATED', entityType: 'dossier', entityId: id, officeId: d.officeId, before: Object.fromEntries(cols.map((c) => [c, (d as never)[c === 'period_end' ? 'periodEnd' : c]])), after: patch });
    });
    return this.get(p, id);
  }

  /**
   * Closing starts the retention clock: the dossier is scheduled under the rule version in force
   * today (never a shorter one than it was created under). The clock starts today, or on a past
   * `closedOn` for legacy records (rule: retention/closing-date.ts), with its reason; a dossier
   * already past its dates is due for the next sweep (sweep_due = the end of its active period).
   */
  async close(p: Principal, id: string, input: { version?: number; closedOn?: string; reason?: string } = {}) {
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const d = await this.repo.loadVisible(v, id, em, true);
      this.assertMayFile(v, d);
      if (input.version !== undefined && d.version !== input.version) throw versionConflict(d.version);
      if (d.status !== 'ACTIVE') throw wrongStatus('Berkas', d.status, ['ACTIVE']);
      const now = this.clock.now();
      const today = jakartaDate(now);
      const closing = closingDate(input, { today, periodStart: d.periodStart, periodEnd: d.periodEnd });
      if (!closing.ok) throw closing.kind === 'VALIDATION' ? field(closing.field, closing.reason, closing.code) : unprocessableField(closing.field, closing.reason, closing.code);
      const { closedOn, retroactive, reason } = closing;
      const pinned = await this.rules.ruleById(em, d.ruleId);
      const choice = ruleAtScheduling(pinned, await this.rules.ruleInForce(em, d.classificationCode, today));
      const dates = computeRetention(choice.rule, { closedOn, eventDate: d.eventDate }, { extraYears: d.extraYears, finalActionOverride: d.finalActionOverride });
      await em.query(
        `UPDATE dossiers SET status = 'CLOSED', closed_at = ?, backdated_closed_on = ?, backdate_reason = ?, period_end = COALESCE(period_end, ?), rule_id = ?, trigger_date = ?,
           active_until = ?, inactive_until = ?, final_action = ?, retention_years = ?, sweep_due = ?, reappraisal_needed = GREATEST(reappraisal_needed, ?), version = version + 1 WHERE id = ?`,
        [now, retroactive ? closedOn : null, reason, closedOn, choice.rule.ruleId, dates.triggerDate, dates.activeUntil, dates.inactiveUntil, dates.finalAction, dates.retentionYears,
          sweepDueOf('CLOSED', dates), choice.reappraisalNeeded ? 1 : 0, id],
      );
      await this.audit.record(em, actorOf(p), {
        action: 'DOSSIER_CLOSED', entityType: 'dossier', entityId: id, officeId: d.officeId, before: { status: d.status, ruleId: d.ruleId, periodEnd: d.periodEnd },
        after: { status: 'CLOSED', closedOn, recordedOn: today, retroactive, reason, ruleId: choice.rule.ruleId, scheduleVersion: choice.rule.scheduleVersion, switchedRule: choice.switched,
          reappraisalNeeded: choice.reappraisalNeeded, activeUntil: dates.activeUntil, inactiveUntil: dates.inactiveUntil, finalAction: dates.finalAction },
      });
    });
    return this.get(p, id);
  }

  /** For rules triggered by an event ("no longer in force"): set once; changing it later needs a re-appraisal. */
  async setEventDate(p: Principal, id: string, input: { eventDate: string; note?: string; version?: number }) {
    if (!isIsoDate(input.eventDate)) throw field('eventDate', 'tanggal YYYY-MM-DD');
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const d = await this.repo.loadVisible(v, id, em, true);
      this.assertMayFile(v, d);
      if (input.version !== undefined && d.version !== input.version) throw versionConflict(d.version);
      if (!['ACTIVE', 'CLOSED'].includes(d.status)) throw wrongStatus('Berkas', d.status, ['ACTIVE', 'CLOSED']);
      if (d.eventDate) throw new DomainError('EVENT_DATE_ALREADY_SET', 'CONFLICT', `Tanggal peristiwa sudah diisi (${d.eventDate}); perubahan memerlukan penilaian kembali`);
      const rule = await this.rules.ruleById(em, d.ruleId);
      const dates = computeRetention(rule, { closedOn: d.closedOn, eventDate: input.eventDate, retroactive: retroactiveClosing(d) }, { extraYears: d.extraYears, finalActionOverride: d.finalActionOverride });
      const scheduled = d.status === 'CLOSED';
      await em.query(
        `UPDATE dossiers SET event_date = ?, event_note = ?, trigger_date = IF(?, ?, trigger_date), active_until = IF(?, ?, active_until), inactive_until = IF(?, ?, inactive_until),
           sweep_due = IF(?, ?, sweep_due), version = version + 1 WHERE id = ?`,
        [input.eventDate, input.note ?? null, scheduled, dates.triggerDate, scheduled, dates.activeUntil, scheduled, dates.inactiveUntil, scheduled, sweepDueOf('CLOSED', dates), id],
      );
      await this.audit.record(em, actorOf(p), { action: 'DOSSIER_EVENT_DATE_SET', entityType: 'dossier', entityId: id, officeId: d.officeId, after: { eventDate: input.eventDate, note: input.note ?? null, activeUntil: dates.activeUntil, inactiveUntil: dates.inactiveUntil } });
    });
    return this.get(p, id);
  }

  async history(p: Principal, id: string) {
    const v = await this.viewers.viewerOf(p);
    await this.repo.loadVisible(v, id);
    return this.audit.history('dossier', id);
  }

  private assertMayFile(v: RecordsViewer, d: DossierRow): void {
    if (!mayFileInto(v, d)) throw notAllowed('DOSSIER_EDIT_FORBIDDEN', 'Hanya arsiparis satker atau jabatan pada unit berkas ini yang dapat mengubahnya');
  }

  private async meta(d: DossierRow) {
    const [r] = await this.ds.query(
      'SELECT u.code AS unit_code, u.name AS unit_name, c.title AS classification_title FROM units u LEFT JOIN classifications c ON c.code = ? WHERE u.id = ?',
      [d.classificationCode, d.unitId],
    );
    return { unit: { id: d.unitId, code: r?.unit_code ?? null, name: r?.unit_name ?? null }, classificationTitle: r?.classification_title ?? null };
  }
}
