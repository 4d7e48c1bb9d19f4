import { dirname, join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

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

  /** BullMQ key prefix; wrap in {} for Redis Cluster hash-tagging, e.g. {naskah}. */
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

  /** The single Ed25519 key of installations from before key rotation: registered as the first key when present. */
  @IsString()
  SIGNING_KEY_PATH = '.data/dev/signing-key.pem';

  /** Private signing keys, one `<keyId>.pem` per key; shared by every worker. Empty: `signing-keys/` beside SIGNING_KEY_PATH. */
  @IsString()
  SIGNING_KEYS_DIR = '';

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
const SECRET_KEYS = new Set(['JWT_SECRET', 'METRICS_TOKEN']);

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
  if (problems.length) throw new ConfigError(problems);
  return config;
}
