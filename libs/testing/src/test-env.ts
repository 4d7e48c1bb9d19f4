/**
 * Per-Jest-worker isolation: each worker gets its own database (naskah_test_<n>), its own BullMQ
 * prefix and its own file store, against the project's test MariaDB and Redis (scripts/test.sh).
 */
export const TEST_WORKERS = 2;

export function testServerUrls(): { db: string; redis: string } {
  return {
    db: process.env.TEST_DATABASE_SERVER_URL ?? 'mysql://root@127.0.0.1:33307',
    redis: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:36380',
  };
}

export function testDatabaseName(worker: string | number): string {
  return `${process.env.NASKAH_TEST_DB_PREFIX ?? 'naskah_test'}_${worker}`;
}

/** The BullMQ prefix of a worker's run: tied to its database, so runs side by side never share jobs. */
export function testQueuePrefix(worker: string | number): string {
  return testDatabaseName(worker).replace(/[^A-Za-z0-9]/g, '');
}

export function applyTestEnv(): void {
  const worker = process.env.JEST_WORKER_ID ?? '1';
  const { db, redis } = testServerUrls();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: `${db.replace(/\/$/, '')}/${testDatabaseName(worker)}`,
    REDIS_URL: redis,
    QUEUE_PREFIX: testQueuePrefix(worker),
    STORAGE_DIR: `.data/test/files-${worker}`,
    SIGNING_KEY_PATH: `.data/test/signing-key-${worker}.pem`,
    AUDIT_CHECKPOINT_DIR: `.data/test/audit-checkpoints-${testDatabaseName(worker)}`,
    AUDIT_CHECKPOINT_KEY_PATH: `.data/test/audit-checkpoint-key-${worker}.pem`,
    SIGNING_KEYS_DIR: `.data/test/signing-keys-${worker}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '50',
    // tests simulate clients behind a proxy through X-Forwarded-For
    TRUST_PROXY: 'true',
    JWT_SECRET: 'test-secret-for-naskah-tests-only-0123456789',
  });
}
