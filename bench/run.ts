import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPool } from 'mysql2/promise';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '@naskah/core';
import { dataSourceOptions } from '@naskah/db';
import { BenchContext, BenchDefinition, registeredBenches } from './harness';
import { httpLoad } from './lib/http-load';
import { loadAverage1m, machineInfo } from './lib/machine';
import { BenchRow, fmt, goalMet, textTable, writeReport } from './lib/report';
import { recreateBenchDatabase } from './lib/setup-db';

const USAGE = `usage: npm run bench -- [--quick] [--large] [--only name,name...] [--list]
  --quick        smoke run, about a minute: short durations, 100,000-row sweep table
  --large        large data sets where a bench supports them (e.g. 10 million deliveries)
  --only a,b     run only these benches (a trailing * matches a prefix; "raw"/"product" match a kind);
                 the raw limit of each chosen product bench is run too, so its ratio can be computed
  --list         list the registered benches and exit
Writes bench/results/latest.{json,md} for a full run, quick.* for --quick, partial.* with --only, large.* with --large.`;

interface Flags {
  quick: boolean;
  large: boolean;
  only: string[];
  list: boolean;
  raw: string[];
}

function parseFlags(argv: string[]): Flags {
  const f: Flags = { quick: false, large: false, only: [], list: false, raw: argv };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') f.quick = true;
    else if (a === '--large') f.large = true;
    else if (a === '--list') f.list = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!v) throw new Error('--only needs a comma-separated list of bench names');
      f.only.push(...v.split(',').map((s) => s.trim()).filter(Boolean));
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown flag ${a}\n${USAGE}`);
  }
  return f;
}

/** Imports every module under bench/raw and bench/product (raw first); each registers its benches. */
function loadBenchModules(): void {
  for (const dir of ['raw', 'product']) {
    const files = readdirSync(join(__dirname, dir)).filter((f) => /\.(ts|js)$/.test(f) && !/\.(spec|d)\.ts$/.test(f)).sort();
    for (const f of files) require(join(__dirname, dir, f));
  }
}

function select(all: readonly BenchDefinition[], only: string[]): BenchDefinition[] {
  if (!only.length) return [...all];
  const matches = (b: BenchDefinition, p: string) =>
    p === b.kind || p === b.name || (p.endsWith('*') && b.name.startsWith(p.slice(0, -1)));
  for (const p of only) if (!all.some((b) => matches(b, p))) throw new Error(`--only: no bench matches "${p}" (see --list)`);
  const chosen = new Set(all.filter((b) => only.some((p) => matches(b, p))).map((b) => b.name));
  for (const b of all) if (chosen.has(b.name) && b.rawOf) chosen.add(b.rawOf);
  return all.filter((b) => chosen.has(b.name));
}

/**
 * Run order: each raw limit, immediately followed by the product benches divided by it (so a
 * ratio's two figures are taken minutes apart at most), then product benches without a raw limit.
 * Groups holding a `late` bench (large data sets) come last, in the same order.
 */
function order(benches: BenchDefinition[]): BenchDefinition[] {
  const groups: BenchDefinition[][] = [];
  for (const raw of benches.filter((b) => b.kind === 'raw')) {
    groups.push([raw, ...benches.filter((b) => b.kind === 'product' && b.rawOf === raw.name)]);
  }
  const grouped = new Set(groups.flat());
  for (const b of benches) if (!grouped.has(b)) groups.push([b]);
  const isLate = (g: BenchDefinition[]) => g.some((b) => b.late);
  return [...groups.filter((g) => !isLate(g)), ...groups.filter(isLate)].flat();
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  loadBenchModules();
  const all = registeredBenches();
  for (const b of all) {
    if (b.rawOf && !all.some((r) => r.name === b.rawOf)) throw new Error(`bench ${b.name}: rawOf "${b.rawOf}" is not a registered bench`);
  }
  if (flags.list) {
    for (const b of all) console.log(`${b.kind.padEnd(8)} ${b.name.padEnd(28)} ${b.rawOf ? `÷ ${b.rawOf}` : ''}  ${b.description ?? ''}`);
    return;
  }
  const benches = order(select(all, flags.only));
  const databaseUrl = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:33306/naskah_bench';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:36379';
  const mode = flags.quick ? 'quick' : flags.large ? 'large' : flags.only.length ? 'partial' : 'full';
  const stem = mode === 'full' ? 'latest' : mode;
  const startedAt = new Date();
  const tRun = performance.now();
  const loadAtStart = loadAverage1m();
  const log = (m: string) => console.log(`[bench] ${m}`);

  log(`${mode} run of ${benches.length} benches on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} and ${redisUrl}`);
  await recreateBenchDatabase(databaseUrl, log);
  const setupSeconds = (performance.now() - tRun) / 1000;

  const queuePrefix = `bench-${startedAt.getTime().toString(36)}`;
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'silent' });
  const pool = createPool({ uri: databaseUrl, connectionLimit: 64, supportBigNumbers: true, bigNumberStrings: true, timezone: 'Z' });
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 40 } as never));
  await dataSource.initialize();
  const control = new Redis(redisUrl, { maxRetriesPerRequest: null });

  const rows: BenchRow[] = [];
  for (const b of benches) {
    const cleanups: (() => unknown)[] = [];
    const redisConns: Redis[] = [];
    const ctx: BenchContext = {
      databaseUrl, redisUrl, pool, dataSource, config, queuePrefix,
      quick: flags.quick, large: flags.large,
      duration: (fullMs, quickMs) => (flags.quick ? quickMs ?? Math.min(1500, fullMs / 4) : fullMs),
      redis: () => {
        const r = new Redis(redisUrl, { maxRetriesPerRequest: null });
        redisConns.push(r);
        return r;
      },
      onCleanup: (fn) => cleanups.push(fn),
      httpLoad,
      log: (m) => console.log(`[${b.name}] ${m}`),
    };
    const t0 = performance.now();
    const row: BenchRow = { name: b.name, kind: b.kind, description: b.description, value: null, unit: '', rawOf: b.rawOf, rawValue: null, ratio: null, goal: b.goal, met: null, seconds: 0 };
    try {
      // --large loads data sets ten times the size: ten times the time limit
      const limit = (b.timeoutMs ?? (flags.quick ? 45_000 : 120_000)) * (flags.large ? 10 : 1);
      const res = await withTimeout(b.run(ctx), limit, b.name);
      row.value = res.value;
      row.unit = res.unit;
      row.extra = res.extra;
    } catch (err) {
      row.error = (err as Error).message.split('\n')[0];
      console.error(`[${b.name}] FAILED:`, err);
    }
    for (const fn of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve().then(fn), 30_000, `${b.name} cleanup`);
      } catch (err) {
        console.error(`[${b.name}] cleanup failed: ${(err as Error).message}`);
      }
    }
    await Promise.all(redisConns.map((r) => r.quit().catch(() => r.disconnect())));
    row.seconds = (performance.now() - t0) / 1000;
    rows.push(row);
    log(`${b.name}: ${row.error ? 'ERROR' : `${fmt(row.value)} ${row.unit}`} (${row.seconds.toFixed(1)} s)`);
  }

  for (const row of rows) {
    const raw = row.rawOf ? rows.find((r) => r.name === row.rawOf) : undefined;
    if (raw && raw.value !== null && row.value !== null && !row.error && !raw.error) {
      row.rawValue = raw.value;
      row.rawUnit = raw.unit;
      row.ratio = row.value / raw.value;
    }
    row.met = row.error ? null : goalMet(row.goal, row.value, row.ratio);
  }

  const machine = await machineInfo(pool, control, loadAtStart);
  // Safety net: no key of this run's queue prefix stays in Redis.
  let cursor = '0';
  do {
    const [next, keys] = await control.scan(cursor, 'MATCH', `${queuePrefix}*`, 'COUNT', 1000);
    if (keys.length) await control.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await Promise.all([pool.end(), dataSource.destroy(), control.quit()]);

  const totalSeconds = (performance.now() - tRun) / 1000;
  const report = { mode, flags: flags.raw, startedAt: startedAt.toISOString(), totalSeconds, setupSeconds, machine, rows };
  console.log(`\n${textTable(rows)}\n`);
  console.log(`${machine.cpuModel} × ${machine.cores} · node ${machine.node} · MariaDB ${machine.mariadb} · Redis ${machine.redis} · ${machine.date}`);
  console.log(`total ${totalSeconds.toFixed(1)} s (setup ${setupSeconds.toFixed(1)} s) · load average ${machine.loadAverage.start} → ${machine.loadAverage.end}`);
  for (const p of writeReport(report, stem)) console.log(`wrote ${p}`);
  process.exitCode = rows.some((r) => r.error) ? 1 : 0;
}

main()
  .catch((err) => {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 200).unref());
