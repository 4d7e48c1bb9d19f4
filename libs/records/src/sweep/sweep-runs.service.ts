import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { JobName, OutboxService } from '@naskah/queue';
import { notAllowed } from '../records.errors';
import { actorOf } from '../access/records-viewer.service';
import { toIsoDate } from '../retention/calendar';
import { SweepService } from './sweep.service';

const toView = (r: Record<string, unknown>) => ({
  id: String(r.id), trigger: r.trigger_kind, asOf: toIsoDate(r.as_of), requestedBy: r.requested_by === null ? null : Number(r.requested_by), requestedAt: r.requested_at,
  startedAt: r.started_at ?? null, finishedAt: r.finished_at ?? null, scanned: Number(r.scanned), proposed: Number(r.proposed), batches: Number(r.batches),
});

/** "Run now" for the retention sweep (it runs in the worker, like the daily one) and the record of past runs. */
@Injectable()
export class SweepRunsService {
  constructor(
    private readonly ds: DataSource,
    private readonly sweep: SweepService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async requestNow(p: Principal) {
    if (!p.roles.includes('ARCHIVIST') && !p.roles.includes('ADMIN')) throw notAllowed('ARCHIVIST_REQUIRED', 'Penyisiran retensi dijalankan oleh arsiparis atau administrator');
    const runId = await this.ds.transaction(async (em) => {
      const id = await this.sweep.requestRun(em, 'MANUAL', p.userId);
      await this.outbox.add(em, JobName.RECORDS_SWEEP, { runId: id, requestedBy: p.userId }, { key: `run${id}`, requestId: p.requestId });
      await this.audit.record(em, actorOf(p), { action: 'RECORDS_SWEEP_REQUESTED', entityType: 'records_sweep_run', entityId: id, officeId: p.officeId });
      return id;
    });
    this.outbox.relaySoon();
    return this.get(runId);
  }

  async get(id: string) {
    const [r] = /^\d+$/.test(id) ? await this.ds.query('SELECT * FROM records_sweep_runs WHERE id = ?', [id]) : [];
    if (!r) throw notFound('Penyisiran', id);
    return toView(r);
  }

  async list() {
    const rows = await this.ds.query('SELECT * FROM records_sweep_runs ORDER BY id DESC LIMIT 50');
    return { items: rows.map(toView) };
  }
}
