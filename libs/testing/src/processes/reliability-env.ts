import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { freePort, RELIABILITY_DIR, ROOT } from './util';
import { ManagedProcess } from './managed-process';
import { MariaDbServer, RedisServer } from './servers';
import { RedisSentinelSet } from './redis-sentinel';
import { RedisClusterSet } from './redis-cluster';
import { pidAlive, templateDatadir } from './template-db';
import { ApiClient } from './api-client';

// ------------------------------------------------------------------------------------------------
// One suite's private world

export interface ReliabilityEnvOptions {
  /** Redis with an append-only file (so a Redis restart keeps what it had acknowledged). Default true. */
  redisPersistent?: boolean;
  /**
   * Redis Sentinel around the suite's Redis: two replicas and three sentinels (on `ports`: the
   * replicas first, then the three sentinels; free ports when unset), and the apps configured with
   * REDIS_SENTINELS (REDIS_WAIT_REPLICAS=1) instead of REDIS_URL.
   */
  sentinel?: { ports?: number[]; masterName?: string };
  /**
   * A Redis Cluster (3 masters, one replica each, on free ports) instead of the suite's Redis for
   * the apps: REDIS_CLUSTER_NODES, QUEUE_PREFIX `{rel}` (hash-tagged), REDIS_WAIT_REPLICAS=1.
   */
  cluster?: { masters?: number };
  /** Extra environment for every API and worker process. */
  appEnv?: Record<string, string>;
  /** Extra options of the suite's MariaDB (e.g. `--log-bin=…` for a primary with replicas). */
  mariadbArgs?: string[];
  /** Port of the suite's MariaDB (default: a free one). */
  mariadbPort?: number;
}

/**
 * The suite's directory: `.data/reliability/<suite>`, or `<suite>-<prefix>` when the run has its own
 * NASKAH_TEST_DB_PREFIX, so that two test runs side by side never share (or wipe) each other's servers.
 */
