import { createIORedisClient, RedisConnection, type IRedisClient, type RedisOptions } from 'bullmq';
import IORedis, { Cluster, type ClusterOptions } from 'ioredis';

/**
 * The Redis settings of AppConfig: one standalone REDIS_URL, a Sentinel-monitored primary
 * (REDIS_SENTINELS + REDIS_SENTINEL_NAME), or a Redis Cluster (REDIS_CLUSTER_NODES).
 */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_SENTINELS?: string;
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_PASSWORD?: string;
  REDIS_CLUSTER_NODES?: string;
}

/** `host:port,host:port` → ioredis' node list (sentinels, or the seed nodes of a cluster). */
export function parseSentinels(list: string): { host: string; port: number }[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const i = s.lastIndexOf(':');
    return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
  });
}

/**
 * The Redis Cluster hash tag of a key prefix: what lies between its first `{` and the first `}`
 * after it, when not empty (Redis hashes only that part of a key: every key under `{naskah}:…`
 * maps to the one slot of `naskah`); null when the prefix has no hash tag.
 */
export function hashTagOf(prefix: string): string | null {
  const open = prefix.indexOf('{');
  if (open < 0) return null;
  const close = prefix.indexOf('}', open + 1);
  return close > open + 1 ? prefix.slice(open + 1, close) : null;
}

/** The field of redisOptions() that carries the cluster's seed nodes to BullMQ's client factory (ioredis ignores it). */
const CLUSTER_NODES = 'naskahClusterNodes';

/**
 * ioredis Cluster options around per-node `redisOptions`. A command sent to a master that just
 * died is retried (retryDelayOnFailover × maxRedirections ≈ 16 s) while the cluster promotes its
 * replica, and one answered CLUSTERDOWN/TRYAGAIN is retried too; the slot map is refreshed on
 * every MOVED and every 5 s.
 */
function clusterOptions(redisOptions: RedisOptions, top: Partial<ClusterOptions> = {}): ClusterOptions {
  return {
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: true,
    retryDelayOnFailover: 250,
    retryDelayOnClusterDown: 250,
    retryDelayOnTryAgain: 250,
    maxRedirections: 64,
    slotsRefreshTimeout: 2000,
    slotsRefreshInterval: 5000,
    ...top,
    redisOptions: redisOptions as ClusterOptions['redisOptions'],
  };
}

/**
 * BullMQ opens its own connections from redisOptions() (queues, each worker's blocking
 * connection, duplicates): with Redis Cluster they must be ioredis Cluster clients, which BullMQ
 * builds only through `RedisConnection.clientFactory`. Installed on the first cluster
 * redisOptions(); options without cluster nodes get the client BullMQ itself would make.
 */
function installBullmqClusterFactory(): void {
  if (RedisConnection.clientFactory) return;
  RedisConnection.clientFactory = (opts: RedisOptions): IRedisClient => {
    const { [CLUSTER_NODES]: nodes, host: _h, port: _p, retryStrategy: _r, enableOfflineQueue: _q, sentinels: _s, ...rest } = opts as RedisOptions & { [CLUSTER_NODES]?: { host: string; port: number }[]; sentinels?: unknown };
    if (!nodes) {
      const { url, ...plain } = opts as RedisOptions & { url?: string };
      return createIORedisClient(url ? new IORedis(url, plain) : new IORedis(plain));
    }
    return createIORedisClient(new Cluster(nodes, clusterOptions(rest)));
  };
}

const retryStrategy = (times: number) => Math.min(200 * times, 2000);

/**
 * ioredis options for every Redis client of the product — BullMQ queues, workers and flows, the
 * shared client (caches, login limiter, stream tickets, worklist signals, health) and the pub/sub
 * subscribers. BullMQ workers need maxRetriesPerRequest: null; callers that must fail fast lower it.
 *
 * With REDIS_SENTINELS the client asks the sentinels for the current primary of REDIS_SENTINEL_NAME
 * on every (re)connection, and insists that the node it reaches is a primary (role check), so after
 * a failover every client — BullMQ's blocking connections included — ends up on the promoted node.
 * Subscribers are re-subscribed by ioredis itself on reconnection (autoResubscribe, default true).
 * A `READONLY` answer (a demoted primary still reachable) makes the client reconnect, which asks
 * the sentinels again, and resend the command. A string is taken as a standalone redis:// URL.
 */
