import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { dataSourceOptions } from './data-source-options';

/** What a read path needs of a database: the primary's DataSource and a replica's reader both fit. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Who wrote a moment ago, shared by every API process (the API provides it over Redis): a user's
 * reads go to the primary for a while after their own write, whichever process serves them.
 */
export interface RecentWrites {
  mark(userId: number, ms: number): Promise<void>;
  wroteRecently(userId: number): Promise<boolean>;
}

/** One replica as /health/replicas and /metrics show it (no credentials). */
export interface ReplicaStatus {
  /** host:port/database of the URL. */
  name: string;
  /** Answered the last check. */
  up: boolean;
  /** How far its copy of the primary's heartbeat is behind the primary's (seconds); null when unknown. */
  lagSeconds: number | null;
  /** Takes reads now (up, lag within DATABASE_REPLICA_MAX_LAG_SECONDS, checked in the last 3 s). */
  inUse: boolean;
  /** Why it is skipped: UNREACHABLE, LAGGING, PRIMARY_UNREACHABLE, NOT_CHECKED; null when in use. */
  skippedBecause: 'UNREACHABLE' | 'LAGGING' | 'PRIMARY_UNREACHABLE' | 'NOT_CHECKED' | null;
  /** The server's or the check's own words when skipped. */
  detail: string | null;
  checkedAt: Date | null;
  /** Reads this process sent to it / of those, retried on the primary after it failed. */
  reads: number;
  fallbacks: number;
}

/** How often the heartbeat is written and each replica checked (in the background, never on a request). */
export const REPLICA_CHECK_MS = 1000;
/** A check older than this no longer counts: the replica is skipped until the next one. */
const CHECK_FRESH_MS = 3 * REPLICA_CHECK_MS;
/** A check gives up on a replica after this long (it is then UNREACHABLE). */
const CHECK_TIMEOUT_MS = 900;
/** Asking Redis whether the user wrote a moment ago gives up after this long: the read then goes to the primary. */
const RECENT_WRITES_TIMEOUT_MS = 250;

