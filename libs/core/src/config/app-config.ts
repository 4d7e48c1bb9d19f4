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

  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL harus berbentuk redis://host:port' })
  REDIS_URL = 'redis://127.0.0.1:36379';

  /** BullMQ key prefix; wrap in {} for Redis Cluster hash-tagging, e.g. {naskah}. */
  @Matches(/^[A-Za-z0-9_{}-]+$/, { message: 'QUEUE_PREFIX hanya huruf, angka, _ - { }' })
  QUEUE_PREFIX = 'naskah';

  @IsString() @MinLength(16, { message: 'JWT_SECRET minimal 16 karakter' })
  JWT_SECRET = 'dev-only-secret-change-me-in-production';

  @Transform(toInt) @IsInt() @Min(30) @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  REFRESH_TTL_DAYS = 14;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  LOGIN_MAX_ATTEMPTS = 10;

  @Transform(toInt) @IsInt() @Min(1) @Max(86400)
  LOGIN_WINDOW_SECONDS = 300;

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

  /** Relayed (sent) outbox rows older than this are deleted by the worker's hourly purge; unsent rows are never touched. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  @Transform(toInt) @IsInt() @Min(1024) @Max(1024 * 1024 * 1024)
  UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  WORKER_CONCURRENCY = 20;

  /** Trust X-Forwarded-For (client address for login limits): only behind a reverse proxy that overwrites it. */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  // Initialised (to undefined) so the key exists on an instance and loadConfig reads it.
  @IsOptional() @IsIn(['true', 'false'])
  SEED_DEMO: 'true' | 'false' | undefined = undefined;

  get signingKeysDir(): string {
    return this.SIGNING_KEYS_DIR || join(dirname(this.SIGNING_KEY_PATH), 'signing-keys');
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

/** Variables whose value must never appear in a message or a log. */
const SECRET_KEYS = new Set(['JWT_SECRET']);

/** The value as a message may show it: secrets hidden, a password inside a URL masked. */
function shown(key: string, value: string | undefined): string {
  if (value === undefined) return '(default)';
  if (SECRET_KEYS.has(key)) return '"(rahasia / hidden)"';
  return JSON.stringify(value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/i, '$1***@'));
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
  if (config.NODE_ENV === 'production') {
    if (config.JWT_SECRET.startsWith('dev-only')) problems.push('JWT_SECRET: wajib diisi di production (must be set in production)');
    else if (config.JWT_SECRET.length < 32) problems.push('JWT_SECRET: minimal 32 karakter di production (at least 32 characters in production)');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
