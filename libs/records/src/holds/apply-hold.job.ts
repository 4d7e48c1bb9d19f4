import { Injectable } from '@nestjs/common';
import { IsInt, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { JobHandler, JobName } from '@naskah/queue';
import { holdScopeSql } from './hold-scope';
import { scopeOf } from './hold-check';

export class ApplyHoldPayload {
  @IsInt() @Min(1)
  holdId: number;
}

/**
 * Applies a hold to every dossier in its scope, any number of them: keyset batches by id, one
 * transaction each (the hold row and the batch's dossiers locked, assignments inserted, hold_count
 * recomputed from the assignments, the cursor saved). A replay resumes from the cursor; a lifted
 * hold stops at the next batch.
 */
@Injectable()
export class ApplyHoldJob {
  static batchSize = 1000;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.RECORDS_APPLY_HOLD, ApplyHoldPayload)
  async run({ holdId }: ApplyHoldPayload): Promise<{ applied: number } | { skipped: string }> {
    let applied = 0;
    for (;;) {
      const step = await this.ds.transaction('READ COMMITTED', async (em) => {
        const [h] = await em.query('SELECT * FROM records_holds WHERE id = ? FOR UPDATE', [holdId]);
        if (!h) return { done: true, skipped: 'hold not found' };
        if (h.status !== 'APPLYING') return { done: true, skipped: `status ${h.status}` };
        const scope = holdScopeSql('d', Number(h.office_id), scopeOf(h), Number(h.id));
        const rows = await em.query(
          `SELECT d.id FROM dossiers d WHERE ${scope.sql} AND d.id > ? AND d.status NOT IN ('DESTROYED', 'HANDED_OVER') ORDER BY d.id LIMIT ? FOR UPDATE`,
          [...scope.params, h.apply_cursor, ApplyHoldJob.batchSize],
        );
        const ids = rows.map((r: { id: string }) => String(r.id));
        const now = this.clock.now();
        if (ids.length) {
          const marks = ids.map(() => '?').join(',');
          await em.query(`INSERT IGNORE INTO records_hold_assignments (hold_id, dossier_id, assigned_at) VALUES ${ids.map(() => '(?, ?, ?)').join(', ')}`, ids.flatMap((id: string) => [holdId, id, now]));
          await em.query(
            `UPDATE dossiers d SET d.hold_count = (SELECT COUNT(*) FROM records_hold_assignments a JOIN records_holds x ON x.id = a.hold_id WHERE a.dossier_id = d.id AND x.status <> 'LIFTED')
             WHERE d.id IN (${marks})`,
            ids,
          );
        }
        const finished = ids.length < ApplyHoldJob.batchSize;
        const [c] = await em.query('SELECT COUNT(*) AS n FROM records_hold_assignments WHERE hold_id = ?', [holdId]);
        await em.query(
          `UPDATE records_holds SET apply_cursor = ?, applied_count = ?, status = IF(?, 'IN_FORCE', status), applied_at = IF(?, ?, applied_at) WHERE id = ?`,
          [ids.length ? ids[ids.length - 1] : h.apply_cursor, Number(c.n), finished, finished, now, holdId],
        );
        if (finished) {
          await this.audit.record(em, SYSTEM_ACTOR, { action: 'HOLD_APPLIED', entityType: 'records_hold', entityId: holdId, officeId: Number(h.office_id), after: { dossiers: Number(c.n) } });
        }
        return { done: finished, count: ids.length };
      });
      applied += step.count ?? 0;
      if (step.done) return 'skipped' in step && step.skipped && !applied ? { skipped: step.skipped } : { applied };
    }
  }
}
