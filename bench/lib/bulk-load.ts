import type { BenchContext } from '../harness';

interface IndexDef {
  name: string;
  unique: boolean;
  type: string;
  columns: string[];
}

async function secondaryIndexes(ctx: BenchContext, table: string): Promise<IndexDef[]> {
  const [rows] = (await ctx.pool.query(
    `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, INDEX_TYPE AS type, COLUMN_NAME AS col, SUB_PART AS sub
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [table],
  )) as unknown as [{ name: string; nonUnique: number; type: string; col: string; sub: number | null }[]];
  const byName = new Map<string, IndexDef>();
  for (const r of rows) {
    const def = byName.get(r.name) ?? { name: r.name, unique: Number(r.nonUnique) === 0, type: r.type, columns: [] };
    def.columns.push(r.sub ? `\`${r.col}\`(${r.sub})` : `\`${r.col}\``);
    byName.set(r.name, def);
  }
  return [...byName.values()];
}

const describe = (defs: IndexDef[]) => defs.map((d) => `${d.unique ? 'UNIQUE ' : ''}${d.name}(${d.columns.join(',')}) ${d.type}`).sort().join('; ');

/**
 * Bulk loading as a DBA would: drops the secondary indexes of `table`, runs `load`, and builds them
 * again (a sorted index build, about twice as fast here as maintaining six indexes row by row).
 * The indexes are restored even when `load` fails, and the definitions afterwards are checked to be
 * exactly the ones before. Tables with foreign keys are loaded with their indexes in place.
 */
export async function loadWithoutSecondaryIndexes(ctx: BenchContext, table: string, load: () => Promise<void>): Promise<{ rebuildMs: number }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`bad table name ${table}`);
  const [[fk]] = (await ctx.pool.query(
    "SELECT COUNT(*) AS n FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'FOREIGN KEY'",
    [table],
  )) as unknown as [[{ n: number }]];
  const before = Number(fk.n) ? [] : await secondaryIndexes(ctx, table);
  if (!before.length) {
    await load();
    return { rebuildMs: 0 };
  }
  await ctx.pool.query(`ALTER TABLE ${table} ${before.map((d) => `DROP KEY \`${d.name}\``).join(', ')}`);
  let rebuildMs = 0;
  try {
    await load();
  } finally {
    const t = performance.now();
    // InnoDB builds one FULLTEXT index per statement, and a FULLTEXT key takes no USING clause.
    const add = (d: IndexDef) => (d.type === 'FULLTEXT' ? `ADD FULLTEXT KEY \`${d.name}\` (${d.columns.join(', ')})` : `ADD ${d.unique ? 'UNIQUE ' : ''}KEY \`${d.name}\` (${d.columns.join(', ')}) USING ${d.type}`);
    const plain = before.filter((d) => d.type !== 'FULLTEXT');
    if (plain.length) await ctx.pool.query(`ALTER TABLE ${table} ${plain.map(add).join(', ')}`);
    for (const d of before.filter((x) => x.type === 'FULLTEXT')) await ctx.pool.query(`ALTER TABLE ${table} ${add(d)}`);
    rebuildMs = performance.now() - t;
  }
  const after = await secondaryIndexes(ctx, table);
  if (describe(after) !== describe(before)) throw new Error(`indexes of ${table} not restored: before ${describe(before)}; after ${describe(after)}`);
  return { rebuildMs };
}
