/**
 * Real processes for the reliability suites (test/reliability): a private MariaDB and Redis per
 * suite on free ports under `.data/reliability/<suite>/`, and the API and worker as child
 * processes (`node -r @swc-node/register apps/.../main.ts`), each with its output in a log file.
 * Servers and apps can be stopped, SIGKILLed and restarted; every failure message carries the tail
 * of the logs. Nothing here touches the shared test MariaDB/Redis.
 *
 * The migrated and seeded database is prepared once per content of the migrations and seeds (a
 * template data directory, keyed by a hash of those files) and copied for each suite.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, fstatSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const RELIABILITY_DIR = join(ROOT, '.data', 'reliability');
const SBIN = ['/usr/sbin', '/usr/local/sbin', '/sbin'];
const execFileP = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every child process we started, so they can be killed when the Jest worker exits. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) try { c.kill('SIGKILL'); } catch { /* gone */ }
});

/** A port nobody listens on right now (bind port 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
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

function which(bin: string): string {
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

// ------------------------------------------------------------------------------------------------
// A child process with its output in a log file

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logFile: string;
  /** Resolves true once the process can serve. */
  ready: (p: ManagedProcess) => Promise<boolean>;
  readyTimeoutMs?: number;
}

export class ManagedProcess {
  child: ChildProcess | null = null;
  /** Output of the current run (since the last start), for readiness markers. */
  output = '';
  starts = 0;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (appending to its log) and waits until it is ready. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running (pid ${this.pid})`);
    this.starts += 1;
    this.output = '';
    const fd = openSync(this.spec.logFile, 'a');
    writeFileSync(fd, `\n===== ${new Date().toISOString()} start #${this.starts} of ${this.name}: ${this.spec.command} ${this.spec.args.join(' ')}\n`);
    const child = spawn(this.spec.command, this.spec.args, { cwd: ROOT, env: this.spec.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    this.child = child;
    const onData = (chunk: Buffer) => {
      if (this.child === child) this.output = (this.output + chunk.toString('utf8')).slice(-256 * 1024);
      try {
        writeFileSync(fd, chunk);
      } catch {
        /* closed */
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    this.exited = new Promise((res) => {
      child.once('close', (code, signal) => {
        children.delete(child);
        try {
          writeFileSync(fd, `===== ${this.name} (pid ${child.pid}) exited: ${signal ?? `code ${code}`}\n`);
          closeSync(fd);
        } catch {
          /* closed */
        }
        res();
      });
    });
    await waitFor(`${this.name} did not become ready`, () => this.spec.ready(this), {
      timeoutMs: this.spec.readyTimeoutMs ?? 90_000,
      everyMs: 100,
      abort: () => (child.exitCode !== null || child.signalCode !== null ? `it exited during start-up (${child.signalCode ?? `code ${child.exitCode}`})` : undefined),
      explain: () => this.tail(),
    });
  }

  /** Sends `signal` and waits until the process has exited. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([this.exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
    clearTimeout(timer);
    if (!done) {
      this.child!.kill('SIGKILL');
      await this.exited;
    }
  }

  /** SIGTERM (a clean shutdown), SIGKILL after `graceMs`. */
  stop(graceMs = 10_000): Promise<void> {
    return this.kill('SIGTERM', graceMs);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  tail(lines = 40): string {
    return `----- last lines of ${relative(ROOT, this.spec.logFile)} (${this.name}) -----\n${tailOf(this.spec.logFile, lines)}`;
  }
}

// ------------------------------------------------------------------------------------------------
// MariaDB and Redis

async function tcpAnswers(port: number, send: string, expect: RegExp, timeoutMs = 1000): Promise<boolean> {
  return new Promise((res) => {
    const sock = connect({ host: '127.0.0.1', port });
    let buf = '';
    const done = (ok: boolean) => {
      sock.destroy();
      res(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => send && sock.write(send));
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      if (expect.test(buf)) done(true);
    });
  });
}

/** A private MariaDB server (root, empty password, TCP on 127.0.0.1:port). */
export class MariaDbServer {
  readonly proc: ManagedProcess;
  readonly datadir: string;
  readonly socket: string;

  constructor(readonly dir: string, readonly port: number) {
    this.datadir = join(dir, 'mysql');
    const sock = join(dir, 'run', 'mariadb.sock');
    this.socket = sock.length > 100 ? `/tmp/naskah-rel-${createHash('md5').update(dir).digest('hex').slice(0, 8)}-mariadb.sock` : sock;
    mkdirSync(join(dir, 'run'), { recursive: true });
    this.proc = new ManagedProcess({
      name: 'mariadb',
      command: which('mariadbd'),
      // --no-defaults must come first (NOTES.md); the rest mirrors scripts/services.sh.
      args: [
        '--no-defaults', '--user=root', `--datadir=${this.datadir}`, `--socket=${this.socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
        '--skip-log-bin', `--pid-file=${join(dir, 'run', 'mariadb.pid')}`, `--log-error=${join(dir, 'mariadb.log')}`,
        '--innodb-buffer-pool-size=256M', '--innodb-log-file-size=16M', '--max-connections=600', '--innodb-flush-log-at-trx-commit=2',
        '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--innodb-print-all-deadlocks=ON',
      ],
      env: { ...process.env, NASKAH_RELIABILITY_DIR: dir }, // marks it for reapLeftovers
      logFile: join(dir, 'mariadb.stdout.log'),
      ready: () => this.answers(),
      readyTimeoutMs: 60_000,
    });
  }

  url(database = 'naskah'): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** True when the server accepts a connection and answers its handshake. */
  answers(): Promise<boolean> {
    return tcpAnswers(this.port, '', /MariaDB|mysql_native_password/);
  }

  start(): Promise<void> {
    return this.proc.start();
  }

  /** A clean shutdown (as `mariadb-admin shutdown`): running transactions roll back. */
  async stop(): Promise<void> {
    if (!this.proc.running) return;
    try {
      await execFileP(which('mariadb-admin'), ['--no-defaults', '-h127.0.0.1', `-P${this.port}`, '-uroot', '--connect-timeout=2', 'shutdown'], { timeout: 60_000 });
    } catch {
      await this.proc.kill('SIGTERM', 60_000);
    }
    await this.proc.kill('SIGTERM', 60_000); // no-op once it has exited
  }

  /** A crash: SIGKILL, no shutdown; InnoDB recovers on the next start. */
  kill(): Promise<void> {
    return this.proc.kill('SIGKILL');
  }

  tail(lines = 30): string {
    return `----- last lines of ${relative(ROOT, join(this.dir, 'mariadb.log'))} -----\n${tailOf(join(this.dir, 'mariadb.log'), lines)}`;
  }
}

/** A private Redis (noeviction, as BullMQ needs); `persistent` keeps an append-only file so a restart keeps the queues. */
export class RedisServer {
  readonly proc: ManagedProcess;

  constructor(readonly dir: string, readonly port: number, readonly persistent: boolean) {
    mkdirSync(join(dir, 'redis'), { recursive: true });
    this.proc = new ManagedProcess({
      name: 'redis',
      command: which('redis-server'),
      args: [
        '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', persistent ? 'yes' : 'no', '--dir', join(dir, 'redis'),
        '--daemonize', 'no', '--pidfile', join(dir, 'run', 'redis.pid'), '--logfile', join(dir, 'redis.log'), '--maxmemory-policy', 'noeviction',
      ],
      env: { ...process.env, NASKAH_RELIABILITY_DIR: dir }, // marks it for reapLeftovers (Redis rewrites its command line)
      logFile: join(dir, 'redis.stdout.log'),
      ready: () => this.answers(),
      readyTimeoutMs: 30_000,
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  answers(): Promise<boolean> {
    return tcpAnswers(this.port, 'PING\r\n', /\+PONG/);
  }

  start(): Promise<void> {
    return this.proc.start();
  }

  /** SHUTDOWN (the append-only file, if any, is flushed). */
  stop(): Promise<void> {
    return this.proc.kill('SIGTERM', 30_000);
  }

  /** A crash: SIGKILL. With `persistent`, what Redis acknowledged is in the append-only file already (written before each reply). */
  kill(): Promise<void> {
    return this.proc.kill('SIGKILL');
  }

  tail(lines = 30): string {
    return `----- last lines of ${relative(ROOT, join(this.dir, 'redis.log'))} -----\n${tailOf(join(this.dir, 'redis.log'), lines)}`;
  }
}

// ------------------------------------------------------------------------------------------------
// The migrated + seeded template data directory

const TEMPLATE_INPUTS = [
  'libs/db/src/migrations', 'libs/db/src/data-source-options.ts', 'libs/organisation/src/seed', 'libs/identity/src/demo-users.ts',
  'libs/identity/src/users.service.ts', 'libs/correspondence/src/master', 'libs/testing/src/prepare-test-databases.ts', 'package-lock.json',
];

/** Bump when the way the template is made (install options, seeds run) changes. */
const TEMPLATE_FORMAT = '1';

function hashInputs(): string {
  const h = createHash('sha256').update(TEMPLATE_FORMAT);
  const add = (p: string) => {
    const abs = join(ROOT, p);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) for (const e of readdirSync(abs).sort()) add(join(p, e));
    else h.update(p).update('\0').update(readFileSync(abs)).update('\0');
  };
  for (const p of TEMPLATE_INPUTS) add(p);
  return h.digest('hex').slice(0, 16);
}

/** Creates the database, runs every migration and the seeds that `npm test` runs (organisation, demo users, master data). */
export async function migrateAndSeed(url: string): Promise<void> {
  const { dataSourceOptions, runMigrations } = require('@naskah/db') as typeof import('@naskah/db');
  const { seedOrganisation } = require('@naskah/organisation') as typeof import('@naskah/organisation');
  const { seedDemoUsers } = require('@naskah/identity') as typeof import('@naskah/identity');
  const { seedMasterData } = require('@naskah/correspondence') as typeof import('@naskah/correspondence');
  await runMigrations(url);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 4 } as never));
  await ds.initialize();
  try {
    await seedOrganisation(ds);
    await seedDemoUsers(ds);
    await seedMasterData(ds);
  } finally {
    await ds.destroy();
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The template data directory for the current migrations and seeds, made once (other Jest workers wait for it). */
export async function templateDatadir(): Promise<string> {
  const key = hashInputs();
  const base = join(RELIABILITY_DIR, 'template');
  const final = join(base, key);
  if (existsSync(join(final, 'mysql', 'naskah'))) return join(final, 'mysql');
  mkdirSync(base, { recursive: true });
  const lock = join(base, `${key}.lock`);
  await waitFor('the reliability template database (another Jest worker is making it)', () => {
    if (existsSync(join(final, 'mysql', 'naskah'))) return true;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch {
      const holder = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (holder && !pidAlive(holder)) rmSync(lock, { recursive: true, force: true });
      return false;
    }
  }, { timeoutMs: 180_000, everyMs: 200 });
  if (existsSync(join(final, 'mysql', 'naskah'))) return join(final, 'mysql');
  try {
    const work = join(base, `${key}.tmp-${process.pid}`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    await execFileP(which('mariadb-install-db'), ['--no-defaults', '--user=root', `--datadir=${join(work, 'mysql')}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { timeout: 120_000 });
    const db = new MariaDbServer(work, await freePort());
    await db.start();
    try {
      await migrateAndSeed(db.url());
    } finally {
      await db.stop();
    }
    rmSync(join(work, 'run'), { recursive: true, force: true });
    for (const f of readdirSync(base)) if (f !== `${key}.lock` && !f.includes('.tmp-')) rmSync(join(base, f), { recursive: true, force: true }); // older templates
    renameSync(work, final);
    return join(final, 'mysql');
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------
// HTTP client for a child API

export interface HttpResult {
  status: number; // 0: no answer (connection refused / reset / timeout)
  body: any;
  headers: Headers | null;
  error?: string;
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();
  constructor(public baseUrl: string) {}

  async request(method: string, path: string, opts: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    try {
      const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      return { status: 0, body: null, headers: null, error: e.cause?.code ?? e.cause?.message ?? e.message };
    }
  }

  async login(username: string, password = 'Naskah#2026'): Promise<string> {
    const hit = this.tokens.get(username);
    if (hit) return hit;
    const res = await this.request('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body ?? res.error)}`);
    this.tokens.set(username, res.body.accessToken);
    return res.body.accessToken;
  }
}

// ------------------------------------------------------------------------------------------------
// One suite's private world

export interface ReliabilityEnvOptions {
  /** Redis with an append-only file (so a Redis restart keeps what it had acknowledged). Default true. */
  redisPersistent?: boolean;
  /** Extra environment for every API and worker process. */
  appEnv?: Record<string, string>;
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
  private readonly sources: DataSource[] = [];
  readonly queuePrefix = 'rel';

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
    const [dbPort, redisPort] = [await freePort(), await freePort()];
    const env = new ReliabilityEnv(suite, dir, new MariaDbServer(dir, dbPort), new RedisServer(dir, redisPort, opts.redisPersistent ?? true), opts);
    try {
      await Promise.all([env.mariadb.start(), env.redis.start()]);
    } catch (err) {
      await env.shutdown();
      throw err;
    }
    env.recordPids();
    return env;
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
      HOST: '127.0.0.1',
      STORAGE_DIR: join(this.dir, 'files'),
      SIGNING_KEY_PATH: join(this.dir, 'signing-key.pem'),
      JWT_SECRET: 'reliability-secret-for-naskah-tests-0123456789',
      OUTBOX_POLL_MS: '200',
      LOG_LEVEL: 'warn',
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
    const pids = [this.mariadb.proc.pid, this.redis.proc.pid, ...this.apps.map((a) => a.pid)].filter((p): p is number => !!p);
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
    return [...this.apps.map((a) => a.tail(lines)), this.mariadb.tail(lines), this.redis.tail(lines)].join('\n');
  }

  /** Kills every app, closes our connections, stops the servers. Safe to call twice and after failures. */
  async shutdown(): Promise<void> {
    await Promise.allSettled(this.apps.map((a) => a.kill('SIGKILL')));
    await Promise.allSettled(this.sources.map((s) => (s.isInitialized ? s.destroy() : undefined)));
    await Promise.allSettled([this.mariadb.stop(), this.redis.kill()]);
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
