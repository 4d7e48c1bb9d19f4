import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '@naskah/core';
import { dataSourceOptions, ReadReplicas } from '@naskah/db';
import { RedisRecentWrites } from '../../apps/api/src/common/recent-writes';

/**
 * ReadReplicas' routing rules against the real test MariaDB and Redis. The "replica" here is a
 * second database on the same server holding its own `replica_heartbeat` row, so the test sets its
 * lag exactly (a real binlog replica: test/reliability/read-replicas.e2e-spec.ts). Which server
 * answered is told by `SELECT DATABASE()`.
 */
describe('read replicas: routing by health, lag and read-your-writes', () => {
  const primaryUrl = process.env.DATABASE_URL!;
  const primaryDb = new URL(primaryUrl).pathname.slice(1);
  const fakeDb = `${primaryDb}_rr`;
  const replicaUrl = primaryUrl.replace(/\/[^/]+$/, `/${fakeDb}`);
  let admin: DataSource;
  let redis: IORedis;
  const made: ReadReplicas[] = [];

  const replicas = (urls: string, over: Record<string, string> = {}) => {
    const config = loadConfig({ ...process.env, DATABASE_REPLICA_URLS: urls, DATABASE_REPLICA_MAX_LAG_SECONDS: '2', DATABASE_POOL_SIZE: '2', ...over });
    const r = new ReadReplicas(config, admin);
    made.push(r);
    return r;
  };
  const check = (r: ReadReplicas) => (r as unknown as { check(): Promise<void> }).check();
  const answeredBy = async (r: ReadReplicas, p: { userId: number } | null = null) => (await (await r.reader(p)).query('SELECT DATABASE() AS db'))[0].db as string;
  /** The fake replica's heartbeat: the primary's, `behindSeconds` older. */
  const replicaBehind = async (behindSeconds: number) => {
    const [row] = await admin.query('SELECT beat_at FROM replica_heartbeat WHERE id = 1');
    await admin.query(`UPDATE ${fakeDb}.replica_heartbeat SET beat_at = ? WHERE id = 1`, [new Date(new Date(row.beat_at).getTime() - behindSeconds * 1000)]);
  };

  beforeAll(async () => {
    Logger.overrideLogger(false); // "replica skipped / in use again" warnings are what the tests cause
    admin = await new DataSource(dataSourceOptions(primaryUrl, { poolSize: 2 } as never)).initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${fakeDb}`);
    await admin.query(`CREATE DATABASE ${fakeDb}`);
    await admin.query(`CREATE TABLE ${fakeDb}.replica_heartbeat (id TINYINT UNSIGNED NOT NULL PRIMARY KEY, beat_at DATETIME(6) NOT NULL)`);
    await admin.query(`INSERT INTO ${fakeDb}.replica_heartbeat (id, beat_at) VALUES (1, UTC_TIMESTAMP(6))`);
    redis = new IORedis(process.env.REDIS_URL!, { keyPrefix: `${process.env.QUEUE_PREFIX}:app:`, maxRetriesPerRequest: 2 });
  });

  afterAll(async () => {
    await Promise.all(made.map((r) => r.onApplicationShutdown()));
    await admin.query(`DROP DATABASE IF EXISTS ${fakeDb}`);
    await admin.destroy();
    await redis.quit();
  });

  it('reads the primary when no replica is configured, without any check', async () => {
    const r = replicas('');
    expect(r.configured).toBe(false);
    expect(await answeredBy(r)).toBe(primaryDb);
    expect(r.status()).toEqual([]);
  });

  it('sends reads to a replica within the lag bound, and to the primary before its first check', async () => {
    const r = replicas(replicaUrl);
    expect(await answeredBy(r)).toBe(primaryDb); // not checked yet
    expect(r.status()[0]).toMatchObject({ inUse: false, skippedBecause: 'NOT_CHECKED' });
    await check(r); // writes the primary's heartbeat
    await replicaBehind(0.5);
    await check(r);
    const [s] = r.status();
    expect(s).toMatchObject({ name: `127.0.0.1:${new URL(replicaUrl).port}/${fakeDb}`, up: true, inUse: true, skippedBecause: null });
    expect(s.lagSeconds).toBeGreaterThanOrEqual(0.5);
    expect(s.lagSeconds).toBeLessThan(2);
    expect(await answeredBy(r)).toBe(fakeDb);
    expect(r.status()[0].reads).toBe(1);
  });

  it('skips a replica whose heartbeat is further behind than DATABASE_REPLICA_MAX_LAG_SECONDS, and takes it back once it catches up', async () => {
    const r = replicas(replicaUrl);
    await check(r);
    await replicaBehind(2.5);
    await check(r);
    expect(r.status()[0]).toMatchObject({ up: true, inUse: false, skippedBecause: 'LAGGING' });
    expect(r.status()[0].lagSeconds).toBeGreaterThanOrEqual(2.5);
    expect(await answeredBy(r)).toBe(primaryDb);
    await replicaBehind(0);
    await check(r);
    expect(r.status()[0]).toMatchObject({ inUse: true, skippedBecause: null });
    expect(await answeredBy(r)).toBe(fakeDb);
  });

  it('skips a replica that cannot be reached (UNREACHABLE, the reason in its words) and reads the primary', async () => {
    const r = replicas(`mysql://root@127.0.0.1:1/${fakeDb}`);
    await check(r);
    expect(r.status()[0]).toMatchObject({ up: false, inUse: false, skippedBecause: 'UNREACHABLE', lagSeconds: null });
    expect(r.status()[0].detail).toMatch(/ECONNREFUSED|connect/);
    expect(await answeredBy(r)).toBe(primaryDb);
  });

  it("keeps a user's reads on the primary for MAX_LAG + 3 s after their write, in this process and, through Redis, in another", async () => {
    const a = replicas(replicaUrl);
    const b = replicas(replicaUrl); // a second API process
    for (const r of [a, b]) new RedisRecentWrites(redis as never, r).onModuleInit();
    await replicaBehind(0);
    await Promise.all([check(a), check(b)]);
    await replicaBehind(0);
    await Promise.all([check(a), check(b)]);
    const writer = { userId: 900_001 };
    const other = { userId: 900_002 };
    await redis.del(`ryw:${writer.userId}`, `ryw:${other.userId}`);
    expect(await answeredBy(b, writer)).toBe(fakeDb);
    await a.noteWrite(writer.userId);
    expect(a.readYourWritesMs).toBe(5000);
    expect(await answeredBy(a, writer)).toBe(primaryDb);
    expect(await answeredBy(b, writer)).toBe(primaryDb); // told by Redis
    expect(await answeredBy(b, other)).toBe(fakeDb);
    expect(b.readYourWrites).toBe(1);
    const ttl = await redis.pttl(`ryw:${writer.userId}`);
    expect(ttl).toBeGreaterThan(4000);
    expect(ttl).toBeLessThanOrEqual(5000);
  });

  it('answers from the primary a read the replica fails between two checks', async () => {
    const r = replicas(replicaUrl);
    await check(r);
    await replicaBehind(0);
    await check(r);
    const reader = await r.reader(null);
    // the replica's pool is closed under the reader, as when the server goes away between two checks
    const replicaDs = (r as unknown as { replicas: { ds: DataSource }[] }).replicas[0].ds;
    await replicaDs.destroy();
    const [row] = await reader.query('SELECT DATABASE() AS db');
    expect(row.db).toBe(primaryDb);
    expect(r.status()[0].fallbacks).toBe(1);
  });
});
