import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@naskah/core';
import { likeContains, likeStartsWith } from '@naskah/db';
import { IsoDate, jakartaDate, toIsoDate } from '../retention/calendar';
import type { FinalAction, RetentionTrigger, RuleVersion } from '../retention/retention-dates';
import { JraExportRow, toJraCsv } from './jra-csv';

const RULE_COLS = `r.id, r.classification_code, r.active_years, r.inactive_years, r.trigger_kind, r.final_action, r.security_class, r.source, r.is_demo,
  s.version AS schedule_version, s.effective_from`;

export function toRule(r: Record<string, unknown>): RuleVersion & { securityClass: string | null } {
  return {
    ruleId: Number(r.id), scheduleVersion: Number(r.schedule_version), effectiveFrom: toIsoDate(r.effective_from)!, classificationCode: String(r.classification_code),
    activeYears: Number(r.active_years), inactiveYears: Number(r.inactive_years), trigger: r.trigger_kind as RetentionTrigger,
    finalAction: r.final_action as FinalAction, source: (r.source as string | null) ?? null, isDemo: Boolean(Number(r.is_demo)),
    securityClass: (r.security_class as string | null) ?? null,
  };
}

export interface ScheduleVersionView {
  id: number;
  version: number;
  effectiveFrom: IsoDate;
  label: string;
  isDemo: boolean;
  importBatchId: number | null;
  createdAt: Date;
}

/**
 * The versioned retention schedule (JRA). Version 1 is the baseline taken from the classification
 * table as seeded; every import adds a version with its own effective date. The rule in force for
 * a classification on a day is the one of the latest version effective by then that lists it.
 */