/** Errors that mean the server or the link is gone, not the query: the replica is skipped at once. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR', 'ER_CONNECTION_KILLED', 'ER_NET_READ_ERROR', 'ER_NET_READ_INTERRUPTED', 'CR_SERVER_GONE_ERROR', 'CR_SERVER_LOST',
]);
const codeOf = (err: unknown) => (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
const messageOf = (err: unknown) => {
  const e = err as { message?: string; driverError?: { code?: string; sqlMessage?: string } };
  return (e.driverError?.sqlMessage ? `${e.driverError.code ?? ''} ${e.driverError.sqlMessage}`.trim() : String(e.message ?? err)).slice(0, 300);
};

function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} tidak menjawab dalam ${ms} ms (timeout)`)), ms)))]).finally(() => clearTimeout(timer));
}

/** host:port/db of a mysql:// URL, without user or password. */
export function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 3306}${u.pathname}`;
}

class Replica {
  ds: DataSource;
  /** The first connection being made (a replica down at boot is connected by a later check). */
  private initializing: Promise<void> | null = null;
  status: ReplicaStatus;
  /** The reader handed to read paths: the replica, and the primary for a read it could not answer. */
  readonly reader: Queryable;

  constructor(readonly url: string, poolSize: number, primary: DataSource, onFailure: (r: Replica, err: unknown) => void) {
    this.ds = new DataSource(dataSourceOptions(url, { poolSize, migrations: [], entities: [] } as never));
    this.status = { name: replicaName(url), up: false, lagSeconds: null, inUse: false, skippedBecause: 'NOT_CHECKED', detail: null, checkedAt: null, reads: 0, fallbacks: 0 };
    this.reader = {
      query: async (sql, params) => {
        try {
          const rows = await this.ds.query(sql, params as unknown[]);
          this.status.reads += 1;
          return rows;
        } catch (err) {
          // a replica that died between two checks: the read is answered by the primary, never failed
          this.status.fallbacks += 1;
          onFailure(this, err);
          return primary.query(sql, params as unknown[]);
        }
      },
    };
  }

  /** Connects the pool once; a failed attempt leaves a fresh DataSource for the next check. */
  initialize(): Promise<void> {
    this.initializing ??= this.ds.initialize().then(
      () => {
        this.initializing = null;
      },
      (err) => {
        this.initializing = null;
        this.ds = new DataSource(this.ds.options);
        throw err;
      },
    );
    return this.initializing;
  }

  usable(now: number): boolean {
    return this.status.inUse && this.status.checkedAt !== null && now - this.status.checkedAt.getTime() < CHECK_FRESH_MS;
  }
}

/**
 * Read replicas (DATABASE_REPLICA_URLS): `reader(principal)` gives the read paths that tolerate a
 * few seconds of staleness (inbox and outbox lists, worklist counts, search, records reports) a
 * healthy replica, and the primary when
 *  - no replica is configured, or none is healthy now (down, lagging beyond
 *    DATABASE_REPLICA_MAX_LAG_SECONDS, or not checked in the last 3 s);
 *  - the user wrote in the last DATABASE_REPLICA_MAX_LAG_SECONDS + 3 s (read-your-writes: a write
 *    marks the user in this process and in Redis, so every API process sees it). Why that window
 *    suffices: a replica in use was at most MAX_LAG behind when checked (the measured lag never
 *    underestimates: the replica's newest beat is at most as new as what it applied), and the
 *    check is at most 3 s old, so it holds every write older than MAX_LAG + 3 s;
 *  - whether the user wrote cannot be told (Redis does not answer within 250 ms).
 * Everything else (writes, transactions, numbering, access checks) never asks: it uses the primary
 * DataSource as before.
 *
 * Health, in the background every second (never on a request): the process writes the primary's
 * clock into `replica_heartbeat` and reads the row back from the primary and from each replica; the
 * difference is the replica's lag. It measures what a reader sees — a stopped SQL thread or a broken
 * link shows as a lag growing by a second each second — and needs no REPLICATION CLIENT grant.
 * A read a replica fails (it died between two checks) is answered by the primary, and the replica is
 * skipped until a check finds it healthy again.
 */
@Injectable()
export class ReadReplicas implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplicas.name);
  private readonly replicas: Replica[];
  private readonly maxLagSeconds: number;
  private readonly localMarks = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private next = 0;
  private stopped = false;
  /** Reads sent to the primary because the user wrote a moment ago (figures for tests and the bench). */
  readYourWrites = 0;
  private recent?: RecentWrites;

  constructor(
    config: AppConfig,
    private readonly primary: DataSource,
  ) {
    this.maxLagSeconds = config.DATABASE_REPLICA_MAX_LAG_SECONDS;
    const poolSize = config.DATABASE_POOL_SIZE;
    this.replicas = config.replicaUrls.map((url) => new Replica(url, poolSize, primary, (r, err) => this.failed(r, err)));
  }

  /** The API shares its users' write marks through Redis (apps/api/src/common/recent-writes.ts); without it they stay in this process. */
  useRecentWrites(recent: RecentWrites): void {
    this.recent = recent;
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /** How long after a user's write their reads stay on the primary. */
  get readYourWritesMs(): number {
    return (this.maxLagSeconds + 3) * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.configured) return;
    const loop = () => {
      if (this.stopped) return;
      this.checking = this.check().finally(() => {
        this.checking = null;
        if (!this.stopped) this.timer = setTimeout(loop, REPLICA_CHECK_MS).unref();
      });
    };
    loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.checking?.catch(() => undefined);
    await Promise.allSettled(this.replicas.map((r) => (r.ds.isInitialized ? r.ds.destroy() : undefined)));
  }

  /** Where a read that tolerates staleness goes for this user now. */
  async reader(p?: { userId: number } | null): Promise<Queryable> {
    if (!this.replicas.length) return this.primary;
    const now = Date.now();
    const usable = this.replicas.filter((r) => r.usable(now));
    if (!usable.length) return this.primary;
    if (p && (await this.wroteRecently(p.userId, now))) {
      this.readYourWrites += 1;
      return this.primary;
    }
    this.next = (this.next + 1) % usable.length;
    return usable[this.next].reader;
  }

  /** After a user's write (the API calls it before answering): their reads stay on the primary for readYourWritesMs. */
  async noteWrite(userId: number): Promise<void> {
    if (!this.replicas.length) return;
    const until = Date.now() + this.readYourWritesMs;
    this.localMarks.set(userId, until);
    if (this.localMarks.size > 10_000) for (const [k, v] of this.localMarks) if (v < Date.now()) this.localMarks.delete(k);
    if (this.recent) {
      await within(this.recent.mark(userId, this.readYourWritesMs), RECENT_WRITES_TIMEOUT_MS, 'Redis').catch((err) =>
        this.logger.warn({ err: messageOf(err) }, 'read-your-writes mark not shared; other API processes may serve this user from a replica'),
      );
    }
  }

  /** Each replica's state, for /health/replicas and /metrics. */
  status(): ReplicaStatus[] {
    const now = Date.now();
    return this.replicas.map((r) => {
      const s = { ...r.status };
      if (s.inUse && !r.usable(now)) Object.assign(s, { inUse: false, skippedBecause: 'NOT_CHECKED', detail: 'pemeriksaan terakhir lebih dari 3 detik lalu (no recent check)' });
      return s;
    });
  }

  get maxLag(): number {
    return this.maxLagSeconds;
  }

  private async wroteRecently(userId: number, now: number): Promise<boolean> {
    const until = this.localMarks.get(userId);
    if (until !== undefined) {
      if (until > now) return true;
      this.localMarks.delete(userId);
    }
    if (!this.recent) return false;
    try {
      return await within(this.recent.wroteRecently(userId), RECENT_WRITES_TIMEOUT_MS, 'Redis');
    } catch {
      return true; // cannot tell: the primary is always right
    }
  }

  private failed(r: Replica, err: unknown): void {
    const code = codeOf(err);
    if (code && CONNECTION_CODES.has(code)) {
      Object.assign(r.status, { up: false, inUse: false, skippedBecause: 'UNREACHABLE', detail: messageOf(err) });
    }
  }

  /** One round: heartbeat on the primary, then every replica's copy of it. */
  private async check(): Promise<void> {
    let primaryBeat: Date | null = null;
    let primaryError = '';
    try {
      await within(
        this.primary.query('INSERT INTO replica_heartbeat (id, beat_at) VALUES (1, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE beat_at = GREATEST(beat_at, VALUES(beat_at))'),
        CHECK_TIMEOUT_MS, 'primary',
      );
      const [row] = await within(this.primary.query('SELECT beat_at FROM replica_heartbeat WHERE id = 1'), CHECK_TIMEOUT_MS, 'primary');
      primaryBeat = row ? new Date(row.beat_at) : null;
    } catch (err) {
      primaryError = messageOf(err);
    }
    await Promise.all(this.replicas.map((r) => this.checkOne(r, primaryBeat, primaryError)));
  }

  private async checkOne(r: Replica, primaryBeat: Date | null, primaryError: string): Promise<void> {
    const was = r.status.inUse;
    try {
      if (!r.ds.isInitialized) await within(r.initialize(), CHECK_TIMEOUT_MS * 2, r.status.name);
      const [row] = await within(r.ds.query('SELECT beat_at FROM replica_heartbeat WHERE id = 1'), CHECK_TIMEOUT_MS, r.status.name);
      const checkedAt = new Date();
      if (!primaryBeat) {
        Object.assign(r.status, { up: true, lagSeconds: null, inUse: false, skippedBecause: 'PRIMARY_UNREACHABLE', detail: primaryError || 'no heartbeat row', checkedAt });
      } else {
        const lag = row ? Math.max(0, (primaryBeat.getTime() - new Date(row.beat_at).getTime()) / 1000) : null;
        const inUse = lag !== null && lag <= this.maxLagSeconds;
        Object.assign(r.status, {
          up: true, lagSeconds: lag, inUse, checkedAt,
          skippedBecause: inUse ? null : 'LAGGING',
          detail: inUse ? null : lag === null ? 'replica_heartbeat kosong (no heartbeat row)' : `tertinggal ${lag.toFixed(1)} detik > ${this.maxLagSeconds} (lag beyond the bound)`,
        });
      }
    } catch (err) {
      Object.assign(r.status, { up: false, lagSeconds: null, inUse: false, skippedBecause: 'UNREACHABLE', detail: messageOf(err), checkedAt: new Date() });
    }
    if (was !== r.status.inUse) this.logger.warn({ replica: r.status.name, lagSeconds: r.status.lagSeconds, skippedBecause: r.status.skippedBecause, detail: r.status.detail }, r.status.inUse ? 'replica in use' : 'replica skipped');
  }
}
