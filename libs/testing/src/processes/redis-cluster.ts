import { askRedis, execFileP, waitFor, which } from './util';
import { ManagedProcess } from './managed-process';
import { RedisServer } from './servers';

/** One node of CLUSTER NODES: id, `host:port`, role, the master's id (replicas), connected, flags. */
export interface ClusterNodeRow {
  id: string;
  addr: string;
  master: boolean;
  masterId: string | null;
  connected: boolean;
  failed: boolean;
  slots: string[];
}

/**
 * A Redis Cluster of real redis-server processes (`--cluster-enabled yes`): `masters` masters with
 * one replica each, made by `redis-cli --cluster create … --cluster-replicas 1 --cluster-yes`, in
 * `<dir>/cluster-<n>/` (each node's append-only file and nodes.conf). Each node gets its own cluster
 * bus port (`cluster-port`, a second free port: port + 10000 may be taken or beyond 65535).
 * cluster-node-timeout 1000 ms: a killed master is failed over by its replica within ~2 s.
 * cluster-replica-validity-factor 0: a replica may always take over (its data is as fresh as the
 * replication stream made it; REDIS_WAIT_REPLICAS=1 is what makes acknowledged jobs safe).
 */
export class RedisClusterSet {
  readonly nodes: RedisServer[];

  /** `ports`: [client, bus] per node, masters × 2 nodes. */
  constructor(readonly dir: string, readonly ports: [number, number][]) {
    this.nodes = ports.map(([port, bus], i) => new RedisServer(dir, port, true, `cluster-${i + 1}`, [
      '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(bus),
      '--cluster-node-timeout', '1000', '--cluster-replica-validity-factor', '0', '--appendfsync', 'always',
    ]));
  }

  /** `REDIS_CLUSTER_NODES` for the apps: every node (the client needs only one that answers). */
  get nodeList(): string {
    return this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',');
  }

  get processes(): ManagedProcess[] {
    return this.nodes.map((n) => n.proc);
  }

  /** Starts the nodes, creates the cluster and waits until every node says `cluster_state:ok` and knows every other node, each master with a replica in sync. */
  async start(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.start()));
    await execFileP(which('redis-cli'), ['--cluster', 'create', ...this.nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes'], { timeout: 60_000 });
    await this.waitHealthy(this.nodes);
  }

  /** Waits until each node in `live` reports the cluster ok, every live node connected, every master with a connected replica that is in sync. */
  async waitHealthy(live: RedisServer[], timeoutMs = 30_000): Promise<void> {
    await waitFor('the Redis Cluster ok on every node, each master with a replica in sync', async () => {
      for (const n of live) {
        const info = String(await this.ask(n.port, 'CLUSTER', 'INFO').catch(() => ''));
        if (!info.includes('cluster_state:ok')) return false;
      }
      const rows = await this.clusterNodes(live[0].port);
      const liveAddrs = new Set(live.map((n) => `127.0.0.1:${n.port}`));
      const alive = rows.filter((r) => liveAddrs.has(r.addr));
      if (alive.length !== live.length || alive.some((r) => !r.connected || r.failed)) return false;
      for (const m of alive.filter((r) => r.master && r.slots.length)) {
        const repl = String(await this.ask(Number(m.addr.split(':')[1]), 'INFO', 'replication').catch(() => ''));
        if (!/slave\d+:.*state=online/.test(repl)) return false;
      }
      return true;
    }, { timeoutMs, everyMs: 200 });
  }

  /** CLUSTER NODES as one node sees it. */
  async clusterNodes(port: number): Promise<ClusterNodeRow[]> {
    const text = String(await this.ask(port, 'CLUSTER', 'NODES'));
    return text.trim().split('\n').map((line) => {
      const [id, addr, flags, masterId, , , , link, ...slots] = line.split(' ');
      const f = flags.split(',');
      return { id, addr: addr.split('@')[0], master: f.includes('master'), masterId: masterId === '-' ? null : masterId, connected: link === 'connected', failed: f.includes('fail') || f.includes('fail?'), slots };
    });
  }

  /** The master (`host:port`) that serves `key`'s slot, as the node on `askPort` (default: the first live node) sees it. */
  async masterOf(key: string, askPort?: number): Promise<string> {
    const port = askPort ?? this.nodes.find((n) => n.proc.running)!.port;
    const slot = Number(await this.ask(port, 'CLUSTER', 'KEYSLOT', key));
    const ranges = (await this.ask(port, 'CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
    const r = ranges.find(([from, to]) => slot >= from && slot <= to);
    if (!r) throw new Error(`no master serves slot ${slot}`);
    return `${r[2][0]}:${r[2][1]}`;
  }

  /** The node listening on `host:port`. */
  node(addr: string): RedisServer {
    const n = this.nodes.find((x) => `127.0.0.1:${x.port}` === addr);
    if (!n) throw new Error(`no cluster node at ${addr}`);
    return n;
  }

  /** Every key (SCAN) of every master matching `pattern`: on a cluster each master holds only its slots. */
  async keys(pattern: string): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const live = this.nodes.find((n) => n.proc.running)!;
    for (const m of (await this.clusterNodes(live.port)).filter((r) => r.master && r.connected && !r.failed)) {
      const found: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = (await this.ask(Number(m.addr.split(':')[1]), 'SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000')) as [string, string[]];
        found.push(...batch);
        cursor = next;
      } while (cursor !== '0');
      out.set(m.addr, found);
    }
    return out;
  }

  /** One command on one node, on a short-lived connection (no cluster redirection). */
  ask(port: number, ...command: string[]): Promise<unknown> {
    return askRedis(port, ...command);
  }

  tail(lines = 30): string {
    return this.nodes.map((n) => n.tail(lines)).join('\n');
  }

  async kill(): Promise<void> {
    await Promise.allSettled(this.processes.map((p) => p.kill('SIGKILL')));
  }
}
