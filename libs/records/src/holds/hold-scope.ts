import { likeStartsWith } from '@naskah/db';
import { isIsoDate } from '../retention/calendar';

/**
 * What a hold (legal / audit freeze) covers, inside one office: a classification (and everything
 * below it), a unit, a date range overlapping the dossier's period, or listed dossiers. Criteria
 * combine with AND; at least one is required. Pure: a predicate and the same predicate as SQL.
 */
export interface HoldScope {
  classificationCode?: string | null;
  unitId?: number | null;
  from?: string | null;
  to?: string | null;
  dossierIds?: string[] | null;
  /** Set on a stored hold whose listed dossiers live in records_hold_dossiers. */
  listed?: boolean;
}

export interface ScopeProblem {
  field: string;
  reason: string;
}

export function scopeProblems(s: HoldScope): ScopeProblem[] {
  const out: ScopeProblem[] = [];
  const any = Boolean(s.classificationCode || s.unitId || s.from || s.to || s.dossierIds?.length || s.listed);
  if (!any) out.push({ field: 'scope', reason: 'isi paling sedikit satu: klasifikasi, unit, rentang tanggal atau daftar berkas' });
  if (s.from && !isIsoDate(s.from)) out.push({ field: 'scope.from', reason: 'tanggal YYYY-MM-DD' });
  if (s.to && !isIsoDate(s.to)) out.push({ field: 'scope.to', reason: 'tanggal YYYY-MM-DD' });
  if (s.from && s.to && isIsoDate(s.from) && isIsoDate(s.to) && s.from > s.to) out.push({ field: 'scope.to', reason: 'sebelum scope.from' });
  return out;
}

export interface ScopedDossier {
  id: string;
  officeId: number;
  unitId: number;
  classificationCode: string;
  periodStart: string;
  periodEnd: string | null;
}

const underCode = (code: string, root: string) => code === root || code.startsWith(`${root}.`);

export function matchesScope(d: ScopedDossier, officeId: number, s: HoldScope): boolean {
  if (d.officeId !== officeId) return false;
  if (s.classificationCode && !underCode(d.classificationCode, s.classificationCode)) return false;
  if (s.unitId && d.unitId !== s.unitId) return false;
  if (s.to && d.periodStart > s.to) return false;
  if (s.from && (d.periodEnd ?? d.periodStart) < s.from) return false;
  if (s.dossierIds?.length && !s.dossierIds.includes(d.id)) return false;
  return true;
}


/**
 * The scope as a SQL condition on dossiers `alias`. Listed dossiers come either from a stored
 * hold (`listedFromHold`) or inline ids (a preview before the hold exists).
 */
export function holdScopeSql(alias: string, officeId: number, s: HoldScope, listedFromHold?: number): { sql: string; params: unknown[] } {
  const where = [`${alias}.office_id = ?`];
  const params: unknown[] = [officeId];
  if (s.classificationCode) {
    where.push(`(${alias}.classification_code = ? OR ${alias}.classification_code LIKE ?)`);
    params.push(s.classificationCode, likeStartsWith(`${s.classificationCode}.`));
  }
  if (s.unitId) (where.push(`${alias}.unit_id = ?`), params.push(s.unitId));
  if (s.to) (where.push(`${alias}.period_start <= ?`), params.push(s.to));
  if (s.from) (where.push(`COALESCE(${alias}.period_end, ${alias}.period_start) >= ?`), params.push(s.from));
  if (listedFromHold !== undefined && (s.listed || s.dossierIds?.length)) {
    where.push(`${alias}.id IN (SELECT hd.dossier_id FROM records_hold_dossiers hd WHERE hd.hold_id = ?)`);
    params.push(listedFromHold);
  } else if (s.dossierIds?.length) {
    where.push(`${alias}.id IN (${s.dossierIds.map(() => '?').join(', ')})`);
    params.push(...s.dossierIds);
  }
  return { sql: where.join(' AND '), params };
}
