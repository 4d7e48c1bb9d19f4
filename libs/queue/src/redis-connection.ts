import type { RedisOptions } from 'bullmq';
import IORedis from 'ioredis';

/** The Redis settings of AppConfig: one standalone REDIS_URL, or a Sentinel-monitored primary (REDIS_SENTINELS + REDIS_SENTINEL_NAME). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_SENTINELS?: string;
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_PASSWORD?: string;
}

/** `host:port,host:port` → ioredis' sentinel list. */
export function parseSentinels(list: string): { host: string; port: number }[] {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const i = s.lastIndexOf(':');
    return { host: s.slice(0, i), port: Number(s.slice(i + 1)) };
  });
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

/** The one way to open an ioredis client (not BullMQ's: it takes redisOptions()): Sentinel or standalone as configured, with `extra` on top. */
export function createRedis(settings: RedisSettings | string, extra: RedisOptions = {}): IORedis {
  return new IORedis({ ...(redisOptions(settings) as object), ...(extra as object) });
}

/** Where a client is connected now (`host:port`: after a Sentinel failover, the promoted primary), or null when it is not. */
export function redisAddress(client: IORedis): string | null {
  const stream = (client as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  return client.status === 'ready' && stream?.remoteAddress ? `${stream.remoteAddress}:${stream.remotePort}` : null;
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