export function redisOptions(settings: RedisSettings | string): RedisOptions {
  const s: RedisSettings = typeof settings === 'string' ? { REDIS_URL: settings } : settings;
  const common = { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy } satisfies RedisOptions;
  if (s.REDIS_CLUSTER_NODES) {
    // BullMQ's client factory turns these into an ioredis Cluster (host/port: the first seed node, for its logs)
    installBullmqClusterFactory();
    const nodes = parseSentinels(s.REDIS_CLUSTER_NODES);
    return { ...common, host: nodes[0].host, port: nodes[0].port, password: s.REDIS_PASSWORD || undefined, [CLUSTER_NODES]: nodes } as RedisOptions;
  }
  if (s.REDIS_SENTINELS) {
    return {
      ...common,
      sentinels: parseSentinels(s.REDIS_SENTINELS),
      name: s.REDIS_SENTINEL_NAME,
      role: 'master',
      password: s.REDIS_PASSWORD || undefined,
      sentinelPassword: s.REDIS_SENTINEL_PASSWORD || undefined,
      sentinelRetryStrategy: retryStrategy,
      reconnectOnError: (err: Error) => (err.message.startsWith('READONLY') ? 2 : false),
    };
  }
  const u = new URL(s.REDIS_URL);
  return {
    ...common,
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : s.REDIS_PASSWORD || undefined,
    db: u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** Options of createRedis() that belong to the Cluster itself rather than to each node's connection. */
const CLUSTER_LEVEL = ['keyPrefix', 'lazyConnect', 'enableReadyCheck', 'enableOfflineQueue', 'scripts'] as const;

/**
 * The one way to open an ioredis client (not BullMQ's: it takes redisOptions()): standalone,
 * Sentinel or Cluster as configured, with `extra` on top.
 *
 * With REDIS_CLUSTER_NODES the client is an ioredis `Cluster` (typed as a plain client: callers
 * use only commands both have — GET/SET/EVAL/MULTI/PUBLISH/SUBSCRIBE…, and every key of the
 * product carries the QUEUE_PREFIX hash tag, so a MULTI or a script over several keys stays in one
 * slot). Its subscribers use classic pub/sub: a PUBLISH on any node reaches every node, and when
 * the node a subscriber listens on goes away ioredis subscribes again on another.
 */
export function createRedis(settings: RedisSettings | string, extra: RedisOptions = {}): IORedis {
  const s: RedisSettings = typeof settings === 'string' ? { REDIS_URL: settings } : settings;
  if (!s.REDIS_CLUSTER_NODES) return new IORedis({ ...(redisOptions(settings) as object), ...(extra as object) });
  const perNode: Record<string, unknown> = { maxRetriesPerRequest: null, password: s.REDIS_PASSWORD || undefined, ...extra };
  const top: Record<string, unknown> = {};
  for (const k of CLUSTER_LEVEL) {
    if (k in perNode) top[k] = perNode[k];
    delete perNode[k];
  }
  return new Cluster(parseSentinels(s.REDIS_CLUSTER_NODES), clusterOptions(perNode as RedisOptions, top as Partial<ClusterOptions>)) as unknown as IORedis;
}

/**
 * The Redis Cluster slot of a key (CRC16/XMODEM of its hash tag, or of the whole key without one,
 * modulo 16384), as `CLUSTER KEYSLOT` answers.
 */
export function clusterKeySlot(key: string): number {
  const tag = hashTagOf(key);
  const bytes = Buffer.from(tag ?? key, 'utf8');
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** True for a client createRedis() opened on a Redis Cluster. */
export function isCluster(client: unknown): client is Cluster {
  return (client as { isCluster?: boolean } | null)?.isCluster === true;
}

/**
 * Where a client is connected now (`host:port`: after a Sentinel failover, the promoted primary), or
 * null when it is not. For a Cluster client: the master that holds `key`'s slot, as the client's
 * slot map has it (null before the map is known).
 */
export function redisAddress(client: IORedis, key?: string): string | null {
  const cluster: unknown = client;
  if (isCluster(cluster)) {
    if (cluster.status !== 'ready' || key === undefined) return null;
    const prefixed = `${cluster.options.keyPrefix ?? ''}${key}`;
    return cluster.slots[clusterKeySlot(prefixed)]?.[0] ?? null;
  }
  const stream = (client as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  return client.status === 'ready' && stream?.remoteAddress ? `${stream.remoteAddress}:${stream.remotePort}` : null;
}

/**
 * Redis `WAIT <replicas> <timeoutMs>` on the connection that wrote the keys under `prefix`: how
 * many replicas acknowledged those writes. On a Cluster WAIT has no key, so ioredis would send it
 * to any node; here it goes to the master of the prefix's slot (one connection per node: the one
 * that took the writes).
 */
export async function waitForReplicas(client: unknown, replicas: number, timeoutMs: number, prefix: string): Promise<number> {
  if (isCluster(client)) {
    const owner = client.slots[clusterKeySlot(`${prefix}:`)]?.[0];
    const node = client.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner);
    if (!node) throw new Error(`Redis Cluster: no known master for the slot of "${prefix}" (WAIT)`);
    return Number(await node.wait(replicas, timeoutMs));
  }
  return Number(await (client as { wait(replicas: number, timeoutMs: number): Promise<number> }).wait(replicas, timeoutMs));
}

/**
 * Proves Redis takes writes: `SET <key> … PX 10000` must answer OK within `timeoutMs`. PING is not
 * enough — a demoted (read-only) Redis answers PING and refuses every enqueue with READONLY.
 * Throws with Redis' own message (e.g. `READONLY You can't write against a read only replica.`).
 */
export async function probeRedisWrite(client: { set(key: string, value: string, px: 'PX', ms: number): Promise<unknown> }, key: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis tidak menjawab dalam ${timeoutMs} ms (timeout)`)), timeoutMs)));
    const answer = await Promise.race([client.set(key, new Date().toISOString(), 'PX', 10_000), timeout]);
    if (answer !== 'OK') throw new Error(`Redis menjawab ${String(answer)} (unexpected reply to SET)`);
  } finally {
    clearTimeout(timer);
  }
}
