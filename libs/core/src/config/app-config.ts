import { constants, accessSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** host:port,host:port — a port 1 to 65535 written without leading zeros (0 or 99999 would only fail when connecting). */
const PORT = '([1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])';
const HOST_PORTS = new RegExp(`^[A-Za-z0-9.-]+:${PORT}(,[A-Za-z0-9.-]+:${PORT})*$`);

/**
 * Every setting the apps read, validated at boot. A bad value stops start-up with a message
 * naming the variable; nothing else in the code reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(/^mysql:\/\/[^\s]+$/, { message: 'DATABASE_URL harus berbentuk mysql://user:pass@host:port/db' })
  DATABASE_URL = 'mysql://root@127.0.0.1:33306/naskah';

  @Transform(toInt) @IsInt() @Min(1) @Max(500)
  DATABASE_POOL_SIZE = 40;

  /**
   * Read replicas of DATABASE_URL, comma-separated mysql:// URLs (empty: none). Lists that tolerate a
   * few seconds of staleness (inbox, outbox, worklist counts, search, records reports) read from a
   * healthy one; everything else stays on the primary (libs/db/src/read-replicas.ts). Each has its
   * own pool of DATABASE_POOL_SIZE connections per process.
   */
  @IsOptional()
  @Matches(/^mysql:\/\/[^\s,]+(,mysql:\/\/[^\s,]+)*$/, { message: 'DATABASE_REPLICA_URLS harus daftar mysql://user:pass@host:port/db dipisah koma (comma-separated mysql:// URLs)' })
  DATABASE_REPLICA_URLS: string | undefined = undefined;

  /** A replica further behind the primary than this (or unreachable) is skipped; reads go to the primary. Also the read-your-writes window's base. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  DATABASE_REPLICA_MAX_LAG_SECONDS = 5;

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL harus berbentuk redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:36379';

  /**
   * Redis Sentinel instead of REDIS_URL: the sentinels as `host:port,host:port,…`. Every Redis client
   * (BullMQ, caches, login limiter, pub/sub, health) then asks them for the current primary of
   * REDIS_SENTINEL_NAME and follows a failover. Unset: the standalone REDIS_URL.
   */
  @IsOptional() @Matches(HOST_PORTS, { message: 'REDIS_SENTINELS harus berbentuk host:port,host:port, port 1–65535 (comma-separated sentinels)' })
  REDIS_SENTINELS: string | undefined = undefined;

  /** The primary's name the sentinels monitor (`sentinel monitor <name> …`); required with REDIS_SENTINELS. */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'REDIS_SENTINEL_NAME hanya huruf, angka, . _ - (master name)' })
  REDIS_SENTINEL_NAME: string | undefined = undefined;

  /** Password of the sentinels themselves (`requirepass` in their configuration), if any. */
  @IsOptional() @IsString()
  REDIS_SENTINEL_PASSWORD: string | undefined = undefined;

  /**
   * Redis Cluster instead of REDIS_URL: some of its nodes as `host:port,host:port,…` (the client
   * learns the rest and the slot map from them, and follows a master's replica when the cluster
   * promotes it). Excludes REDIS_URL and REDIS_SENTINELS; QUEUE_PREFIX must then carry a hash tag
   * (`{naskah}`) so that every key of the product — a queue's keys, which BullMQ's scripts use
   * together, the login limiter's, the caches' — lies in one slot.
   */
  @IsOptional() @Matches(HOST_PORTS, { message: 'REDIS_CLUSTER_NODES harus berbentuk host:port,host:port, port 1–65535 (comma-separated cluster nodes)' })
  REDIS_CLUSTER_NODES: string | undefined = undefined;

  /** Password of the Redis primary and replicas with REDIS_SENTINELS, and of every node with REDIS_CLUSTER_NODES (with REDIS_URL, the URL's own password wins). */
  @IsOptional() @IsString()
  REDIS_PASSWORD: string | undefined = undefined;

  /**
   * How many Redis replicas must hold the jobs the outbox relay hands to Redis before their outbox
   * rows count as sent (Redis WAIT). 0: the primary's answer is enough (standalone Redis). With
   * Sentinel set 1 (or more), so that a primary lost right after an enqueue cannot take jobs with it.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(16)
  REDIS_WAIT_REPLICAS = 0;

  /** Prefix of every Redis key (BullMQ's and the product's own); with REDIS_CLUSTER_NODES it must carry a hash tag, e.g. {naskah}. */
  @Matches(/^[A-Za-z0-9_{}-]+$/, { message: 'QUEUE_PREFIX hanya huruf, angka, _ - { }' })
  QUEUE_PREFIX = 'naskah';

  /** HS256 key of access tokens; unset: the per-installation secret kept in JWT_SECRET_PATH (generated on first start). */
  @IsOptional() @IsString() @MinLength(16, { message: 'JWT_SECRET minimal 16 karakter' })
  JWT_SECRET: string | undefined = undefined;

  /** Where the generated JWT secret is kept (mode 0600) when JWT_SECRET is not set; share it between replicas, like the signing key. */
  @IsString()
  JWT_SECRET_PATH = '.data/dev/jwt-secret';

  @Transform(toInt) @IsInt() @Min(30) @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  REFRESH_TTL_DAYS = 14;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  LOGIN_MAX_ATTEMPTS = 10;

  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  LOGIN_WINDOW_SECONDS = 300;

  /** First wait imposed on an account after LOGIN_MAX_ATTEMPTS failures; doubles with each further failure, up to LOGIN_WINDOW_SECONDS. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  LOGIN_DELAY_SECONDS = 30;

  @IsString()
  STORAGE_DIR = '.data/dev/files';

  /** Where file bytes live: `local` (STORAGE_DIR) or `s3` (an S3-compatible object store, the S3_* settings). */
  @IsIn(['local', 's3'], { message: 'STORAGE_DRIVER harus local atau s3' })
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  /** S3 endpoint of a non-AWS store (MinIO, Ceph RGW, …), e.g. `https://s3.kpu.go.id`; unset: AWS in S3_REGION. */
  @IsOptional() @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'S3_ENDPOINT harus berbentuk http(s)://host[:port]' })
  S3_ENDPOINT: string | undefined = undefined;

  /** The bucket (exists already; the product never creates it). Required with STORAGE_DRIVER=s3. */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET harus nama bucket S3 yang sah (3–63 huruf kecil, angka, . -)' })
  S3_BUCKET: string | undefined = undefined;

  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION harus berbentuk seperti ap-southeast-3' })
  S3_REGION = 'us-east-1';

  /** Access key; unset with S3_SECRET_ACCESS_KEY(_FILE) unset: the SDK's own credential chain (instance role, AWS_* variables). */
  @IsOptional() @IsString()
  S3_ACCESS_KEY_ID: string | undefined = undefined;

  @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY: string | undefined = undefined;

  /** A file holding the secret access key (a mounted secret), instead of S3_SECRET_ACCESS_KEY. */
  @IsOptional() @IsString()
  S3_SECRET_ACCESS_KEY_FILE: string | undefined = undefined;

  /** `true` for stores addressed as endpoint/bucket/key (MinIO and most on-premises stores); `false`: bucket.endpoint/key. */
  @IsIn(['true', 'false'], { message: 'S3_FORCE_PATH_STYLE harus true atau false' })
  S3_FORCE_PATH_STYLE: 'true' | 'false' = 'false';

  /** The single Ed25519 key of installations from before key rotation: registered as the first key when present. */
  @IsString()
  SIGNING_KEY_PATH = '.data/dev/signing-key.pem';

  /** Private signing keys, one `<keyId>.pem` per key; shared by every worker. Empty: `signing-keys/` beside SIGNING_KEY_PATH. */
  @IsString()
  SIGNING_KEYS_DIR = '';

  /**
   * A signing certificate from a real CA (BSrE/PSrE) as a PKCS#12 file: signs every letter's PDF
   * (PAdES) instead of the local CA's uncertified certificates. Needs SIGNING_P12_PASSWORD_FILE.
   */
  @IsOptional() @IsString()
  SIGNING_P12_PATH: string | undefined = undefined;

  /** A file holding the PKCS#12's password (its first line; keep it 0600). Never the password itself in the environment. */
  @IsOptional() @IsString()
  SIGNING_P12_PASSWORD_FILE: string | undefined = undefined;

  @IsString()
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt) @IsInt() @Min(10) @Max(60000)
  OUTBOX_POLL_MS = 500;

  @Transform(toInt) @IsInt() @Min(1) @Max(1024)
  AUDIT_SHARDS = 64;

  /** Where signed checkpoints of the audit chain heads are appended (keep it off the database host; libs/audit/src/checkpoint). */
  @IsString()
  AUDIT_CHECKPOINT_DIR = '.data/dev/audit-checkpoints';

  /** Ed25519 key that signs audit checkpoints (created on first use, 0600): not the document signing key, never in the database. */
  @IsString()
  AUDIT_CHECKPOINT_KEY_PATH = '.data/dev/audit-checkpoint-key.pem';

  /** Relayed (sent) outbox rows older than this are deleted by the worker's hourly purge; unsent rows are never touched. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  /**
   * Work waiting longer than this is late: the oldest unrelayed outbox row, the oldest waiting job
   * of a queue (GET /health/pipeline, the admins' notification) and a letter whose sending is not
   * dispatched yet (its page says "Menunggu pengiriman sejak …").
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  PIPELINE_LATE_SECONDS = 120;

  /** How often each worker checks the pipeline and notifies the administrators (ADMIN) when it is late. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  PIPELINE_WATCH_SECONDS = 60;

  /** Bearer token for GET /metrics (Prometheus). Unset: /metrics answers only direct loopback requests (no proxy headers). */
  @IsOptional() @IsString() @MinLength(16, { message: 'METRICS_TOKEN minimal 16 karakter' })
  METRICS_TOKEN: string | undefined = undefined;

  @Transform(toInt) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  WORKER_CONCURRENCY = 20;

  // --- Worker stall recovery (BullMQ lock and stalled-job check; issue 15) -------------------------
  /**
   * How long a worker's lock on an active job lasts; the worker renews it every half of this while
   * the job runs. A worker that dies (SIGKILL, lost host) stops renewing: once the lock has expired
   * the next stalled-job check of any worker hands the job to another. Shorter = faster recovery, but
   * an event loop blocked for longer than half of it lets a live job be taken as stalled and run
   * twice (every job is idempotent, so that costs work, not correctness).
   */
  @Transform(toInt) @IsInt() @Min(5000) @Max(600000)
  WORKER_LOCK_DURATION_MS = 30000;

  /** How often each worker looks for stalled jobs (active jobs whose lock has expired). */
  @Transform(toInt) @IsInt() @Min(1000) @Max(600000)
  WORKER_STALLED_INTERVAL_MS = 30000;

  /** How many times one job may stall (its worker die) and still be re-run; one more stall fails it for good. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  WORKER_MAX_STALLED_COUNT = 20;

  /**
   * Letters rendered at once per worker process (the `documents` queue: PDF layout and signing run on
   * the process's one event loop, so more at once only makes every other job of the process wait
   * longer between them). At most WORKER_CONCURRENCY, which is also the default (no separate limit):
   * a lower value has not been shown to help, and it makes renders queue behind each other.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  WORKER_DOCUMENTS_CONCURRENCY = 200;
  // --- end worker stall recovery ------------------------------------------------------------------

  /** Trust X-Forwarded-For (client address for login limits): only behind a reverse proxy that overwrites it. */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  // The production switch: NODE_ENV=production turns the demo accounts and the API docs UI off;
  // each can be turned back on (or off outside production) by its own variable. Unset = follow
  // NODE_ENV. Initialised (to undefined) so the keys exist on an instance and loadConfig reads them.
  /** Demo accounts (password Naskah#2026) created by the seed. */
  @IsOptional() @IsIn(['true', 'false'], { message: 'SEED_DEMO harus true atau false' })
  SEED_DEMO: 'true' | 'false' | undefined = undefined;

  /** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json and /api/docs-yaml. */
  @IsOptional() @IsIn(['true', 'false'], { message: 'API_DOCS harus true atau false' })
  API_DOCS: 'true' | 'false' | undefined = undefined;

  get demoDataEnabled(): boolean {
    return this.SEED_DEMO ? this.SEED_DEMO === 'true' : !this.isProduction;
  }

  get apiDocsEnabled(): boolean {
    return this.API_DOCS ? this.API_DOCS === 'true' : !this.isProduction;
  }

  get signingKeysDir(): string {
    return this.SIGNING_KEYS_DIR || join(dirname(this.SIGNING_KEY_PATH), 'signing-keys');
  }

  /** DATABASE_REPLICA_URLS as a list (empty when unset). */
  get replicaUrls(): string[] {
    return (this.DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/** STORAGE_DRIVER=s3 needs a bucket and, if keys are given, both halves once. */
function storageProblems(c: AppConfig): string[] {
  const problems: string[] = [];
  if (c.STORAGE_DRIVER !== 's3') return problems;
  if (!c.S3_BUCKET) problems.push('S3_BUCKET: wajib diisi bila STORAGE_DRIVER=s3 (bucket required)');
  if (c.S3_SECRET_ACCESS_KEY && c.S3_SECRET_ACCESS_KEY_FILE) problems.push('S3_SECRET_ACCESS_KEY_FILE: isi salah satu, S3_SECRET_ACCESS_KEY atau S3_SECRET_ACCESS_KEY_FILE (set only one)');
  const secret = !!(c.S3_SECRET_ACCESS_KEY || c.S3_SECRET_ACCESS_KEY_FILE);
  if (!!c.S3_ACCESS_KEY_ID !== secret) problems.push(`${c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'}: wajib diisi bersama pasangannya (access key id and secret go together)`);
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Konfigurasi tidak valid / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(new AppConfig());

/** JWT secrets published in this repository (the former default, the `.env.example` value): never accepted. */
export function isPlaceholderSecret(secret: string): boolean {
  return secret.startsWith('dev-only') || secret === 'dev-only-secret-change-me-in-production';
}

/** Variables whose value must never appear in a message or a log. */
const SECRET_KEYS = new Set(['JWT_SECRET', 'METRICS_TOKEN', 'REDIS_PASSWORD', 'REDIS_SENTINEL_PASSWORD', 'S3_SECRET_ACCESS_KEY', 'S3_ACCESS_KEY_ID']);

/** The value as a message may show it: secrets hidden, a password inside a URL masked. */
function shown(key: string, value: string | undefined): string {
  if (value === undefined) return '(default)';
  if (SECRET_KEYS.has(key)) return '"(rahasia / hidden)"';
  return JSON.stringify(value.replace(/((?:^|,)\s*[a-z][a-z0-9+.-]*:\/\/[^:/@\s,]*:)[^@\s,]*@/gi, '$1***@'));
}

/** A mysql:// URL with a host, an optional numeric port and one database name. */
function isDatabaseUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'mysql:' && u.hostname !== '' && /^\/[A-Za-z0-9_$]+$/.test(u.pathname) && (u.port === '' || /^\d+$/.test(u.port));
  } catch {
    return false;
  }
}

/** Reads and validates configuration from an env-like object. Throws ConfigError naming each bad variable (once, with every reason). */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const picked: Record<string, string> = {};
  for (const key of KEYS) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const problems = errors.map((e) => `${e.property}=${shown(e.property, picked[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (picked.DATABASE_REPLICA_URLS !== undefined && !errors.some((e) => e.property === 'DATABASE_REPLICA_URLS')) {
    const bad = config.replicaUrls.filter((u) => !isDatabaseUrl(u));
    if (bad.length) problems.push(`DATABASE_REPLICA_URLS=${shown('DATABASE_REPLICA_URLS', picked.DATABASE_REPLICA_URLS)}: tidak valid: ${bad.map((u) => shown('DATABASE_REPLICA_URLS', u)).join(', ')} (each must be mysql://user:pass@host:port/db)`);
  }
  if (config.JWT_SECRET !== undefined && isPlaceholderSecret(config.JWT_SECRET)) {
    // in every mode: anyone can read a placeholder in the repository and sign an ADMIN token with it
    problems.push('JWT_SECRET: nilai contoh tidak boleh dipakai; hapus agar dibuat otomatis, atau isi dengan `openssl rand -hex 32` (placeholder refused)');
  } else if (config.NODE_ENV === 'production') {
    if (config.JWT_SECRET === undefined && picked.JWT_SECRET_PATH === undefined) problems.push('JWT_SECRET: wajib diisi di production, atau JWT_SECRET_PATH bersama (must be set in production)');
    else if (config.JWT_SECRET !== undefined && config.JWT_SECRET.length < 32) problems.push('JWT_SECRET: minimal 32 karakter di production (at least 32 characters in production)');
  }
  if (config.REDIS_SENTINELS && !config.REDIS_SENTINEL_NAME) problems.push('REDIS_SENTINEL_NAME: wajib diisi bersama REDIS_SENTINELS (the monitored master name is required with REDIS_SENTINELS)');
  if (config.REDIS_SENTINEL_NAME && !config.REDIS_SENTINELS) problems.push('REDIS_SENTINELS: wajib diisi bersama REDIS_SENTINEL_NAME (host:port,host:port)');
  problems.push(...redisClusterProblems(config, picked));
  problems.push(...storageProblems(config));
  problems.push(...signingP12Problems(config));
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * REDIS_CLUSTER_NODES is a third way to reach Redis, not a companion of the other two, and needs a
 * hash-tagged QUEUE_PREFIX: BullMQ's scripts touch several keys of a queue at once, which a
 * cluster runs only when they share a slot (otherwise CROSSSLOT on the first job).
 */
function redisClusterProblems(c: AppConfig, picked: Record<string, string>): string[] {
  if (!c.REDIS_CLUSTER_NODES) return [];
  const problems: string[] = [];
  if (picked.REDIS_URL !== undefined) problems.push('REDIS_URL: jangan diisi bersama REDIS_CLUSTER_NODES; pilih salah satu (standalone Redis or Redis Cluster, not both)');
  if (c.REDIS_SENTINELS) problems.push('REDIS_SENTINELS: jangan diisi bersama REDIS_CLUSTER_NODES; pilih salah satu (Sentinel or Cluster, not both)');
  if (!hasHashTag(c.QUEUE_PREFIX)) problems.push(`QUEUE_PREFIX=${JSON.stringify(c.QUEUE_PREFIX)}: dengan REDIS_CLUSTER_NODES harus memuat hash tag, misalnya {${c.QUEUE_PREFIX.replace(/[{}]/g, '') || 'naskah'}} (Redis Cluster needs a hash-tagged prefix so that each queue's keys share one slot)`);
  return problems;
}

/** True when a key prefix has a non-empty Redis Cluster hash tag: `{x}` (the first `{` and the first `}` after it, something between). */
function hasHashTag(prefix: string): boolean {
  const open = prefix.indexOf('{');
  return open >= 0 && prefix.indexOf('}', open + 1) > open + 1;
}

/** SIGNING_P12_PATH and SIGNING_P12_PASSWORD_FILE: both or neither, each a readable file (the PKCS#12 itself is opened when the signer starts). */
function signingP12Problems(c: AppConfig): string[] {
  const p12 = c.SIGNING_P12_PATH;
  const pwd = c.SIGNING_P12_PASSWORD_FILE;
  if (!p12 && !pwd) return [];
  if (!p12) return ['SIGNING_P12_PATH: wajib diisi bersama SIGNING_P12_PASSWORD_FILE (both must be set)'];
  if (!pwd) return ['SIGNING_P12_PASSWORD_FILE: wajib diisi bersama SIGNING_P12_PATH, berkas berisi kata sandi PKCS#12 (both must be set)'];
  return [
    ['SIGNING_P12_PATH', p12, 'berkas sertifikat PKCS#12'],
    ['SIGNING_P12_PASSWORD_FILE', pwd, 'berkas kata sandi PKCS#12'],
  ].flatMap(([key, path, what]) => {
    try {
      if (!statSync(path).isFile()) return [`${key}=${JSON.stringify(path)}: bukan berkas (${what}; not a file)`];
      accessSync(path, constants.R_OK);
      return [];
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return [`${key}=${JSON.stringify(path)}: ${code === 'ENOENT' ? 'berkas tidak ada' : 'berkas tidak dapat dibaca'} (${what}; ${code === 'ENOENT' ? 'file not found' : 'file not readable'})`];
    }
  });
}
