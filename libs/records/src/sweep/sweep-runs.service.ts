import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import type { OfficeLevel } from '@naskah/organisation';
import { JobName, OutboxService } from '@naskah/queue';
import { notAllowed } from '../records.errors';
import { actorOf, RecordsViewerService } from '../access/records-viewer.service';
import { toIsoDate } from '../retention/calendar';
import { SweepService } from './sweep.service';
import { maySeeSweepRun, mayRunNationalSweep, mayRunOfficeSweep, SweepScope, visibleSweepRuns } from './sweep-scope';

const toView = (r: Record<string, unknown>) => ({
  id: String(r.id), trigger: r.trigger_kind, scope: (r.office_id === null ? 'NATIONAL' : 'OFFICE') as SweepScope, officeId: r.office_id === null ? null : Number(r.office_id),
  asOf: toIsoDate(r.as_of), requestedBy: r.requested_by === null ? null : Number(r.requested_by), requestedAt: r.requested_at,
  startedAt: r.started_at ?? null, finishedAt: r.finished_at ?? null, scanned: Number(r.scanned), proposed: Number(r.proposed), batches: Number(r.batches),
});

/**
 * "Run now" for the retention sweep (it runs in the worker, like the daily one) and the record of
 * past runs, both scoped by office (sweep-scope.ts): an office's run sweeps that office only; a
 * national run is KPU RI's.
 */
@Injectable()
export class SweepRunsService {
  constructor(
    private readonly ds: DataSource,
    private readonly sweep: SweepService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly viewers: RecordsViewerService,
  ) {}

  async requestNow(p: Principal, scope: SweepScope = 'OFFICE') {
    const v = await this.viewers.viewerOf(p);
    let officeId: number | null = null;
    if (scope === 'NATIONAL') {
      if (!mayRunNationalSweep(v, await this.levelOf(p.officeId))) {
        throw notAllowed('SWEEP_NATIONAL_FORBIDDEN', 'Penyisiran nasional (semua satker) hanya dijalankan oleh arsiparis KPU RI atau administrator (national sweep: KPU RI only)');
      }
    } else {
      if (p.officeId === null || !mayRunOfficeSweep(v, p.officeId)) {
        throw notAllowed('ARCHIVIST_REQUIRED', 'Penyisiran retensi satker dijalankan oleh arsiparis atau pejabat penyetuju arsip satker itu');
      }
      officeId = p.officeId;
    }
    const runId = await this.ds.transaction(async (em) => {
      const id = await this.sweep.requestRun(em, 'MANUAL', p.userId, officeId);
      await this.outbox.add(em, JobName.RECORDS_SWEEP, { runId: id, requestedBy: p.userId }, { key: `run${id}`, requestId: p.requestId });
      await this.audit.record(em, actorOf(p), { action: 'RECORDS_SWEEP_REQUESTED', entityType: 'records_sweep_run', entityId: id, officeId: p.officeId, after: { scope, officeId } });
      return id;
    });
    this.outbox.relaySoon();
    return this.get(p, runId);
  }

  /** One run, if the caller may see it (else: not found). */
  async get(p: Principal, id: string) {
    const visible = await this.visibleTo(p);
    const [r] = /^\d{1,19}$/.test(id) ? await this.ds.query('SELECT * FROM records_sweep_runs WHERE id = ?', [id]) : [];
    if (!r || !maySeeSweepRun(visible, r.office_id === null ? null : Number(r.office_id))) throw notFound('Penyisiran', id);
    return toView(r);
  }

  /** The latest 50 runs the caller may see: their office's and, for KPU RI's records staff, national ones. */
  async list(p: Principal) {
    const visible = await this.visibleTo(p);
    const where = [...(visible.officeId !== null ? ['office_id = ?'] : []), ...(visible.national ? ['office_id IS NULL'] : [])];
    const rows = await this.ds.query(`SELECT * FROM records_sweep_runs WHERE ${where.join(' OR ')} ORDER BY id DESC LIMIT 50`, visible.officeId !== null ? [visible.officeId] : []);
    return { items: rows.map(toView) };
  }

  private async visibleTo(p: Principal) {
    const visible = visibleSweepRuns(await this.viewers.viewerOf(p), await this.levelOf(p.officeId));
    if (!visible) throw notAllowed('RECORDS_ROLE_REQUIRED', 'Riwayat penyisiran hanya untuk arsiparis, pejabat penyetuju dan pimpinan satker');
    return visible;
  }

  private async levelOf(officeId: number | null): Promise<OfficeLevel | null> {
    if (officeId === null) return null;
    const [o] = await this.ds.query('SELECT level FROM offices WHERE id = ?', [officeId]);
    return (o?.level as OfficeLevel | undefined) ?? null;
  }
}
