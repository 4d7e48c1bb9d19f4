import type { EntityManager } from 'typeorm';

/**
 * Agenda numbers (nomor agenda): a running number of incoming letters per receiving office and
 * calendar year. One counter row per office and year in `number_counters`.
 */
export const agendaScopeKey = (officeId: number, year: number) => `agenda|office=${officeId}|year=${year}`;

export interface AgendaTarget {
  ordinal: number;
  officeId: number;
}

/** How many agenda numbers each office needs for a batch of targets. */
export function countByOffice(targets: AgendaTarget[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of targets) counts.set(t.officeId, (counts.get(t.officeId) ?? 0) + 1);
  return counts;
}

/**
 * Hands out numbers once each office's counter has been raised by its count: an office whose
 * counter now stands at `last` and needed `n` numbers gets last-n+1 … last, in target order.
 */
export function assignAgendaNumbers(targets: AgendaTarget[], lastByOffice: Map<number, number>): Map<number, number> {
  const counts = countByOffice(targets);
  const next = new Map<number, number>();
  for (const [officeId, n] of counts) {
    const last = lastByOffice.get(officeId);
    if (last === undefined) throw new Error(`agenda counter for office ${officeId} missing`);
    next.set(officeId, last - n + 1);
  }
  const byOrdinal = new Map<number, number>();
  for (const t of [...targets].sort((a, b) => a.ordinal - b.ordinal)) {
    const n = next.get(t.officeId)!;
    byOrdinal.set(t.ordinal, n);
    next.set(t.officeId, n + 1);
  }
  return byOrdinal;
}

/**
 * Reserves agenda numbers for every receiving office of a batch in two round trips, whatever the
 * number of offices: one multi-row upsert raises each counter by its count (taking the row locks,
 * in scope-key order so concurrent batches lock alike), one SELECT reads them back under those
 * locks. Must run inside the transaction that inserts the deliveries.
 */
export async function reserveAgendaNumbers(em: EntityManager, targets: AgendaTarget[], year: number): Promise<Map<number, number>> {
  if (!targets.length) return new Map();
  const counts = [...countByOffice(targets)].map(([officeId, n]) => ({ officeId, n, key: agendaScopeKey(officeId, year) }));
  counts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await em.query(
    `INSERT INTO number_counters (scope_key, value) VALUES ${counts.map(() => '(?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE value = value + VALUES(value)`,
    counts.flatMap((c) => [c.key, c.n]),
  );
  const rows: { scope_key: string; value: string | number }[] = await em.query(
    `SELECT scope_key, value FROM number_counters WHERE scope_key IN (${counts.map(() => '?').join(', ')})`,
    counts.map((c) => c.key),
  );
  const byKey = new Map(rows.map((r) => [r.scope_key, Number(r.value)]));
  return assignAgendaNumbers(targets, new Map(counts.map((c) => [c.officeId, byKey.get(c.key)!])));
}
