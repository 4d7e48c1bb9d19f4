import { EntityManager } from 'typeorm';
import { holdScopeSql, HoldScope } from './hold-scope';

interface HoldRow {
  id: number;
  scope_classification: string | null;
  scope_unit_id: number | null;
  scope_from: unknown;
  scope_to: unknown;
  scope_listed: number;
}

export function scopeOf(h: HoldRow): HoldScope {
  const d = (v: unknown) => (v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
  return { classificationCode: h.scope_classification, unitId: h.scope_unit_id === null ? null : Number(h.scope_unit_id), from: d(h.scope_from), to: d(h.scope_to), listed: Boolean(Number(h.scope_listed)) };
}

/**
 * Which of these dossiers are held, seen from inside the caller's transaction. First it shares the
 * office's hold epoch row (a hold being placed holds it exclusively until it commits), so a hold
 * that committed before this call is always seen, and one being placed waits for this transaction.
 * A dossier is held when a hold was applied to it (hold_count, kept by the apply job) or when an
 * unlifted hold's scope covers it even before the apply job reached it.
 */
export async function heldAmong(em: EntityManager, officeId: number, dossierIds: string[]): Promise<Set<string>> {
  const held = new Set<string>();
  if (!dossierIds.length) return held;
  await em.query('INSERT IGNORE INTO records_hold_epochs (office_id, epoch) VALUES (?, 0)', [officeId]);
  await em.query('SELECT epoch FROM records_hold_epochs WHERE office_id = ? LOCK IN SHARE MODE', [officeId]);
  const marks = dossierIds.map(() => '?').join(',');
  const counted = await em.query(`SELECT id FROM dossiers WHERE id IN (${marks}) AND hold_count > 0`, dossierIds);
  for (const r of counted) held.add(String(r.id));
  const holds: HoldRow[] = await em.query(`SELECT id, scope_classification, scope_unit_id, scope_from, scope_to, scope_listed FROM records_holds WHERE office_id = ? AND status <> 'LIFTED'`, [officeId]);
  for (const h of holds) {
    const scope = holdScopeSql('d', officeId, scopeOf(h), Number(h.id));
    const rows = await em.query(`SELECT d.id FROM dossiers d WHERE d.id IN (${marks}) AND ${scope.sql}`, [...dossierIds, ...scope.params]);
    for (const r of rows) held.add(String(r.id));
  }
  return held;
}
