import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { execFileP, ROOT, tailOf, which } from './util';
import { ManagedProcess } from './managed-process';

// ------------------------------------------------------------------------------------------------
// MariaDB and Redis

export async function tcpAnswers(port: number, send: string, expect: RegExp, timeoutMs = 1000): Promise<boolean> {
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

/** Options of a MariaDB server beyond the defaults: its name in logs, extra server options (e.g. binlog or replica settings). */
export interface MariaDbOptions {
  name?: string;
  /** Appended to the defaults; a `--log-bin…` option replaces the default `--skip-log-bin`. */
  args?: string[];
}

/** A private MariaDB server (root, empty password, TCP on 127.0.0.1:port). */
export class MariaDbServer {
  readonly proc: ManagedProcess;
  readonly datadir: string;
  readonly socket: string;

  constructor(readonly dir: string, readonly port: number, opts: MariaDbOptions = {}) {
    const extra = opts.args ?? [];
    const binlog = extra.some((a) => a.startsWith('--log-bin'));
    this.datadir = join(dir, 'mysql');
    const sock = join(dir, 'run', 'mariadb.sock');
    this.socket = sock.length > 100 ? `/tmp/naskah-rel-${createHash('md5').update(dir).digest('hex').slice(0, 8)}-mariadb.sock` : sock;
    mkdirSync(join(dir, 'run'), { recursive: true });
    // its own temporary directory, as scripts/services.sh: a clean-up of the machine's shared /tmp
    // removed an internal temporary table under a running query and mariadbd died (SIGSEGV in
    // ha_maria::drop_table, seen in the read-replicas suite on 2026-12-04)
    mkdirSync(join(dir, 'tmp'), { recursive: true });
    this.proc = new ManagedProcess({
      name: opts.name ?? 'mariadb',
      command: which('mariadbd'),
      // --no-defaults must come first (NOTES.md); the rest mirrors scripts/services.sh.
      args: [
        '--no-defaults', '--user=root', `--datadir=${this.datadir}`, `--socket=${this.socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
        ...(binlog ? [] : ['--skip-log-bin']), `--pid-file=${join(dir, 'run', 'mariadb.pid')}`, `--log-error=${join(dir, 'mariadb.log')}`, `--tmpdir=${join(dir, 'tmp')}`,
        '--innodb-buffer-pool-size=256M', '--innodb-log-file-size=16M', '--max-connections=600', '--innodb-flush-log-at-trx-commit=2',
        '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--innodb-print-all-deadlocks=ON',
        ...extra,
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

  /** `name` names its data directory and logs (a second server beside the first: e.g. 'redis-replica' with `--replicaof` in `extraArgs`). */
  constructor(readonly dir: string, readonly port: number, readonly persistent: boolean, readonly name = 'redis', extraArgs: string[] = []) {
    mkdirSync(join(dir, name), { recursive: true });
    this.proc = new ManagedProcess({
      name,
      command: which('redis-server'),
      args: [
        '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', persistent ? 'yes' : 'no', '--dir', join(dir, name),
        '--daemonize', 'no', '--pidfile', join(dir, 'run', `${name}.pid`), '--logfile', join(dir, `${name}.log`), '--maxmemory-policy', 'noeviction',
        ...extraArgs,
      ],
      env: { ...process.env, NASKAH_RELIABILITY_DIR: dir }, // marks it for reapLeftovers (Redis rewrites its command line)
      logFile: join(dir, `${name}.stdout.log`),
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
    return `----- last lines of ${relative(ROOT, join(this.dir, `${this.name}.log`))} -----\n${tailOf(join(this.dir, `${this.name}.log`), lines)}`;
  }
}

