import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@naskah/core';
import { createRedis, REDIS } from '@naskah/queue';
import type { PositionKind } from '@naskah/organisation';
import { jakartaToday } from './jakarta-today';
import { Role, rolesOf } from './roles';

/** A position a user acts for, with its materialised tree path (paths never change once created). */
export interface ActingPosition {
  id: number;
  path: string;
}

/** What every authenticated request needs to know about its user, beyond the access token. */
export interface ActingState {
  /** `users.is_active`: false also when the user no longer exists. */
  active: boolean;
  /** The own position (from the access token, while the user still holds it) and the positions held today by delegation, by id. */
  positions: ActingPosition[];
  /**
   * The user's roles now: their grants, and those of the token's position while the user still
   * holds it (a user moved elsewhere gets the new position's roles with their next token).
   */
  roles: Role[];
  /** `users.session_version`: an access token carrying another value was revoked (sign-out, password change). */
  sessionVersion: number;
}

interface Entry {
  state: ActingState;
  /** The Jakarta calendar day it was read on: delegations start and end on day boundaries. */
  day: string;
  expiresAt: number;
}

/** The Redis pub/sub channel that tells every process a user's state changed; one per deployment. */
export const identityChangesChannel = (queuePrefix: string) => `${queuePrefix}:identity-changes`;

/**
 * Caches, per user and own position, whether the user is active, which positions they act for
 * today (own + delegations, with tree paths), their roles and their session version, so an
 * authenticated request needs no database round trip for them. Staleness is bounded:
 *  - in this process, a change made through UsersService / DelegationsService is seen at once
 *    (`changed` after the commit drops the user's entries; a read that raced with the change is
 *    not stored);
 *  - in other processes, through the Redis channel `identityChangesChannel`: each process drops
 *    the user's entries when the message arrives (milliseconds). Entries are only kept while this
 *    process's subscription is live: when it drops, the cache is emptied and reads go to the
 *    database until it is subscribed again;
 *  - at most TTL_MS (15 s) in any case (e.g. a message lost while its publisher could not reach
 *    Redis, or a row changed by hand in SQL), and never past the Jakarta midnight after the read,
 *    when delegations start or end.
 */
@Injectable()
export class ActingPositionsCache implements OnModuleDestroy {
  static readonly TTL_MS = 15_000;
  /** Beyond this many users the cache starts afresh (a crude bound on memory). */
  static readonly MAX_USERS = 50_000;

  private readonly logger = new Logger(ActingPositionsCache.name);
  private readonly entries = new Map<number, Map<number, Entry>>();
  /** Bumped by every invalidation: a read that started before one is not stored. */
  private epoch = 0;
  private subscriber: IORedis | null = null;
  private live = false;
  private closed = false;

  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  /** The user's state, from the cache or one query. */
  async of(userId: number, ownPositionId: number | null): Promise<ActingState> {
    const now = this.clock.now();
    const day = jakartaToday(now);
    const hit = this.entries.get(userId)?.get(ownPositionId ?? 0);
    if (hit && hit.day === day && hit.expiresAt > now.getTime()) return hit.state;
    this.listen();
    const epoch = this.epoch;
    const state = await this.load(userId, ownPositionId, day);
    if (this.live && epoch === this.epoch) {
      if (this.entries.size >= ActingPositionsCache.MAX_USERS && !this.entries.has(userId)) this.entries.clear();
      const mine = this.entries.get(userId) ?? new Map<number, Entry>();
      mine.set(ownPositionId ?? 0, { state, day, expiresAt: now.getTime() + ActingPositionsCache.TTL_MS });
      this.entries.set(userId, mine);
    }
    return state;
  }

  /**
   * A user's activity, position or delegations changed (call after the commit): forgotten here at
   * once, and in every other process when the message arrives. A failed publish is logged, not
   * thrown: the change is committed, and the other processes' copies expire within TTL_MS.
   */
  async changed(userId: number): Promise<void> {
    this.forget(userId);
    await this.redis
      .publish(identityChangesChannel(this.config.QUEUE_PREFIX), String(userId))
      .catch((err) => this.logger.warn({ err: (err as Error).message, userId }, 'identity change not published; other processes see it within the cache TTL'));
  }

  /**
   * Other per-process caches ride on the same channel (one subscription per process): `topic`
   * handlers run when another process announces a change of that topic, and whenever the
   * subscription drops (a message may have been missed). The holiday calendar uses it.
   */
  onTopic(topic: string, handler: () => void): void {
    const list = this.topics.get(topic) ?? [];
    list.push(handler);
    this.topics.set(topic, list);
    this.listen();
  }

