import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import IORedis from 'ioredis';
import { testDatabaseName, testQueuePrefix, testServerUrls } from './test-env';

/** The pristine copy of a freshly migrated and seeded test database, made once per run by prepareTestDatabases. */
export const TEMPLATE_DATABASE = () => testDatabaseName('template');

/**
 * Copies every table (structure with its keys and foreign keys, and rows) of one database into a
 * new one on the same server. Used to give suites that sweep whole offices (records) a database of
 * their own, so one suite's dossiers never turn up in another suite's proposals.
 */
export async function cloneDatabase(server: DataSource, from: string, to: string): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => server.query(sql, params);
  await q(`DROP DATABASE IF EXISTS \`${to}\``);
  await q(`CREATE DATABASE \`${to}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const tables: { t: string }[] = await q("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name", [from]);
  const runner = server.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET SESSION foreign_key_checks = 0');
    await runner.query(`USE \`${to}\``);
    for (const { t } of tables) {
      const [create] = await runner.query(`SHOW CREATE TABLE \`${from}\`.\`${t}\``);
      await runner.query(create['Create Table']);
      await runner.query(`INSERT INTO \`${to}\`.\`${t}\` SELECT * FROM \`${from}\`.\`${t}\``);
    }
  } finally {
    await runner.query('SET SESSION foreign_key_checks = 1').catch(() => undefined);
    await runner.release();
  }
}

/**
 * A database of this suite's own, cloned from the pristine template, for the apps the suite starts
 * (DATABASE_URL is switched until `release`). The Jest worker's queue prefix and file store stay.
 */
export async function suiteDatabase(): Promise<{ url: string; release(): Promise<void> }> {
  const { db } = testServerUrls();
  const name = `${testDatabaseName(process.env.JEST_WORKER_ID ?? '1')}_s${process.pid}_${Date.now().toString(36)}`;
  const server = new DataSource({ type: 'mysql', url: db, extra: { connectionLimit: 2 } });
  await server.initialize();
  try {
    await cloneDatabase(server, TEMPLATE_DATABASE(), name);
  } finally {
    await server.destroy();
  }
  const previous = { url: process.env.DATABASE_URL, checkpoints: process.env.AUDIT_CHECKPOINT_DIR, prefix: process.env.QUEUE_PREFIX };
  // job ids are deterministic per database (dispatch-letter_<transmission id>, …) and a cloned
  // database numbers from the same point as the worker's: the suite gets queues of its own too,
  // or a finished job of one would swallow the other's job of the same id
  const prefix = `${testQueuePrefix(process.env.JEST_WORKER_ID ?? '1')}s${name.slice(-8).replace(/[^A-Za-z0-9]/g, '')}`;
  process.env.QUEUE_PREFIX = prefix;
  const url = `${db.replace(/\/$/, '')}/${name}`;
  const checkpoints = `.data/test/audit-checkpoints-${name}`;
  process.env.DATABASE_URL = url;
  // audit checkpoints anchor one database's chains: the suite's go in a directory of their own
  process.env.AUDIT_CHECKPOINT_DIR = checkpoints;
  return {
    url,
    release: async () => {
      process.env.DATABASE_URL = previous.url;
      process.env.AUDIT_CHECKPOINT_DIR = previous.checkpoints;
      process.env.QUEUE_PREFIX = previous.prefix;
      const redis = new IORedis(testServerUrls().redis, { maxRetriesPerRequest: 2 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      rmSync(checkpoints, { recursive: true, force: true });
      const s = new DataSource({ type: 'mysql', url: db });
      await s.initialize();
      try {
        await s.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await s.destroy();
      }
    },
  };
}
