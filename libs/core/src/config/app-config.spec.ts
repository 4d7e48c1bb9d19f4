import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError, loadConfig } from './app-config';

/** What loadConfig threw, so a test can look at the message and the problems. */
function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const PRODUCTION_SECRET = 'a-long-production-secret-0123456789abcdef';

describe('configuration validated at boot', () => {
  it('loads the defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c).toBeInstanceOf(AppConfig);
    expect(c).toMatchObject({ NODE_ENV: 'development', PORT: 3000, DATABASE_URL: expect.stringMatching(/^mysql:\/\//), QUEUE_PREFIX: 'naskah', LOGIN_MAX_ATTEMPTS: 10 });
    expect(c.isProduction).toBe(false);
  });

  it('turns numeric variables into numbers and ignores empty ones', () => {
    const c = loadConfig({ PORT: '8080', LOGIN_MAX_ATTEMPTS: '3', OUTBOX_POLL_MS: '' });
    expect(c.PORT).toBe(8080);
    expect(c.LOGIN_MAX_ATTEMPTS).toBe(3);
    expect(c.OUTBOX_POLL_MS).toBe(500);
    expect(c.OUTBOX_RETENTION_DAYS).toBe(7);
    expect(loadConfig({ OUTBOX_RETENTION_DAYS: '30' }).OUTBOX_RETENTION_DAYS).toBe(30);
  });

  it('reads every declared variable, optional ones included', () => {
    expect(loadConfig({ SEED_DEMO: 'true' }).SEED_DEMO).toBe('true');
    expect(loadConfig({}).SEED_DEMO).toBeUndefined();
    expect(failure({ SEED_DEMO: 'yes' }).message).toContain('SEED_DEMO');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://x'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['NODE_ENV', 'prod'],
    ['QUEUE_PREFIX', 'naskah:prod'],
    ['LOG_LEVEL', 'verbose'],
    ['JWT_SECRET', 'short'],
    ['OUTBOX_RETENTION_DAYS', '0'],
    ['OUTBOX_RETENTION_DAYS', 'seminggu'],
    ['DATABASE_REPLICA_URLS', 'mysql://r1@10.0.0.2:3306/naskah;mysql://r2@10.0.0.3:3306/naskah'],
    ['DATABASE_REPLICA_URLS', 'mysql://r1@10.0.0.2:3306/naskah,postgres://r2@10.0.0.3/naskah'],
    ['DATABASE_REPLICA_URLS', 'mysql://r1@10.0.0.2:3306/naskah,'],
    ['DATABASE_REPLICA_MAX_LAG_SECONDS', '0'],
    ['DATABASE_REPLICA_MAX_LAG_SECONDS', 'lima'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    const err = failure({ [name]: value });
    expect(err.name).toBe('ConfigError');
    expect(err.message).toContain(`${name}=`);
    expect(err.problems).toHaveLength(1);
  });

  it('takes a PKCS#12 signing certificate only with its password file, both readable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'naskah-p12-'));
    const p12 = join(dir, 'bsre.p12');
    const pwd = join(dir, 'bsre.password');
    writeFileSync(p12, 'x');
    writeFileSync(pwd, 'rahasia\n', { mode: 0o600 });
    expect(loadConfig({ SIGNING_P12_PATH: p12, SIGNING_P12_PASSWORD_FILE: pwd })).toMatchObject({ SIGNING_P12_PATH: p12, SIGNING_P12_PASSWORD_FILE: pwd });
    expect(loadConfig({}).SIGNING_P12_PATH).toBeUndefined();
    expect(failure({ SIGNING_P12_PATH: p12 }).problems).toEqual([expect.stringMatching(/^SIGNING_P12_PASSWORD_FILE: wajib diisi/)]);
    expect(failure({ SIGNING_P12_PASSWORD_FILE: pwd }).problems).toEqual([expect.stringMatching(/^SIGNING_P12_PATH: wajib diisi/)]);
    const missing = failure({ SIGNING_P12_PATH: join(dir, 'tidak-ada.p12'), SIGNING_P12_PASSWORD_FILE: pwd });
    expect(missing.problems).toEqual([`SIGNING_P12_PATH="${join(dir, 'tidak-ada.p12')}": berkas tidak ada (berkas sertifikat PKCS#12; file not found)`]);
    expect(failure({ SIGNING_P12_PATH: dir, SIGNING_P12_PASSWORD_FILE: pwd }).problems).toEqual([expect.stringMatching(/^SIGNING_P12_PATH=.*: bukan berkas/)]);
    if (process.getuid?.() !== 0) {
      chmodSync(pwd, 0o000);
      expect(failure({ SIGNING_P12_PATH: p12, SIGNING_P12_PASSWORD_FILE: pwd }).problems).toEqual([expect.stringMatching(/^SIGNING_P12_PASSWORD_FILE=.*: berkas tidak dapat dibaca/)]);
    }
    // the message names the file, never the password in it
    expect(failure({ SIGNING_P12_PATH: p12 }).message).not.toContain('rahasia');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the read replicas as a list, none by default, with a lag bound of 5 s', () => {
    expect(loadConfig({}).replicaUrls).toEqual([]);
    expect(loadConfig({}).DATABASE_REPLICA_MAX_LAG_SECONDS).toBe(5);
    const c = loadConfig({ DATABASE_REPLICA_URLS: 'mysql://ro:pw@10.0.0.2:3306/naskah,mysql://ro:pw@10.0.0.3:3306/naskah', DATABASE_REPLICA_MAX_LAG_SECONDS: '2' });
    expect(c.replicaUrls).toEqual(['mysql://ro:pw@10.0.0.2:3306/naskah', 'mysql://ro:pw@10.0.0.3:3306/naskah']);
    expect(c.DATABASE_REPLICA_MAX_LAG_SECONDS).toBe(2);
  });

  it('masks the password of every replica URL in its message', () => {
    const err = failure({ DATABASE_REPLICA_URLS: 'mysql://ro:first-pw@10.0.0.2:3306/naskah,mysql://ro:second-pw@10.0.0.3:3306/naskah,http://x' });
    expect(err.message).toContain('DATABASE_REPLICA_URLS=');
    expect(err.message).not.toContain('first-pw');
    expect(err.message).not.toContain('second-pw');
  });

  it('names every bad variable at once', () => {
    const err = failure({ PORT: 'abc', DATABASE_URL: 'postgres://x', NODE_ENV: 'prod' });
    expect(err.problems.map((p) => p.split('=')[0]).sort()).toEqual(['DATABASE_URL', 'NODE_ENV', 'PORT']);
  });

  it('refuses the development JWT secret, or a short one, in production', () => {
    expect(failure({ NODE_ENV: 'production' }).message).toMatch(/JWT_SECRET.*production/);
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: 'sixteen-chars-ok!' }).message).toMatch(/JWT_SECRET: minimal 32/);
    const c = loadConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET });
    expect(c.isProduction).toBe(true);
    expect(c.JWT_SECRET).toBe(PRODUCTION_SECRET);
  });

  it('refuses the placeholder JWT secrets in every mode, and leaves the secret to JWT_SECRET_PATH when unset', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      for (const JWT_SECRET of ['dev-only-secret-change-me-in-production', 'dev-only-REPLACE-ME-with-openssl-rand-hex-32']) {
        expect(failure({ NODE_ENV, JWT_SECRET }).message).toMatch(/JWT_SECRET: nilai contoh/);
      }
    }
    expect(loadConfig({})).toMatchObject({ JWT_SECRET: undefined, JWT_SECRET_PATH: '.data/dev/jwt-secret' });
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET_PATH: '/run/secrets/jwt' }).JWT_SECRET).toBeUndefined();
  });

  it('takes Redis Sentinel (sentinels + master name) instead of REDIS_URL, and refuses one without the other', () => {
    const c = loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379,sentinel-2.kpu.local:26379', REDIS_SENTINEL_NAME: 'naskah', REDIS_PASSWORD: 'redis-pw' });
    expect(c).toMatchObject({ REDIS_SENTINELS: '10.0.0.1:26379,sentinel-2.kpu.local:26379', REDIS_SENTINEL_NAME: 'naskah', REDIS_PASSWORD: 'redis-pw', REDIS_SENTINEL_PASSWORD: undefined });
    expect(failure({ REDIS_SENTINELS: '10.0.0.1:26379' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME: wajib/)]);
    expect(failure({ REDIS_SENTINEL_NAME: 'naskah' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINELS: wajib/)]);
    for (const bad of ['10.0.0.1', '10.0.0.1:26379;10.0.0.2:26379', 'redis://10.0.0.1:26379', '10.0.0.1:26379,']) {
      expect(failure({ REDIS_SENTINELS: bad, REDIS_SENTINEL_NAME: 'naskah' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINELS=.*host:port/)]);
    }
    expect(failure({ REDIS_SENTINELS: '10.0.0.1:26379', REDIS_SENTINEL_NAME: 'nama master' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINEL_NAME=/)]);
    expect(loadConfig({}).REDIS_WAIT_REPLICAS).toBe(0);
    expect(loadConfig({ REDIS_WAIT_REPLICAS: '1' }).REDIS_WAIT_REPLICAS).toBe(1);
    expect(failure({ REDIS_WAIT_REPLICAS: 'satu' }).problems).toEqual([expect.stringMatching(/^REDIS_WAIT_REPLICAS=/)]);
  });

  it('takes Redis Cluster nodes instead of REDIS_URL or Sentinel, only with a hash-tagged QUEUE_PREFIX', () => {
    const c = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-2.kpu.local:7001', QUEUE_PREFIX: '{naskah}', REDIS_PASSWORD: 'cluster-pw' });
    expect(c).toMatchObject({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-2.kpu.local:7001', QUEUE_PREFIX: '{naskah}', REDIS_PASSWORD: 'cluster-pw', REDIS_SENTINELS: undefined });
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', QUEUE_PREFIX: 'kpu{naskah}' }).QUEUE_PREFIX).toBe('kpu{naskah}');
    // no hash tag (or an empty one: Redis then hashes the whole key) → refused, naming the prefix and the fix
    for (const prefix of [undefined, 'naskah', '{}naskah', 'naskah}{', '{naskah']) {
      expect(failure({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', ...(prefix ? { QUEUE_PREFIX: prefix } : {}) }).problems).toEqual([expect.stringMatching(/^QUEUE_PREFIX=.*hash tag, misalnya \{naskah\}/)]);
    }
    expect(failure({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', QUEUE_PREFIX: '{naskah}', REDIS_URL: 'redis://10.0.0.9:6379' }).problems).toEqual([expect.stringMatching(/^REDIS_URL: jangan diisi bersama REDIS_CLUSTER_NODES/)]);
    expect(failure({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', QUEUE_PREFIX: '{naskah}', REDIS_SENTINELS: '10.0.0.1:26379', REDIS_SENTINEL_NAME: 'naskah' }).problems).toEqual([expect.stringMatching(/^REDIS_SENTINELS: jangan diisi bersama REDIS_CLUSTER_NODES/)]);
    for (const bad of ['10.0.0.1', 'redis://10.0.0.1:7000', '10.0.0.1:7000,']) {
      expect(failure({ REDIS_CLUSTER_NODES: bad, QUEUE_PREFIX: '{naskah}' }).problems).toEqual([expect.stringMatching(/^REDIS_CLUSTER_NODES=.*host:port/)]);
    }
  });

  it('selects S3 storage with a bucket, and keys in pairs (the secret from the environment or a file, never both)', () => {
    expect(loadConfig({}).STORAGE_DRIVER).toBe('local');
    const c = loadConfig({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'naskah-arsip', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'AKIA1', S3_SECRET_ACCESS_KEY_FILE: '/run/secrets/s3' });
    expect(c).toMatchObject({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'naskah-arsip', S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'true' });
    expect(loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'naskah-arsip' }).S3_ACCESS_KEY_ID).toBeUndefined(); // the SDK's own credential chain
    expect(failure({ STORAGE_DRIVER: 's3' }).problems).toEqual([expect.stringMatching(/^S3_BUCKET: wajib/)]);
    expect(failure({ STORAGE_DRIVER: 'minio' }).problems).toEqual([expect.stringMatching(/^STORAGE_DRIVER=/)]);
    expect(failure({ STORAGE_DRIVER: 's3', S3_BUCKET: 'Naskah_Arsip' }).problems).toEqual([expect.stringMatching(/^S3_BUCKET=/)]);
    expect(failure({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b1x', S3_ENDPOINT: 'ftp://x' }).problems).toEqual([expect.stringMatching(/^S3_ENDPOINT=/)]);
    expect(failure({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b1x', S3_ACCESS_KEY_ID: 'AKIA1' }).problems).toEqual([expect.stringMatching(/^S3_SECRET_ACCESS_KEY: wajib/)]);
    expect(failure({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b1x', S3_SECRET_ACCESS_KEY: 'k' }).problems).toEqual([expect.stringMatching(/^S3_ACCESS_KEY_ID: wajib/)]);
    expect(failure({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b1x', S3_ACCESS_KEY_ID: 'A', S3_SECRET_ACCESS_KEY: 'k', S3_SECRET_ACCESS_KEY_FILE: '/f' }).problems).toEqual([expect.stringMatching(/^S3_SECRET_ACCESS_KEY_FILE: isi salah satu/)]);
    expect(failure({ S3_FORCE_PATH_STYLE: 'ya' }).problems).toEqual([expect.stringMatching(/^S3_FORCE_PATH_STYLE=/)]);
  });

  it('never echoes a Redis or S3 secret', () => {
    const err = failure({ REDIS_PASSWORD: 'redis-secret-pw', REDIS_SENTINEL_PASSWORD: 'sentinel-secret-pw', S3_SECRET_ACCESS_KEY: 'S3-SECRET-VALUE', STORAGE_DRIVER: 's3', S3_BUCKET: 'Bad_Bucket', PORT: 'x' });
    expect(err.message).not.toMatch(/redis-secret-pw|sentinel-secret-pw|S3-SECRET-VALUE/);
  });

  it('never echoes a secret in its message', () => {
    const err = failure({ NODE_ENV: 'production', JWT_SECRET: 'dev-only-but-typed-by-hand-0123456789' });
    expect(err.message).toContain('JWT_SECRET');
    expect(err.message).not.toContain('typed-by-hand');
    expect(failure({ JWT_SECRET: 'tiny-secret' }).message).not.toContain('tiny-secret');
    const db = failure({ DATABASE_URL: 'postgres://naskah:s3cret-pw@db:5432/naskah' });
    expect(db.message).toContain('DATABASE_URL=');
    expect(db.message).not.toContain('s3cret-pw');
  });
});

describe('worker stall recovery settings (issue 15)', () => {
  it('defaults to BullMQ 30 s lock and stalled check, 20 stalls allowed', () => {
    const c = loadConfig({});
    expect([c.WORKER_LOCK_DURATION_MS, c.WORKER_STALLED_INTERVAL_MS, c.WORKER_MAX_STALLED_COUNT]).toEqual([30000, 30000, 20]);
  });

  it('reads them from the environment as integers', () => {
    const c = loadConfig({ WORKER_LOCK_DURATION_MS: '10000', WORKER_STALLED_INTERVAL_MS: '5000', WORKER_MAX_STALLED_COUNT: '3' });
    expect([c.WORKER_LOCK_DURATION_MS, c.WORKER_STALLED_INTERVAL_MS, c.WORKER_MAX_STALLED_COUNT]).toEqual([10000, 5000, 3]);
  });

  it.each([
    ['WORKER_LOCK_DURATION_MS', '4999'],
    ['WORKER_LOCK_DURATION_MS', '30s'],
    ['WORKER_STALLED_INTERVAL_MS', '999'],
    ['WORKER_STALLED_INTERVAL_MS', '600001'],
    ['WORKER_MAX_STALLED_COUNT', '0'],
  ])('refuses %s=%s, naming it', (key, value) => {
    const err = failure({ [key]: value });
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(new RegExp(`^${key}="${value}": `));
  });
});