export function suiteDir(suite: string): string {
  const prefix = (process.env.NASKAH_TEST_DB_PREFIX ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return join(RELIABILITY_DIR, prefix && prefix !== 'naskah_test' ? `${suite}-${prefix}` : suite);
}

/**
 * Before a suite wipes its directory: refuses when a live test process still owns it, and kills what
 * a crashed earlier run left behind (only processes marked with this directory).
 */
function reapLeftovers(dir: string): void {
  const file = join(dir, 'pids.json');
  if (!existsSync(file)) return;
  let recorded: { owner?: number; pids?: number[] } = {};
  try {
    recorded = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return;
  }
  const ownerIsATest = (pid: number) => pidAlive(pid) && (() => { try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node'); } catch { return false; } })();
  if (recorded.owner && recorded.owner !== process.pid && ownerIsATest(recorded.owner)) {
    throw new Error(`${relative(ROOT, dir)} belongs to a test process that is still running (pid ${recorded.owner}); run side by side with another NASKAH_TEST_DB_PREFIX`);
  }
  for (const pid of recorded.pids ?? []) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (cmd.includes(dir) || env.split('\0').includes(`NASKAH_RELIABILITY_DIR=${dir}`)) process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export class ReliabilityEnv {
  readonly apps: ManagedProcess[] = [];
  /** Read replicas started by `replica()`. */
  readonly replicas: MariaDbServer[] = [];
  private readonly sources: DataSource[] = [];
  /** With the `sentinel` option: the replica and the sentinels. */
  sentinel: RedisSentinelSet | null = null;
  /** With the `cluster` option: the cluster's nodes. */
  cluster: RedisClusterSet | null = null;

  /** The apps' QUEUE_PREFIX (hash-tagged on a Redis Cluster). */
  get queuePrefix(): string {
    return this.opts.cluster ? '{rel}' : 'rel';
  }

  private constructor(
    readonly suite: string,
    readonly dir: string,
    readonly mariadb: MariaDbServer,
    readonly redis: RedisServer,
    private readonly opts: ReliabilityEnvOptions,
  ) {}

  /** Wipes `.data/reliability/<suite>`, copies the template database there and starts MariaDB and Redis on free ports. */
  static async create(suite: string, opts: ReliabilityEnvOptions = {}): Promise<ReliabilityEnv> {
    const dir = suiteDir(suite);
    reapLeftovers(dir);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'run'), { recursive: true });
    const template = await templateDatadir();
    cpSync(template, join(dir, 'mysql'), { recursive: true });
    const [dbPort, redisPort] = [opts.mariadbPort ?? (await freePort()), await freePort()];
    const env = new ReliabilityEnv(suite, dir, new MariaDbServer(dir, dbPort, { args: opts.mariadbArgs }), new RedisServer(dir, redisPort, opts.redisPersistent ?? true), opts);
    try {
      await Promise.all([env.mariadb.start(), env.redis.start()]);
      if (opts.sentinel) {
        const ports = opts.sentinel.ports ?? [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
        env.sentinel = new RedisSentinelSet(dir, env.redis, ports.slice(0, 2), ports.slice(2, 5), opts.sentinel.masterName);
        env.recordPids();
        await env.sentinel.start();
      }
      if (opts.cluster) {
        const ports: [number, number][] = [];
        for (let i = 0; i < (opts.cluster.masters ?? 3) * 2; i++) ports.push([await freePort(), await freePort()]);
        env.cluster = new RedisClusterSet(dir, ports);
        env.recordPids();
        await env.cluster.start();
      }
    } catch (err) {
      await env.shutdown();
      throw err;
    }
    env.recordPids();
    return env;
  }

  /**
   * A second MariaDB in `<suite>/<name>` on a copy of the same template data directory (so it holds
   * exactly what the suite's MariaDB held when it started: the replica of a cloned primary), started
   * with `args` (e.g. `--server-id=2 --read-only=1`). The caller points it at the primary.
   */
  async replica(name: string, args: string[], port?: number): Promise<MariaDbServer> {
    const dir = join(this.dir, name);
    mkdirSync(join(dir, 'run'), { recursive: true });
    cpSync(await templateDatadir(), join(dir, 'mysql'), { recursive: true });
    const server = new MariaDbServer(dir, port ?? (await freePort()), { name, args });
    this.replicas.push(server);
    await server.start();
    this.recordPids();
    return server;
  }

  get databaseUrl(): string {
    return this.mariadb.url();
  }

  /** Environment of an API or worker process of this suite. */
  appEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX: this.queuePrefix,
      ...(this.sentinel ? { REDIS_SENTINELS: this.sentinel.sentinelList, REDIS_SENTINEL_NAME: this.sentinel.masterName, REDIS_WAIT_REPLICAS: '1' } : {}),
      // REDIS_URL empty: not set (the cluster excludes it)
      ...(this.cluster ? { REDIS_CLUSTER_NODES: this.cluster.nodeList, REDIS_URL: '', REDIS_WAIT_REPLICAS: '1' } : {}),
      HOST: '127.0.0.1',
      STORAGE_DIR: join(this.dir, 'files'),
      SIGNING_KEY_PATH: join(this.dir, 'signing-key.pem'),
      AUDIT_CHECKPOINT_DIR: join(this.dir, 'audit-checkpoints'),
      AUDIT_CHECKPOINT_KEY_PATH: join(this.dir, 'audit-checkpoint-key.pem'),
      JWT_SECRET: 'reliability-secret-for-naskah-tests-0123456789',
      OUTBOX_POLL_MS: '200',
      LOG_LEVEL: process.env.NASKAH_TEST_APP_LOG_LEVEL ?? 'warn',
      NASKAH_RELIABILITY_DIR: this.dir, // marks our processes for reapLeftovers
      ...this.opts.appEnv,
      ...extra,
    };
  }

  /** An API child process (not started yet); `client` talks to it. */
  async api(name = 'api', extra: Record<string, string> = {}): Promise<{ proc: ManagedProcess; client: ApiClient; port: number }> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const proc = new ManagedProcess({
      name,
      command: process.execPath,
      args: ['-r', '@swc-node/register', 'apps/api/src/main.ts'],
      env: this.appEnv({ PORT: String(port), PUBLIC_BASE_URL: base, ...extra }),
      logFile: join(this.dir, `${name}.log`),
      ready: async () => (await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0)) === 200,
    });
    this.apps.push(proc);
    return { proc, client: new ApiClient(base), port };
  }

  /** A worker child process (not started yet); ready once it has printed its ready line. */
  worker(name = 'worker', extra: Record<string, string> = {}): ManagedProcess {
    const proc = new ManagedProcess({
      name,
      command: process.execPath,
      args: ['-r', '@swc-node/register', 'apps/worker/src/main.ts'],
      env: this.appEnv(extra),
      logFile: join(this.dir, `${name}.log`),
      ready: async (p) => p.output.includes('Naskah worker siap'),
    });
    this.apps.push(proc);
    return proc;
  }

  /** Starts processes together and records their pids. */
  async startAll(...procs: ManagedProcess[]): Promise<void> {
    await Promise.all(procs.map((p) => p.start()));
    this.recordPids();
  }

  recordPids(): void {
    const pids = [this.mariadb.proc.pid, this.redis.proc.pid, ...this.replicas.map((r) => r.proc.pid), ...(this.sentinel?.processes ?? []).map((p) => p.pid), ...(this.cluster?.processes ?? []).map((p) => p.pid), ...this.apps.map((a) => a.pid)].filter((p): p is number => !!p);
    writeFileSync(join(this.dir, 'pids.json'), JSON.stringify({ owner: process.pid, pids }));
  }

  /** A DataSource on this suite's database for the test's own reads and fixtures (closed by shutdown). */
  async dataSource(poolSize = 4): Promise<DataSource> {
    const { dataSourceOptions } = require('@naskah/db') as typeof import('@naskah/db');
    const ds = new DataSource(dataSourceOptions(this.databaseUrl, { poolSize } as never));
    await ds.initialize();
    this.sources.push(ds);
    return ds;
  }

  /** The tails of every log of this suite (apps and servers). */
  logs(lines = 30): string {
    return [...this.apps.map((a) => a.tail(lines)), this.mariadb.tail(lines), ...this.replicas.map((r) => r.tail(lines)), this.redis.tail(lines), ...(this.sentinel ? [this.sentinel.tail(lines)] : []), ...(this.cluster ? [this.cluster.tail(lines)] : [])].join('\n');
  }

  /** Kills every app, closes our connections, stops the servers. Safe to call twice and after failures. */
  async shutdown(): Promise<void> {
    await Promise.allSettled(this.apps.map((a) => a.kill('SIGKILL')));
    await Promise.allSettled(this.sources.map((s) => (s.isInitialized ? s.destroy() : undefined)));
    await Promise.allSettled([this.mariadb.stop(), ...this.replicas.map((r) => r.stop()), this.redis.kill(), this.sentinel?.kill(), this.cluster?.kill()]);
  }
}

/**
 * Wraps a test body so a failure carries the tails of the suite's logs (apps and servers).
 * `it('…', withLogs(() => env, async () => { … }))`
 */
export function withLogs(env: () => ReliabilityEnv | undefined, fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (err) {
      const e = env();
      if (e && err instanceof Error) err.message += `\n\n${e.logs()}`;
      throw err;
    }
  };
}

/** Prints a suite's figures so they show in CI output. */
export function printFigures(suite: string, figures: Record<string, number | string>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  console.log(`[reliability] ${suite}\n${Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n')}`);
}

/** The product's audit verification (AuditService.verify) on a suite's database. */
export async function verifyAuditChain(ds: DataSource): Promise<{ ok: boolean; streams: number; checked: number; problems: string[] }> {
  const { AuditService } = require('@naskah/audit') as typeof import('@naskah/audit');
  const { SystemClock } = require('@naskah/core') as typeof import('@naskah/core');
  const audit = new AuditService(ds, { AUDIT_SHARDS: 64 } as never, new SystemClock());
  return audit.verify();
}

