import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainError } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { JobName, OutboxService } from '@naskah/queue';
import { holdNotFound, notAllowed, unprocessableField, wrongStatus } from '../records.errors';
import { actorOf, RecordsViewerService } from '../access/records-viewer.service';
import { isArchivistOf, RecordsViewer } from '../access/dossier-access';
import { toIsoDate } from '../retention/calendar';
import { holdScopeSql, HoldScope, scopeProblems } from './hold-scope';
import { scopeOf } from './hold-check';

export interface CreateHoldInput {
  caseName: string;
  reason: string;
  scope: HoldScope;
}

const OPEN = `d.status NOT IN ('DESTROYED', 'HANDED_OVER')`;

/**
 * Holds (legal / audit freezes): preview what a scope would freeze, place a hold (applied to any
 * number of dossiers by a job), list and lift. Archivists and leaders of the office place holds;
 * only a leader of the office (Ketua, Sekretaris) may lift one.
 */
@Injectable()
export class HoldsService {
  constructor(
    private readonly ds: DataSource,
    private readonly viewers: RecordsViewerService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async preview(p: Principal, scope: HoldScope) {
    const v = await this.viewers.viewerOf(p);
    const officeId = this.assertMayPlace(v);
    await this.assertScope(officeId, scope);
    const s = holdScopeSql('d', officeId, scope);
    const [c] = await this.ds.query(`SELECT COUNT(*) AS n, SUM(d.status = 'INACTIVE') AS inactive FROM dossiers d WHERE ${s.sql} AND ${OPEN}`, s.params);
    const sample = await this.ds.query(`SELECT d.id, d.title, d.classification_code, d.status, d.period_start FROM dossiers d WHERE ${s.sql} AND ${OPEN} ORDER BY d.id LIMIT 50`, s.params);
    return {
      officeId, count: Number(c.n), inactive: Number(c.inactive ?? 0),
      sample: sample.map((r: Record<string, unknown>) => ({ id: String(r.id), title: r.title, classificationCode: r.classification_code, status: r.status, periodStart: toIsoDate(r.period_start) })),
    };
  }

  async create(p: Principal, input: CreateHoldInput) {
    const v = await this.viewers.viewerOf(p);
    const officeId = this.assertMayPlace(v);
    await this.assertScope(officeId, input.scope);
    const id = await this.ds.transaction('READ COMMITTED', async (em) => {
      // exclusive on the office's epoch row: waits for destruction batches in flight, and every later batch sees this hold
      await em.query('INSERT INTO records_hold_epochs (office_id, epoch) VALUES (?, 1) ON DUPLICATE KEY UPDATE epoch = epoch + 1', [officeId]);
      const s = input.scope;
      const res = await em.query(
        `INSERT INTO records_holds (office_id, case_name, reason, scope_classification, scope_unit_id, scope_from, scope_to, scope_listed, created_by, created_position_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [officeId, input.caseName, input.reason, s.classificationCode ?? null, s.unitId ?? null, s.from ?? null, s.to ?? null, s.dossierIds?.length ? 1 : 0, p.userId, p.positionId, this.clock.now()],
      );
      const holdId = Number(res.insertId);
      const listed = [...new Set(s.dossierIds ?? [])];
      if (listed.length) {
        // a hold names dossiers of its own office: one that is not there is refused, naming it, so nobody believes a hold is in force over nothing
        const found = new Set((await em.query(`SELECT id FROM dossiers WHERE office_id = ? AND id IN (${listed.map(() => '?').join(',')})`, [officeId, ...listed])).map((r: { id: string }) => String(r.id)));
        const missing = listed.filter((d) => !found.has(String(d)));
        if (missing.length) {
          throw new DomainError('HOLD_DOSSIER_NOT_FOUND', 'UNPROCESSABLE', `Berkas ${missing.slice(0, 10).join(', ')} tidak ada di satker ini (dossier not in this office)`, {
            dossierIds: missing, fields: missing.slice(0, 10).map((d) => ({ field: `scope.dossierIds.${listed.indexOf(d)}`, reason: 'berkas tidak ada di satker ini' })),
          });
        }
      }
      for (let i = 0; i < listed.length; i += 1000) {
        const part = listed.slice(i, i + 1000);
        await em.query(`INSERT INTO records_hold_dossiers (hold_id, dossier_id) VALUES ${part.map(() => '(?, ?)').join(', ')}`, part.flatMap((d) => [holdId, d]));
      }
      await this.outbox.add(em, JobName.RECORDS_APPLY_HOLD, { holdId }, { key: String(holdId), requestId: p.requestId });
      await this.audit.record(em, actorOf(p), { action: 'HOLD_PLACED', entityType: 'records_hold', entityId: holdId, officeId, after: { caseName: input.caseName, reason: input.reason, scope: input.scope } });
      return holdId;
    });
    this.outbox.relaySoon();
    return this.get(p, String(id));
  }

  async get(p: Principal, id: string) {
    const v = await this.viewers.viewerOf(p);
    const h = await this.load(v, id);
    const [c] = await this.ds.query('SELECT COUNT(*) AS n FROM records_hold_assignments WHERE hold_id = ?', [h.id]);
    return { ...this.toView(h), assignedDossiers: Number(c.n) };
  }

  async list(p: Principal, q: { status?: string }) {
    const v = await this.viewers.viewerOf(p);
    const officeId = this.assertMayPlace(v);
    const rows = await this.ds.query(`SELECT * FROM records_holds WHERE office_id = ?${q.status ? ' AND status = ?' : ''} ORDER BY id DESC LIMIT 200`, q.status ? [officeId, q.status] : [officeId]);
    return { items: rows.map((r: Record<string, unknown>) => this.toView(r)) };
  }

  async lift(p: Principal, id: string, reason: string) {
    const v = await this.viewers.viewerOf(p);
    await this.ds.transaction('READ COMMITTED', async (em) => {
      const h = await this.load(v, id, true, em);
      if (!(v.roles.includes('LEADER') && v.officeId === Number(h.office_id) && v.positions.some((x) => ['KETUA', 'SEKRETARIS', 'SEKRETARIS_JENDERAL'].includes(x.kind)))) {
        throw notAllowed('HOLD_LIFT_FORBIDDEN', 'Pembekuan hanya dapat dicabut oleh pimpinan satker (Ketua / Sekretaris)');
      }
      if (h.status === 'LIFTED') throw wrongStatus('Pembekuan', String(h.status), ['APPLYING', 'IN_FORCE']);
      await em.query(`UPDATE records_holds SET status = 'LIFTED', lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ?`, [this.clock.now(), p.userId, reason, h.id]);
      const res = await em.query(
        `UPDATE dossiers d JOIN records_hold_assignments a ON a.dossier_id = d.id AND a.hold_id = ? SET d.hold_count = GREATEST(d.hold_count, 1) - 1`,
        [h.id],
      );
      await this.audit.record(em, actorOf(p), { action: 'HOLD_LIFTED', entityType: 'records_hold', entityId: String(h.id), officeId: Number(h.office_id), after: { reason, dossiersReleased: Number(res.affectedRows ?? 0) } });
    });
    return this.get(p, id);
  }

  private async load(v: RecordsViewer, id: string, lock = false, em = this.ds.manager): Promise<Record<string, any>> {
    const [h] = /^\d{1,10}$/.test(id) ? await em.query(`SELECT * FROM records_holds WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]) : [];
    if (!h || !(v.officeId === Number(h.office_id) && (isArchivistOf(v, v.officeId) || v.roles.includes('LEADER')))) throw holdNotFound(id);
    return h;
  }

  private toView(h: Record<string, any>) {
    const scope = scopeOf(h as never);
    return {
      id: String(h.id), officeId: Number(h.office_id), caseName: h.case_name, reason: h.reason, status: h.status,
      scope: { classificationCode: scope.classificationCode, unitId: scope.unitId, from: scope.from, to: scope.to, listedDossiers: scope.listed },
      createdBy: Number(h.created_by), createdAt: h.created_at, appliedAt: h.applied_at ?? null, appliedCount: Number(h.applied_count),
      liftedAt: h.lifted_at ?? null, liftedBy: h.lifted_by === null ? null : Number(h.lifted_by), liftReason: h.lift_reason ?? null,
    };
  }

  private assertMayPlace(v: RecordsViewer): number {
    if (!v.officeId || !(isArchivistOf(v, v.officeId) || v.roles.includes('LEADER'))) throw notAllowed('HOLD_FORBIDDEN', 'Pembekuan arsip hanya oleh arsiparis atau pimpinan satker');
    return v.officeId;
  }

  /**
   * The scope's own rules, then what it names: a unit of this office and a classification code that
   * exists. A hold over another office's unit or an unknown code would be placed over nothing, and
   * nobody should believe records are frozen that are not (as for listed dossiers, in create).
   */
  private async assertScope(officeId: number, scope: HoldScope): Promise<void> {
    const problems = scopeProblems(scope);
    if (problems.length) throw new DomainError('VALIDATION_FAILED', 'VALIDATION', problems.map((x) => `${x.field}: ${x.reason}`).join('; '), { fields: problems });
    if (scope.unitId) {
      const [unit] = await this.ds.query('SELECT id FROM units WHERE id = ? AND office_id = ?', [scope.unitId, officeId]);
      if (!unit) throw unprocessableField('scope.unitId', 'unit kerja tidak ada di satker ini', 'UNKNOWN_UNIT');
    }
    if (scope.classificationCode) {
      const [cls] = await this.ds.query('SELECT code FROM classifications WHERE code = ?', [scope.classificationCode]);
      if (!cls) throw unprocessableField('scope.classificationCode', `kode klasifikasi "${scope.classificationCode}" tidak dikenal`, 'UNKNOWN_CLASSIFICATION');
    }
  }
}
