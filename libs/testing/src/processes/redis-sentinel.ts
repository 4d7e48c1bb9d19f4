import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { askRedis, ROOT, tailOf, waitFor, which } from './util';
import { ManagedProcess } from './managed-process';
import { RedisServer, tcpAnswers } from './servers';

/**
 * Redis Sentinel around a suite's Redis (the primary): replicas (`--replicaof`) and three
 * sentinels (`redis-server <conf> --sentinel`, quorum 2, down after 1 s, failover timeout 5 s —
 * the settings of /work/shared/NOTES.md). Killing the primary makes the sentinels promote a replica.
 * Two replicas, so that after a failover the new primary still has one (REDIS_WAIT_REPLICAS=1 holds).
 */
export class RedisSentinelSet {
  readonly replicas: RedisServer[];
  readonly sentinels: ManagedProcess[];

  constructor(
    readonly dir: string,
    readonly primary: RedisServer,
    replicaPorts: number[],
    readonly sentinelPorts: number[],
    readonly masterName = 'naskah',
  ) {
    this.replicas = replicaPorts.map((port, i) => new RedisServer(dir, port, primary.persistent, `redis-replica-${i + 1}`, ['--replicaof', '127.0.0.1', String(primary.port)]));
    this.sentinels = sentinelPorts.map((port, i) => {
      const conf = join(dir, `sentinel-${i + 1}.conf`);
      // sentinels rewrite their configuration file (known replicas, epochs): each has its own
      writeFileSync(conf, [
        `port ${port}`, 'bind 127.0.0.1', 'daemonize no', `dir ${dir}`, `logfile ${join(dir, `sentinel-${i + 1}.log`)}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${masterName} 1000`,
        `sentinel failover-timeout ${masterName} 5000`,
        `sentinel parallel-syncs ${masterName} 1`, '',
      ].join('\n'));
      return new ManagedProcess({
        name: `sentinel-${i + 1}`,
        command: which('redis-server'),
        args: [conf, '--sentinel'],
        env: { ...process.env, NASKAH_RELIABILITY_DIR: dir },
        logFile: join(dir, `sentinel-${i + 1}.stdout.log`),
        ready: () => tcpAnswers(port, 'PING\r\n', /\+PONG/),
        readyTimeoutMs: 30_000,
      });
    });
  }

  /** `REDIS_SENTINELS` for the apps. */
  get sentinelList(): string {
    return this.sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',');
  }

  get processes(): ManagedProcess[] {
    return [...this.replicas.map((r) => r.proc), ...this.sentinels];
  }

  /**
   * Starts the replicas and the sentinels, then waits until the replicas are in sync and the three
   * sentinels know them and each other (`SENTINEL CKQUORUM` OK): only then can a failover happen.
   */
  async start(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.start()));
    await Promise.all(this.sentinels.map((s) => s.start()));
    await waitFor('replicas in sync and three sentinels agreeing on them', async () => {
      const info = String(await this.ask(this.primary.port, 'INFO', 'replication').catch(() => ''));
      if ((info.match(/slave\d+:.*state=online/g) ?? []).length !== this.replicas.length) return false;
      for (const port of this.sentinelPorts) {
        const replicas = (await this.ask(port, 'SENTINEL', 'REPLICAS', this.masterName).catch(() => [])) as unknown[];
        const others = (await this.ask(port, 'SENTINEL', 'SENTINELS', this.masterName).catch(() => [])) as unknown[];
        const quorum = String(await this.ask(port, 'SENTINEL', 'CKQUORUM', this.masterName).catch(() => ''));
        if (replicas.length !== this.replicas.length || others.length !== 2 || !quorum.startsWith('OK')) return false;
      }
      return true;
    }, { timeoutMs: 60_000, everyMs: 250 });
  }

  /** The primary's address as the first sentinel that answers reports it (`host:port`). */
  async master(): Promise<string | null> {
    for (const port of this.sentinelPorts) {
      const addr = (await this.ask(port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.masterName).catch(() => null)) as string[] | null;
      if (addr?.length === 2) return `${addr[0]}:${addr[1]}`;
    }
    return null;
  }

  /** One command on one server, on a short-lived connection. */
  ask(port: number, ...command: string[]): Promise<unknown> {
    return askRedis(port, ...command);
  }

  tail(lines = 30): string {
    return [...this.replicas.map((r) => r.tail(lines)), ...this.sentinels.map((_, i) => {
      const f = join(this.dir, `sentinel-${i + 1}.log`);
      return `----- last lines of ${relative(ROOT, f)} -----\n${tailOf(f, lines)}`;
    })].join('\n');
  }

  async kill(): Promise<void> {
    await Promise.allSettled(this.processes.map((p) => p.kill('SIGKILL')));
  }
}
