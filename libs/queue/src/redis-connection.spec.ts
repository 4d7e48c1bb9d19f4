import { parseSentinels, redisOptions } from './redis-connection';

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
});
