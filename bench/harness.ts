import type { Pool } from 'mysql2/promise';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@naskah/core';
import type { HttpLoadOptions, HttpLoadResult } from './lib/http-load';

/**
 * The benchmark registry. A benchmark is one module under bench/raw or bench/product that calls
 * registerBench() when imported; bench/run.ts imports every module there, so adding a file is enough.
 */
export type BenchKind = 'raw' | 'product';

export interface BenchGoal {
  /** figure ÷ raw figure must be at least this (throughputs). */
  ratio?: number;
  /** figure must be at most this (latencies, in the bench's unit). */
  max?: number;
  /** figure must be at least this. */
  min?: number;
}

export interface BenchResult {
  value: number;
  unit: string;
  extra?: object;
}

export interface BenchDefinition {
  /** kebab-case, unique; `--only` matches it. */
  name: string;
  kind: BenchKind;
  /** One line for the README and the report. */
  description?: string;
  /** Name of the raw limit this figure is divided by. */
  rawOf?: string;
  goal?: BenchGoal;
  /**
   * Runs after every other bench, with its raw limit: for benches that load a large data set (the
   * 1,000,000-delivery inbox) that would otherwise sit in the buffer pool under the benches after it.
   */
  late?: boolean;
  /** Hard limit for this bench (default 120 s, 45 s in quick mode). */
  timeoutMs?: number;
  run: (ctx: BenchContext) => Promise<BenchResult>;
}

export interface BenchContext {
  databaseUrl: string;
  redisUrl: string;
  /** mysql2 pool on naskah_bench, 64 connections, single statements only. */
  pool: Pool;
  /** TypeORM DataSource on naskah_bench built with the project's options (pool 40); product benches use it. */
  dataSource: DataSource;
  /** The project's validated config pointing at the bench database, Redis and queue prefix. */
  config: AppConfig;
  /** BullMQ prefix unique to this run; use it (or a suffix of it) for every queue. */
  queuePrefix: string;
  quick: boolean;
  large: boolean;
  /** fullMs normally; quickMs (default a quarter, at most 1.5 s) in quick mode. */
  duration(fullMs: number, quickMs?: number): number;
  /** A new ioredis connection (maxRetriesPerRequest: null, as BullMQ needs), closed at the end of the bench. */
  redis(): Redis;
  /** Runs fn after this bench, whether it passed or failed (drop scratch tables, close workers...). */
  onCleanup(fn: () => Promise<unknown> | unknown): void;
  /** Load an HTTP endpoint with autocannon in a child process (so it does not share the server's event loop). */
  httpLoad(opts: HttpLoadOptions): Promise<HttpLoadResult>;
  log(message: string): void;
}

const registry: BenchDefinition[] = [];

export function registerBench(def: BenchDefinition): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(def.name)) throw new Error(`bench name "${def.name}" must be kebab-case`);
  if (registry.some((b) => b.name === def.name)) throw new Error(`bench "${def.name}" registered twice`);
  registry.push(def);
}

export function registeredBenches(): readonly BenchDefinition[] {
  return registry;
}

export interface ConcurrentStats {
  opsPerSec: number;
  ops: number;
  elapsedMs: number;
}

/**
 * Runs `n` loops that call fn until durationMs has passed and returns completed operations per
 * second. fn may return how many operations one call did (rows of a batch); default 1. An error
 * thrown by fn stops every loop and is rethrown.
 */
export async function runConcurrent(n: number, durationMs: number, fn: (worker: number, iteration: number) => Promise<number | void>): Promise<number> {
  return (await runConcurrentStats(n, durationMs, fn)).opsPerSec;
}

export async function runConcurrentStats(n: number, durationMs: number, fn: (worker: number, iteration: number) => Promise<number | void>): Promise<ConcurrentStats> {
  let ops = 0;
  let failed: unknown = null;
  const t0 = performance.now();
  const deadline = t0 + durationMs;
  const loop = async (worker: number) => {
    for (let i = 0; performance.now() < deadline && failed === null; i++) {
      try {
        const done = await fn(worker, i);
        ops += typeof done === 'number' ? done : 1;
      } catch (err) {
        failed ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: n }, (_, w) => loop(w)));
  if (failed !== null) throw failed;
  const elapsedMs = performance.now() - t0;
  return { opsPerSec: (ops * 1000) / elapsedMs, ops, elapsedMs };
}

export interface Percentiles {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a list of samples (e.g. latencies in ms). */
export function percentiles(samples: readonly number[]): Percentiles {
  if (!samples.length) return { count: 0, min: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { count: s.length, min: s[0], p50: at(50), p90: at(90), p99: at(99), max: s[s.length - 1], mean };
}

/** Milliseconds since t0 (from performance.now()). */
export const since = (t0: number): number => performance.now() - t0;