@Injectable()
export class RetentionRulesService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ensureBaseline();
  }

  /** Creates version 1 from the classification table once it holds rules (idempotent, safe across replicas). */
  async ensureBaseline(em: EntityManager = this.ds.manager): Promise<void> {
    const [has] = await em.query('SELECT id FROM retention_schedules WHERE version = 1');
    if (has) return;
    const [c] = await em.query('SELECT COUNT(*) AS n, COALESCE(MAX(is_demo), 0) AS demo FROM classifications WHERE active_years IS NOT NULL');
    if (!Number(c.n)) return;
    await em.query(
      `INSERT IGNORE INTO retention_schedules (version, effective_from, label, is_demo, created_at) VALUES (1, '1970-01-01', 'Skema awal dari tabel klasifikasi', ?, ?)`,
      [Number(c.demo) ? 1 : 0, this.clock.now()],
    );
    const [s] = await em.query('SELECT id FROM retention_schedules WHERE version = 1');
    await em.query(
      `INSERT IGNORE INTO retention_rules (schedule_id, classification_code, active_years, inactive_years, trigger_kind, final_action, security_class, source, is_demo)
       SELECT ?, code, active_years, inactive_years, 'CLOSED', final_action, security_class, source, is_demo FROM classifications WHERE active_years IS NOT NULL AND final_action IS NOT NULL`,
      [s.id],
    );
  }

  today(): IsoDate {
    return jakartaDate(this.clock.now());
  }

  async ruleInForce(em: EntityManager, code: string, on: IsoDate): Promise<(RuleVersion & { securityClass: string | null }) | null> {
    const [r] = await em.query(
      `SELECT ${RULE_COLS} FROM retention_rules r JOIN retention_schedules s ON s.id = r.schedule_id
       WHERE r.classification_code = ? AND s.effective_from <= ? ORDER BY s.effective_from DESC, s.version DESC LIMIT 1`,
      [code, on],
    );
    return r ? toRule(r) : null;
  }

  async ruleById(em: EntityManager, id: number): Promise<RuleVersion & { securityClass: string | null }> {
    const [r] = await em.query(`SELECT ${RULE_COLS} FROM retention_rules r JOIN retention_schedules s ON s.id = r.schedule_id WHERE r.id = ?`, [id]);
    return toRule(r);
  }

  async versions(): Promise<ScheduleVersionView[]> {
    const rows = await this.ds.query('SELECT * FROM retention_schedules ORDER BY version DESC LIMIT 200');
    return rows.map((r: Record<string, unknown>) => ({
      id: Number(r.id), version: Number(r.version), effectiveFrom: toIsoDate(r.effective_from)!, label: String(r.label), isDemo: Boolean(Number(r.is_demo)),
      importBatchId: r.import_batch_id === null ? null : Number(r.import_batch_id), createdAt: r.created_at as Date,
    }));
  }

  /** The version in force today, and whether any rule in force today is a demo (CONTOH) value. */
  async current(): Promise<{ version: ScheduleVersionView | null; demoSchedule: boolean; today: IsoDate }> {
    const today = this.today();
    const all = await this.versions();
    const version = all.find((v) => v.effectiveFrom <= today) ?? null;
    const [d] = await this.ds.query(
      `SELECT EXISTS (SELECT 1 FROM classifications c JOIN retention_rules r ON r.id = (${this.inForceSubquery('c.code')}) WHERE r.is_demo = 1) AS demo`,
      [today],
    );
    return { version, demoSchedule: Boolean(Number(d.demo)), today };
  }

  private inForceSubquery(codeExpr: string): string {
    return `SELECT r2.id FROM retention_rules r2 JOIN retention_schedules s2 ON s2.id = r2.schedule_id
      WHERE r2.classification_code = ${codeExpr} AND s2.effective_from <= ? ORDER BY s2.effective_from DESC, s2.version DESC LIMIT 1`;
  }

  /** Every classification with the rule in force on `on` (null for nodes without a rule). */
  async rulesInForce(on: IsoDate, filter: { q?: string } = {}): Promise<(JraExportRow & { ruleId: number | null; scheduleVersion: number | null; isDemo: boolean })[]> {
    const where = filter.q ? 'WHERE c.code LIKE ? OR c.title LIKE ?' : '';
    const params = filter.q ? [on, likeStartsWith(filter.q), likeContains(filter.q)] : [on];
    const rows = await this.ds.query(
      `SELECT c.code, c.title, c.source AS c_source, c.is_demo AS c_demo, r.id, r.active_years, r.inactive_years, r.trigger_kind, r.final_action, r.security_class, r.source, r.is_demo, s.version AS schedule_version
       FROM classifications c LEFT JOIN retention_rules r ON r.id = (${this.inForceSubquery('c.code')}) LEFT JOIN retention_schedules s ON s.id = r.schedule_id
       ${where} ORDER BY c.code`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      code: String(r.code), title: String(r.title), ruleId: r.id === null ? null : Number(r.id),
      activeYears: r.active_years === null ? null : Number(r.active_years), inactiveYears: r.inactive_years === null ? null : Number(r.inactive_years),
      finalAction: (r.final_action as string) ?? null, securityClass: (r.security_class as string) ?? null,
      source: ((r.id === null ? r.c_source : r.source) as string) ?? null, trigger: (r.trigger_kind as RetentionTrigger) ?? null,
      scheduleVersion: r.schedule_version === null ? null : Number(r.schedule_version), isDemo: Boolean(Number(r.id === null ? r.c_demo : r.is_demo)),
    }));
  }

  async exportCsv(on: IsoDate = this.today()): Promise<string> {
    return toJraCsv(await this.rulesInForce(on));
  }

  /** Every version of the rules of these classifications (for re-checking re-appraisal flags inside an import's transaction). */
  async versionsOf(em: EntityManager, codes: string[]): Promise<Map<string, RuleVersion[]>> {
    const out = new Map<string, RuleVersion[]>();
    if (!codes.length) return out;
    const rows = await em.query(
      `SELECT ${RULE_COLS} FROM retention_rules r JOIN retention_schedules s ON s.id = r.schedule_id WHERE r.classification_code IN (${codes.map(() => '?').join(',')})`,
      codes,
    );
    for (const r of rows.map(toRule)) out.set(r.classificationCode, [...(out.get(r.classificationCode) ?? []), r]);
    return out;
  }

  async history(code: string): Promise<(RuleVersion & { securityClass: string | null })[]> {
    const rows = await this.ds.query(
      `SELECT ${RULE_COLS} FROM retention_rules r JOIN retention_schedules s ON s.id = r.schedule_id WHERE r.classification_code = ? ORDER BY s.effective_from DESC, s.version DESC`,
      [code],
    );
    return rows.map(toRule);
  }
}
