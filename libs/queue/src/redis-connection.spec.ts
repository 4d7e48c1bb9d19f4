import { RedisConnection } from 'bullmq';
import { clusterKeySlot, createRedis, hashTagOf, isCluster, parseSentinels, redisOptions } from './redis-connection';

describe('Redis connection options (one factory for every client)', () => {
  it('reads a standalone redis:// URL, BullMQ-safe (no per-command retry limit)', () => {
    expect(redisOptions('redis://user:p%40ss@10.0.0.5:6380/2')).toMatchObject({ host: '10.0.0.5', port: 6380, username: 'user', password: 'p@ss', db: 2, maxRetriesPerRequest: null, tls: undefined });
    expect(redisOptions({ REDIS_URL: 'rediss://10.0.0.5' })).toMatchObject({ port: 6379, db: 0, tls: {} });
    expect(redisOptions({ REDIS_URL: 'redis://10.0.0.5:6379', REDIS_PASSWORD: 'rahasia' }).password).toBe('rahasia');
  });

  it('asks the sentinels for the primary when REDIS_SENTINELS is set (REDIS_URL ignored)', () => {
    const o = redisOptions({ REDIS_URL: 'redis://127.0.0.1:36379', REDIS_SENTINELS: '10.0.0.1:26379,sentinel-2.kpu.local:26380', REDIS_SENTINEL_NAME: 'naskah', REDIS_PASSWORD: 'node-pw', REDIS_SENTINEL_PASSWORD: 'sentinel-pw' });
    expect(o).toMatchObject({
      sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: 'sentinel-2.kpu.local', port: 26380 }],
      name: 'naskah', role: 'master', password: 'node-pw', sentinelPassword: 'sentinel-pw', maxRetriesPerRequest: null,
    });
    expect(o).not.toHaveProperty('host');
    // a demoted primary answers READONLY: reconnect (asking the sentinels again) and resend
    expect(o.reconnectOnError!(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(o.reconnectOnError!(new Error('ERR wrong number of arguments'))).toBe(false);
  });

  it('parses a sentinel list', () => {
    expect(parseSentinels(' a:1, b.c:26379 ')).toEqual([{ host: 'a', port: 1 }, { host: 'b.c', port: 26379 }]);
  });

  it('gives BullMQ a Redis Cluster client with REDIS_CLUSTER_NODES (through its client factory), and plain clients otherwise', async () => {
    const o = redisOptions({ REDIS_URL: '', REDIS_CLUSTER_NODES: '127.0.0.1:1,127.0.0.1:2', REDIS_PASSWORD: 'cluster-pw' });
    expect(o).toMatchObject({ naskahClusterNodes: [{ host: '127.0.0.1', port: 1 }, { host: '127.0.0.1', port: 2 }], maxRetriesPerRequest: null, password: 'cluster-pw' });
    const factory = RedisConnection.clientFactory!;
    expect(factory).toBeDefined();
    const cluster = factory({ ...o, lazyConnect: true }) as unknown as { isCluster: boolean; options: { redisOptions: Record<string, unknown>; maxRedirections: number }; disconnect(): void };
    expect(cluster.isCluster).toBe(true);
    expect(cluster.options.redisOptions).toMatchObject({ password: 'cluster-pw', maxRetriesPerRequest: null });
    expect(cluster.options.redisOptions).not.toHaveProperty('naskahClusterNodes');
    cluster.disconnect();
    const plain = factory({ ...redisOptions('redis://127.0.0.1:1/3'), lazyConnect: true }) as unknown as { isCluster: boolean; options: { port: number; db: number }; disconnect(): void };
    expect(plain.isCluster).toBe(false);
    expect(plain.options).toMatchObject({ port: 1, db: 3 });
    plain.disconnect();
  });

  it('opens a Cluster client for the product (key prefix and lazy connect on the cluster, retries per node)', () => {
    const c = createRedis({ REDIS_URL: '', REDIS_CLUSTER_NODES: '127.0.0.1:1' }, { lazyConnect: true, keyPrefix: '{naskah}:app:', maxRetriesPerRequest: 2 });
    expect(isCluster(c)).toBe(true);
    expect((c as unknown as { options: Record<string, unknown> }).options).toMatchObject({ lazyConnect: true, keyPrefix: '{naskah}:app:', redisOptions: { maxRetriesPerRequest: 2 } });
    c.disconnect();
    const s = createRedis('redis://127.0.0.1:1', { lazyConnect: true });
    expect(isCluster(s)).toBe(false);
    s.disconnect();
  });

  it('computes hash tags and slots as Redis does', () => {
    expect(hashTagOf('{naskah}:app:login')).toBe('naskah');
    expect(hashTagOf('kpu{naskah}')).toBe('naskah');
    expect(hashTagOf('{}naskah{x}')).toBeNull(); // Redis: the first { and the first } after it, nothing between → the whole key is hashed
    expect(hashTagOf('naskah')).toBeNull();
    // reference values of CLUSTER KEYSLOT (redis-cli on Redis 7)
    expect(clusterKeySlot('foo')).toBe(12182);
    expect(clusterKeySlot('{user1000}.following')).toBe(clusterKeySlot('{user1000}.followers'));
    expect(clusterKeySlot('{naskah}:dispatch:wait')).toBe(clusterKeySlot('{naskah}:app:login:ip:10.0.0.1'));
    expect(clusterKeySlot('123456789')).toBe(0x31c3 % 16384);
  });
});
