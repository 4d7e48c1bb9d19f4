import type { BenchContext } from '../harness';

/**
 * Creates a scratch table (dropped first if a previous run left it) and drops it after the bench.
 * Raw limits use these, never the product's tables. Names must start with bench_.
 */
export async function scratchTable(ctx: BenchContext, name: string, columns: string): Promise<string> {
  if (!/^bench_[a-z0-9_]+$/.test(name)) throw new Error(`scratch table "${name}" must be named bench_*`);
  await ctx.pool.query(`DROP TABLE IF EXISTS ${name}`);
  await ctx.pool.query(`CREATE TABLE ${name} (${columns}) ENGINE=InnoDB`);
  ctx.onCleanup(() => ctx.pool.query(`DROP TABLE IF EXISTS ${name}`));
  return name;
}

/** `(?, ?, ?), (?, ?, ?) ...` for a multi-row INSERT of `rows` rows of `cols` columns. */
export function placeholders(rows: number, cols: number): string {
  const one = `(${Array(cols).fill('?').join(', ')})`;
  return Array(rows).fill(one).join(', ');
}

/** Columns shaped like a delivery row: a few ids, a status, a timestamp, one secondary index. */
export const DELIVERY_LIKE_COLUMNS = `
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  letter_id BIGINT UNSIGNED NOT NULL,
  office_id INT UNSIGNED NOT NULL,
  status VARCHAR(20) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_office_created (office_id, created_at)`;

export const deliveryLikeRow = (i: number): unknown[] => [i, (i % 553) + 1, 'TERKIRIM', new Date()];
