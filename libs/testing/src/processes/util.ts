/** Small process and file helpers shared by the reliability harness. */
import { ChildProcess, execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, fstatSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import IORedis from 'ioredis';

export const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const RELIABILITY_DIR = join(ROOT, '.data', 'reliability');
export const SBIN = ['/usr/sbin', '/usr/local/sbin', '/sbin'];
export const execFileP = promisify(execFile);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every child process we started, so they can be killed when the Jest worker exits. */
export const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) try { c.kill('SIGKILL'); } catch { /* gone */ }
});

/** A port nobody listens on right now (bind port 0, read it, close). */
/**
 * A free TCP port for a server this harness starts, chosen below the kernel's ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range, 32768+ here): a port the kernel handed out with
 * `listen(0)` can be taken by any outgoing connection of the busy test run before mariadbd or
 * redis-server binds it (seen: "Address already in use" at start-up). Ports are tried at random in
 * 20000–32767 until one can be bound.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12768);
    if (await canListen(port)) return port;
  }
  throw new Error('no free TCP port found in 20000-32767');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** Last `lines` lines of a file (reads at most the last 64 KiB). */
export function tailOf(file: string, lines = 40): string {
  if (!existsSync(file)) return `(no ${file})`;
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    return buf.toString('utf8').split('\n').slice(-lines - 1).join('\n');
  } finally {
    closeSync(fd);
  }
}

export function which(bin: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...SBIN]) {
    const p = join(dir, bin);
    if (dir && existsSync(p)) return p;
  }
  throw new Error(`${bin} not found (install mariadb-server and redis-server: apt-get install -y --no-install-recommends mariadb-server redis-server)`);
}

/** Polls `probe` until it returns true; throws `what` (with `explain()`) when time is up or `abort()` names a reason. */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, opts: { timeoutMs?: number; everyMs?: number; abort?: () => string | undefined; explain?: () => string } = {}): Promise<number> {
  const t0 = Date.now();
  const deadline = t0 + (opts.timeoutMs ?? 30_000);
  for (;;) {
    let ok = false;
    try {
      ok = await probe();
    } catch {
      ok = false;
    }
    if (ok) return Date.now() - t0;
    const why = opts.abort?.() ?? (Date.now() > deadline ? `not within ${opts.timeoutMs ?? 30_000} ms` : undefined);
    if (why) throw new Error(`${what}: ${why}${opts.explain ? `\n${opts.explain()}` : ''}`);
    await sleep(opts.everyMs ?? 100);
  }
}


/** One command on one Redis server (or cluster node, without redirection), on a short-lived connection. */
export async function askRedis(port: number, ...command: string[]): Promise<unknown> {
  const c = new IORedis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: 1000 });
  try {
    await c.connect();
    return await c.call(command[0], ...command.slice(1));
  } finally {
    c.disconnect();
  }
}
