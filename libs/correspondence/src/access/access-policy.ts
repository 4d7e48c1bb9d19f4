/**
 * Who may see a letter, by its security class (SKKAA). One rule, used by every read, list, search
 * and download:
 *  - B (Biasa): anyone in the sending office or in an office that received it;
 *  - T (Terbatas): the positions involved (drafter, reviewers, signer, addressees, recipients on
 *    the route, forwarders) and their superiors in the reporting tree;
 *  - R / SR (Rahasia / Sangat Rahasia): only the positions involved.
 * Someone who may not see a letter is told it does not exist (404), never that it is secret.
 */
export type SecurityClass = 'B' | 'T' | 'R' | 'SR';

export interface AccessViewer {
  officeId: number | null;
  /** Own position plus positions held today by delegation. */
  positionIds: number[];
  /** Materialised paths of those positions (see libs/organisation position-tree). */
  positionPaths: string[];
}

export interface InvolvedPosition {
  positionId: number;
  officeId: number;
  path: string;
}

export function maySee(security: SecurityClass, viewer: AccessViewer, involved: InvolvedPosition[]): boolean {
  const own = new Set(viewer.positionIds);
  if (involved.some((p) => own.has(p.positionId))) return true;
  if (security === 'B') return viewer.officeId !== null && involved.some((p) => p.officeId === viewer.officeId);
  if (security === 'T') return involved.some((p) => viewer.positionPaths.some((vp) => p.path.startsWith(vp)));
  return false;
}

/**
 * The same rule as SQL, for lists and searches: a condition on `alias.id` (a letters row) that
 * is true when the viewer may see it. Parameters are returned in order.
 */
export function accessSql(alias: string, viewer: AccessViewer): { sql: string; params: unknown[] } {
  const ids = viewer.positionIds.length ? viewer.positionIds : [0];
  const paths = viewer.positionPaths;
  const pathCond = paths.length ? paths.map(() => 'ip.path LIKE ?').join(' OR ') : '0';
  const sql = `(
    EXISTS (SELECT 1 FROM letter_access la WHERE la.letter_id = ${alias}.id AND la.position_id IN (${ids.map(() => '?').join(',')}))
    OR (${alias}.security_class = 'B' AND EXISTS (SELECT 1 FROM letter_access la WHERE la.letter_id = ${alias}.id AND la.office_id = ?))
    OR (${alias}.security_class = 'T' AND EXISTS (SELECT 1 FROM letter_access la JOIN positions ip ON ip.id = la.position_id WHERE la.letter_id = ${alias}.id AND (${pathCond})))
  )`;
  return { sql, params: [...ids, viewer.officeId ?? 0, ...paths.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)] };
}
