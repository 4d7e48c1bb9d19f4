import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { sha256Hex } from '@naskah/storage';
import { csvRejected, field, notAllowed } from '../../records.errors';
import { actorOf } from '../../access/records-viewer.service';
import { IsoDate, isIsoDate, jakartaDate } from '../../retention/calendar';
import { reappraisalStillNeeded } from '../../retention/retention-dates';
import { parseJraCsv } from '../jra-csv';
import { RetentionRulesService } from '../retention-rules.service';

export interface ImportScheduleInput {
  csv: string;
  effectiveFrom: string;
  label?: string;
  filename?: string;
}

export interface ImportScheduleResult {
  batchId: number;
  scheduleId: number;
  version: number;
  effectiveFrom: string;
  rows: number;
  rules: number;
  isDemo: boolean;
  /** Dossiers that keep their (longer) rule version; shortening them needs a recorded re-appraisal. */
  needReappraisal: number;
  /** Dossiers whose new rule would keep them longer; they keep their version unless re-appraised. */
  couldExtend: number;
  /** Dossiers flagged by an earlier version that no rule in force today or later shortens any more: flag cleared. */
  reappraisalCleared: number;
  /** The field separator found in the file's header (Excel in an Indonesian locale saves `;`). */
  separator: string;
}

const CHUNK = 1000;
const RANK = (col: string) => `FIELD(${col}, 'MUSNAH', 'DINILAI_KEMBALI', 'PERMANEN')`;
/** The SQL twin of isNotShorter(r, n) in retention-dates.ts. */
const NOT_SHORTER = `(n.trigger_kind = r.trigger_kind AND n.active_years >= r.active_years
  AND n.active_years + n.inactive_years >= r.active_years + r.inactive_years AND ${RANK('n.final_action')} >= ${RANK('r.final_action')})`;
const IMPACT_JOIN = `dossiers d JOIN retention_rules r ON r.id = d.rule_id JOIN retention_rules n ON n.schedule_id = ? AND n.classification_code = d.classification_code`;

/**
 * Imports a whole JRA from CSV as a new schedule version with an effective date. Validated whole:
 * any bad line rejects the file (400, every line and reason) and nothing is written. Existing
 * dossiers keep the rule version they were scheduled under; those the new version would shorten
 * are flagged for re-appraisal, never shortened; flags no version in force today or later
 * justifies any more are cleared.
 */