  /** Announces a change of `topic` to every process (call after the commit); this process's handlers run at once. */
  async announce(topic: string): Promise<void> {
    for (const h of this.topics.get(topic) ?? []) h();
    await this.redis
      .publish(identityChangesChannel(this.config.QUEUE_PREFIX), `topic:${topic}`)
      .catch((err) => this.logger.warn({ err: (err as Error).message, topic }, 'change not published; other processes see it within their cache TTL'));
  }

  private readonly topics = new Map<string, (() => void)[]>();

  private runAllTopics(): void {
    for (const list of this.topics.values()) for (const h of list) h();
  }

  /** Drops what this process holds for the user. */
  forget(userId: number): void {
    this.epoch++;
    this.entries.delete(userId);
  }

  private forgetAll(): void {
    this.epoch++;
    this.entries.clear();
  }

  private async load(userId: number, ownPositionId: number | null, day: string): Promise<ActingState> {
    // k = 0: the user (active, session version, grants); k = 1: a position acted for (the own one also gives its kind)
    const rows: { k: number; v: string | number; path: string | null; sv: string | number | null; extra: string | null }[] = await this.ds.query(
      `SELECT 0 AS k, u.is_active AS v, NULL AS path, u.session_version AS sv, (SELECT GROUP_CONCAT(g.role) FROM user_grants g WHERE g.user_id = u.id) AS extra FROM users u WHERE u.id = ?
       UNION ALL SELECT 1, p.id, p.path, NULL, p.kind FROM positions p JOIN users u ON u.position_id = p.id WHERE u.id = ? AND p.id = ?
       UNION ALL SELECT 1, p.id, p.path, NULL, NULL FROM delegations d JOIN positions p ON p.id = d.position_id
         WHERE d.user_id = ? AND d.revoked_at IS NULL AND d.starts_on <= ? AND d.ends_on >= ?`,
      [userId, userId, ownPositionId ?? 0, userId, day, day],
    );
    const byId = new Map<number, ActingPosition>();
    let active = false;
    let sessionVersion = -1;
    let grants: Role[] = [];
    let ownKind: PositionKind | null = null;
    for (const r of rows) {
      if (Number(r.k) === 0) {
        active = Number(r.v) === 1;
        sessionVersion = Number(r.sv);
        grants = (r.extra ? String(r.extra).split(',') : []) as Role[];
      } else {
        byId.set(Number(r.v), { id: Number(r.v), path: String(r.path) });
        if (r.extra) ownKind = r.extra as PositionKind;
      }
    }
    return { active, positions: [...byId.values()].sort((a, b) => a.id - b.id), roles: active ? rolesOf(ownKind, grants) : [], sessionVersion };
  }

  /** Opens the subscription on first use (a process that never asks never connects). */
  private listen(): void {
    if (this.subscriber || this.closed) return;
    const channel = identityChangesChannel(this.config.QUEUE_PREFIX);
    const sub = createRedis(this.config, { lazyConnect: true, connectionName: `naskah-identity-changes-${process.pid}` }); // named: CLIENT LIST tells which process listens where
    this.subscriber = sub;
    const down = () => {
      this.live = false;
      this.forgetAll();
      this.runAllTopics();
    };
    sub.on('error', (err) => this.logger.warn({ err: err.message }, 'identity changes subscription error'));
    sub.on('close', down);
    sub.on('end', down);
    sub.on('message', (_ch: string, raw: string) => {
      if (raw.startsWith('topic:')) {
        for (const h of this.topics.get(raw.slice(6)) ?? []) h();
        return;
      }
      const userId = Number(raw);
      if (Number.isSafeInteger(userId)) this.forget(userId);
      else this.forgetAll();
    });
    // on every (re)connection: subscribe, then start keeping entries (messages missed while down are moot: the cache was emptied)
    sub.on('ready', () => {
      sub
        .subscribe(channel)
        .then(() => {
          if (this.subscriber !== sub) return;
          this.forgetAll();
          this.live = true;
        })
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'identity changes subscription failed'));
    });
    sub.connect().catch((err) => this.logger.warn({ err: (err as Error).message }, 'identity changes subscription could not connect; reading through to the database'));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.live = false;
    const sub = this.subscriber;
    this.subscriber = null;
    this.entries.clear();
    await sub?.quit().catch(() => undefined);
  }
}
