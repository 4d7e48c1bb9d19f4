import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { seedOrganisation } from '@naskah/organisation';
import { seedDemoUsers } from '@naskah/identity';
import { seedMasterData } from '@naskah/correspondence';
import IORedis from 'ioredis';
import { TEST_WORKERS, testDatabaseName, testQueuePrefix, testServerUrls } from './test-env';
import { cloneDatabase, TEMPLATE_DATABASE } from './suite-database';

/** Throw-away databases: dropped, migrated and seeded (organisation + demo users) once per run. */
export async function prepareTestDatabases(): Promise<void> {
  const { db } = testServerUrls();
  const server = new DataSource({ type: 'mysql', url: db });
  try {
    await server.initialize();
  } catch (err) {
    throw new Error(`Test MariaDB at ${db} does not answer (${(err as Error).message}). Run the tests with "npm test", which starts it.`);
  }
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: TEST_WORKERS }, (_, i) => i + 1).map(async (w) => {
      const name = testDatabaseName(w);
      await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
      // the previous run's audit checkpoints anchor the dropped database's chains: they go with it
      rmSync(`.data/test/audit-checkpoints-${name}`, { recursive: true, force: true });
      const url = `${db.replace(/\/$/, '')}/${name}`;
      await runMigrations(url);
      const ds = new DataSource(dataSourceOptions(url, { poolSize: 4 } as never));
      await ds.initialize();
      await seedOrganisation(ds);
      await seedDemoUsers(ds);
      await seedMasterData(ds);
      await ds.destroy();
    }),
  );
  // the pristine copy suites of their own are cloned from (records suites: libs/testing/src/suite-database.ts);
  // earlier runs' suite databases that a crash left behind go too
  for (const { name } of await server.query("SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?", [`${testDatabaseName('')}%\\_s%`])) {
    await server.query(`DROP DATABASE IF EXISTS \`${name}\``);
  }
  await cloneDatabase(server, testDatabaseName(1), TEMPLATE_DATABASE());
  await server.destroy();
  // Job ids are deterministic (e.g. dispatch-letter_<transmission id>) and ids restart with the
  // fresh databases, so the previous run's finished jobs must go too or BullMQ would deduplicate.
  const redis = new IORedis(testServerUrls().redis, { maxRetriesPerRequest: 2 });
  try {
    for (let w = 1; w <= TEST_WORKERS; w++) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${testQueuePrefix(w)}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
  if (process.env.TEST_LOG_LEVEL) console.log(`test databases ready in ${Date.now() - t0} ms`);
}

if (require.main === module) {
  prepareTestDatabases().catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
