import type { RedisOptions } from 'bullmq';

/** ioredis options from a redis:// URL. BullMQ workers need maxRetriesPerRequest: null. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(200 * times, 2000),
  };
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
