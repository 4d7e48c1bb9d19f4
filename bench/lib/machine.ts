import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import type { Pool } from 'mysql2/promise';
import type { Redis } from 'ioredis';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  mariadb: string;
  innodbBufferPoolMiB: number;
  innodbFlushLogAtTrxCommit: string;
  redis: string;
  gitCommit: string;
  date: string;
  /** 1-minute load average when the run started and when it ended: other work on the machine skews figures. */
  loadAverage: { start: number; end: number };
}

function git(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

export const loadAverage1m = (): number => Math.round(loadavg()[0] * 100) / 100;

export async function machineInfo(pool: Pool, redis: Redis, loadAtStart: number): Promise<MachineInfo> {
  const [rows] = await pool.query(
    "SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp, @@innodb_flush_log_at_trx_commit AS fl",
  );
  const r = (rows as { v: string; bp: string | number; fl: string | number }[])[0];
  const info = await redis.info('server');
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    mariadb: r.v,
    innodbBufferPoolMiB: Math.round(Number(r.bp) / 2 ** 20),
    innodbFlushLogAtTrxCommit: String(r.fl),
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    gitCommit: git(),
    date: new Date().toISOString(),
    loadAverage: { start: loadAtStart, end: loadAverage1m() },
  };
}