@Injectable()
export class ImportScheduleUseCase {
  constructor(
    private readonly ds: DataSource,
    private readonly rules: RetentionRulesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async run(p: Principal, input: ImportScheduleInput): Promise<ImportScheduleResult> {
    await this.assertMayImport(p);
    if (!isIsoDate(input.effectiveFrom)) throw field('effectiveFrom', 'tanggal berlaku harus YYYY-MM-DD');
    const { rows, problems, separator } = parseJraCsv(input.csv);
    if (problems.length) throw csvRejected(problems);
    const withRule = rows.filter((r) => r.activeYears !== null && r.finalAction);
    const isDemo = withRule.some((r) => r.isDemo);
    const now = this.clock.now();
    const effectiveNow = input.effectiveFrom <= jakartaDate(now);
    const sha256 = sha256Hex(Buffer.from(input.csv, 'utf8'));
    return this.ds.transaction('READ COMMITTED', async (em) => {
      await this.rules.ensureBaseline(em);
      const [m] = await em.query('SELECT COALESCE(MAX(version), 0) AS v FROM retention_schedules FOR UPDATE');
      const version = Number(m.v) + 1;
      const batch = await em.query('INSERT INTO records_import_batches (filename, sha256, row_count, rule_count, effective_from, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        input.filename?.slice(0, 255) ?? null, sha256, rows.length, withRule.length, input.effectiveFrom, p.userId, now,
      ]);
      const label = (input.label ?? `JRA impor ${input.effectiveFrom}`).slice(0, 200);
      const sched = await em.query('INSERT INTO retention_schedules (version, effective_from, label, is_demo, import_batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        version, input.effectiveFrom, label, isDemo ? 1 : 0, batch.insertId, now,
      ]);
      const scheduleId = Number(sched.insertId);
      // the classification tree: new codes and titles always; its retention columns only once the version is in force
      const retentionCols = effectiveNow
        ? ', active_years = VALUES(active_years), inactive_years = VALUES(inactive_years), final_action = VALUES(final_action), security_class = VALUES(security_class), source = VALUES(source), is_demo = VALUES(is_demo)'
        : '';
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await em.query(
          `INSERT INTO classifications (code, title, parent_code, active_years, inactive_years, final_action, security_class, source, is_demo) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE title = VALUES(title), parent_code = VALUES(parent_code)${retentionCols}`,
          part.flatMap((r) => [r.code, r.title, r.parentCode, r.activeYears, r.inactiveYears, r.finalAction, r.securityClass, r.source, r.isDemo ? 1 : 0]),
        );
      }
      for (let i = 0; i < withRule.length; i += CHUNK) {
        const part = withRule.slice(i, i + CHUNK);
        await em.query(
          `INSERT INTO retention_rules (schedule_id, classification_code, active_years, inactive_years, trigger_kind, final_action, security_class, source, is_demo) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          part.flatMap((r) => [scheduleId, r.code, r.activeYears, r.inactiveYears, r.trigger, r.finalAction, r.securityClass, r.source, r.isDemo ? 1 : 0]),
        );
      }
      const flagged = await em.query(`UPDATE ${IMPACT_JOIN} SET d.reappraisal_needed = 1 WHERE d.status NOT IN ('DESTROYED', 'HANDED_OVER') AND NOT ${NOT_SHORTER}`, [scheduleId]);
      const cleared = await this.clearSettledFlags(em, scheduleId, jakartaDate(now));
      const [ext] = await em.query(
        `SELECT COUNT(*) AS n FROM ${IMPACT_JOIN} WHERE d.status NOT IN ('DESTROYED', 'HANDED_OVER') AND ${NOT_SHORTER}
           AND (n.active_years + n.inactive_years > r.active_years + r.inactive_years OR n.final_action <> r.final_action)`,
        [scheduleId],
      );
      const result: ImportScheduleResult = {
        batchId: Number(batch.insertId), scheduleId, version, effectiveFrom: input.effectiveFrom, rows: rows.length, rules: withRule.length, isDemo,
        needReappraisal: Number(flagged.affectedRows ?? 0), couldExtend: Number(ext.n), reappraisalCleared: cleared, separator,
      };
      await em.query('UPDATE records_import_batches SET summary = ? WHERE id = ?', [JSON.stringify(result), batch.insertId]);
      await this.audit.record(em, actorOf(p), { action: 'RETENTION_SCHEDULE_IMPORTED', entityType: 'retention_schedule', entityId: scheduleId, officeId: p.officeId, after: { ...result, sha256, label } });
      return result;
    });
  }

  /**
   * Re-appraisal flags are recomputed with each version: a dossier flagged earlier, whose
   * classification this version lists, keeps its flag only while a rule version in force today or
   * later would still shorten its retention (reappraisalStillNeeded); otherwise the flag goes.
   * Decided per pinned rule version (every dossier on it is in the same position).
   */
  private async clearSettledFlags(em: EntityManager, scheduleId: number, today: IsoDate): Promise<number> {
    const pinned: { rule_id: number; classification_code: string }[] = await em.query(
      `SELECT DISTINCT d.rule_id, d.classification_code FROM ${IMPACT_JOIN} WHERE d.reappraisal_needed = 1 AND d.status NOT IN ('DESTROYED', 'HANDED_OVER')`,
      [scheduleId],
    );
    const versions = await this.rules.versionsOf(em, [...new Set(pinned.map((r) => String(r.classification_code)))]);
    let cleared = 0;
    for (const r of pinned) {
      const all = versions.get(String(r.classification_code)) ?? [];
      const rule = all.find((x) => x.ruleId === Number(r.rule_id));
      if (!rule || reappraisalStillNeeded(rule, all, today)) continue;
      // by (classification_code, rule_id): the index ix_dossiers_classification
      const res = await em.query(
        `UPDATE dossiers SET reappraisal_needed = 0 WHERE classification_code = ? AND rule_id = ? AND reappraisal_needed = 1 AND status NOT IN ('DESTROYED', 'HANDED_OVER')`,
        [rule.classificationCode, rule.ruleId],
      );
      cleared += Number(res.affectedRows ?? 0);
    }
    return cleared;
  }

  /** The JRA is national: an archivist of KPU RI (or an administrator) imports it. */
  private async assertMayImport(p: Principal): Promise<void> {
    if (p.roles.includes('ADMIN')) return;
    if (p.roles.includes('ARCHIVIST') && p.officeId) {
      const [o] = await this.ds.query('SELECT level FROM offices WHERE id = ?', [p.officeId]);
      if (o?.level === 'RI') return;
    }
    throw notAllowed('SCHEDULE_IMPORT_FORBIDDEN', 'Hanya arsiparis KPU RI atau administrator yang dapat mengimpor JRA');
  }
}
