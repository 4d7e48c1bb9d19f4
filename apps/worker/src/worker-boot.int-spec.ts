import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Starts the worker as `npm start` does, with some settings changed; resolves with its output once `done` says so or it exits. */
function startWorker(env: Record<string, string>, done: (out: string) => boolean, timeoutMs = 60_000): Promise<{ out: string; code: number | null; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}boot`, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ out, code, child });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      if (!settled) (settled = true), reject(new Error(`worker did not get there within ${timeoutMs} ms:\n${out.slice(-4000)}`));
    }, timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString('utf8');
      if (done(out)) finish(null);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => finish(code));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Issue 16 item 1: the worker checks WORKER_CONCURRENCY against DATABASE_POOL_SIZE when it starts. */
describe('worker boot: concurrency against the database pool', () => {
  it('refuses to start when the pool leaves no connection for jobs, naming both settings', async () => {
    const { out, code } = await startWorker({ DATABASE_POOL_SIZE: '1', WORKER_CONCURRENCY: '4' }, () => false);
    expect(code).toBe(78);
    expect(out).toMatch(/DATABASE_POOL_SIZE=1 .*WORKER_CONCURRENCY=4/);
    expect(out).not.toContain('Naskah worker siap');
  }, 60_000);

  it('runs WORKER_CONCURRENCY = DATABASE_POOL_SIZE with one job fewer than asked, and says so', async () => {
    const { out, child } = await startWorker({ DATABASE_POOL_SIZE: '6', WORKER_CONCURRENCY: '6' }, (o) => o.includes('jobs at once'));
    try {
      const warning = out.split('\n').find((l) => l.includes('WORKER_CONCURRENCY_CAPPED'));
      expect(warning).toBeDefined();
      expect(warning).toContain('WORKER_CONCURRENCY=6');
      expect(warning).toContain('DATABASE_POOL_SIZE=6');
      expect(out).toContain('5 jobs at once');
    } finally {
      await stop(child);
    }
  }, 90_000);

  it('keeps the configured concurrency when the pool serves it (the defaults: 40 connections, 20 jobs)', async () => {
    const { out, child } = await startWorker({ DATABASE_POOL_SIZE: '40', WORKER_CONCURRENCY: '20' }, (o) => o.includes('jobs at once'));
    try {
      expect(out).not.toContain('WORKER_CONCURRENCY_CAPPED');
      expect(out).toContain('20 jobs at once');
    } finally {
      await stop(child);
    }
  }, 90_000);
});
