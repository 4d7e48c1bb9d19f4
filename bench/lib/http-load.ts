import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface HttpLoadOptions {
  url: string;
  connections?: number;
  durationS: number;
  /** Seconds of unrecorded warm-up at the same concurrency (default 1). */
  warmupS?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpLoadResult {
  /** Responses with a 2xx status per second. */
  reqPerSec: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

const CLI = join(dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

/**
 * Runs the autocannon CLI in a child process and parses its JSON: the load generator gets its own
 * event loop (and core) instead of stealing time from the server under test.
 */
export function httpLoad(o: HttpLoadOptions): Promise<HttpLoadResult> {
  const c = String(o.connections ?? 50);
  const args = [CLI, '-j', '-c', c, '-d', String(o.durationS)];
  const warm = o.warmupS ?? 1;
  if (warm > 0) args.push('--warmup', '[', '-c', c, '-d', String(warm), ']');
  if (o.method) args.push('-m', o.method);
  for (const [k, v] of Object.entries(o.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (o.body !== undefined) args.push('-b', o.body);
  args.push(o.url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024, timeout: (o.durationS + warm + 30) * 1000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`autocannon failed: ${err.message}\n${stderr}`));
      try {
        const lines = stdout.trim().split('\n');
        const r = JSON.parse(lines[lines.length - 1]);
        const ok = r['2xx'] ?? r.requests.total - r.non2xx;
        resolve({
          reqPerSec: ok / r.duration,
          total: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
        });
      } catch (e) {
        reject(new Error(`autocannon output not understood: ${(e as Error).message}\n${stdout.slice(0, 500)}`));
      }
    });
  });
}
