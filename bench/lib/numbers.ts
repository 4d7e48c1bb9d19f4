import type { BenchContext } from '../harness';

let hasSequenceEngine: boolean | undefined;
let numbersFilledTo = 0;

/**
 * A table expression with one column `seq` holding lo..hi, for generating rows server-side with
 * INSERT … SELECT (never row by row). MariaDB's SEQUENCE engine gives `seq_<lo>_to_<hi>` for free;
 * without it, a numbers table `bench_numbers` is filled once from a cross join of digits.
 */
export async function numbers(ctx: BenchContext, lo: number, hi: number): Promise<string> {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi < lo) throw new Error(`numbers(${lo}, ${hi}): bad range`);
  if (hasSequenceEngine === undefined) {
    hasSequenceEngine = await ctx.pool.query('SELECT seq FROM seq_1_to_1').then(() => true, () => false);
  }
  if (hasSequenceEngine) return `seq_${lo}_to_${hi}`;
  if (numbersFilledTo < hi + 1) {
    await ctx.pool.query('CREATE TABLE IF NOT EXISTS bench_numbers (seq BIGINT UNSIGNED NOT NULL, PRIMARY KEY (seq)) ENGINE=InnoDB');
    const [[{ n }]] = (await ctx.pool.query('SELECT COUNT(*) AS n FROM bench_numbers')) as unknown as [[{ n: number }]];
    let have = Number(n);
    const digits = `(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)`;
    while (have < hi + 1) {
      // 100,000 numbers per statement: have .. have+99,999
      await ctx.pool.query(
        `INSERT IGNORE INTO bench_numbers (seq) SELECT ? + a.d + 10*b.d + 100*c.d + 1000*e.d + 10000*f.d FROM ${digits} a, ${digits} b, ${digits} c, ${digits} e, ${digits} f`,
        [have],
      );
      have += 100_000;
    }
    numbersFilledTo = have;
  }
  return `(SELECT seq FROM bench_numbers WHERE seq BETWEEN ${lo} AND ${hi})`;
}
