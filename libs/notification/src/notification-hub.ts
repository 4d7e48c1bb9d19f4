import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type IORedis from 'ioredis';
import { AppConfig } from '@naskah/core';
import { createRedis } from '@naskah/queue';
import { notificationBusChannel } from './notification-bus';
import type { NotificationEvent, NotificationView, WorklistHint } from './notification.types';

type Listener = (n: NotificationView) => void;
type Stream = { listener: Listener; onShutdown?: () => void; onResync?: () => Promise<void> };

/** Streams catching up at once after a reconnection (each reads the notifications table once). */
const RESYNC_CONCURRENCY = 8;

/** Whose work-queue hints a stream wants: the positions its user acts for, and the office whose office-wide queues (registrar, archivist) are theirs. */
export interface WorklistWatch {
  userId: number;
  positionIds: number[];
  officeWideOf: number | null;
  onChange: () => void;
}

/**
 * The API side of the bus: one Redis subscription per process, opened when the first stream
 * connects, fanned out to the streams of the user each message is for.
 *
 * Pub/sub keeps nothing for a subscriber that is away: what is published while its connection is
 * down (a Redis restart, a Sentinel failover — the publisher may be back on the new primary
 * seconds before this subscriber is) is lost to it. So when the subscriber comes back, once it is
 * subscribed again, every open stream is told to catch up from the notifications table (the
 * truth) and every work-queue watcher to refetch its counters.
 */
@Injectable()
export class NotificationHub implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationHub.name);
  private readonly listeners = new Map<number, Set<Stream>>();
  private readonly watches = new Set<WorklistWatch>();
  private subscriber: IORedis | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly config: AppConfig) {}

  /**
   * Registers a listener for one user; resolves once the subscription is live (rejects when Redis
   * does not answer). Returns the unsubscribe function. `onShutdown` lets the stream end itself
   * when the process stops.
   */
  async subscribe(userId: number, listener: Listener, onShutdown?: () => void, onResync?: () => Promise<void>): Promise<() => void> {
    const stream: Stream = { listener, onShutdown, onResync };
    const unsubscribe = () => {
      const set = this.listeners.get(userId);
      set?.delete(stream);
      if (set && !set.size) this.listeners.delete(userId);
    };
    await this.connect();
    const set = this.listeners.get(userId) ?? new Set<Stream>();
    set.add(stream);
    this.listeners.set(userId, set);
    return unsubscribe;
  }

  /**
   * Work-queue hints for one stream: called when a hint names one of its positions (or its office,
   * for office-wide queues), and when a notification for its user is stored (something new waits).
   * Resolves once the subscription is live; returns the unsubscribe function.
   */
  async watchWorklist(watch: WorklistWatch): Promise<() => void> {
    await this.connect();
    this.watches.add(watch);
    return () => void this.watches.delete(watch);
  }

  /** Open streams in this process (for health and tests). */
  get streamCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  private connect(): Promise<void> {
    if (this.ready) return this.ready;
    const channel = notificationBusChannel(this.config.QUEUE_PREFIX);
    const sub = createRedis(this.config, { lazyConnect: true, connectionName: `naskah-notification-bus-${process.pid}` }); // named: CLIENT LIST tells which process listens where
    sub.on('error', (err) => this.logger.warn({ err: err.message }, 'notification bus connection error'));
    sub.on('message', (_ch: string, raw: string) => this.dispatch(raw));
    let connected = false;
    sub.on('ready', () => {
      if (!connected) return void (connected = true); // the first connection: nothing was missed yet
      // a reconnection: ioredis re-subscribes by itself; our own SUBSCRIBE's answer (idempotent)
      // comes after that, so from here on nothing published is missed — then catch up the gap
      sub
        .subscribe(channel)
        .then(() => this.resync())
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'notification bus re-subscription failed; it is retried on the next reconnection'));
    });
    this.subscriber = sub;
    this.ready = sub
      .connect()
      .then(() => sub.subscribe(channel))
      .then(() => undefined)
      .catch((err) => {
        this.ready = null;
        this.subscriber = null;
        sub.disconnect();
        throw err;
      });
    return this.ready;
  }

  /**
   * After a reconnection of the subscriber: each stream catches up what it may have missed, a few
   * at a time (a process holding thousands of streams must not send thousands of queries at once to
   * a database that may itself be recovering), and every work-queue watcher refetches its counters.
   */
  private async resync(): Promise<void> {
    this.logger.log({ streams: this.streamCount, watches: this.watches.size }, 'notification bus subscribed again; open streams catch up from the list');
    for (const w of this.watches) {
      try {
        w.onChange();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'worklist listener failed');
      }
    }
    const pending = [...this.listeners.values()].flatMap((set) => [...set]).filter((s) => s.onResync);
    const next = async (): Promise<void> => {
      for (let s = pending.shift(); s; s = pending.shift()) await s.onResync!().catch((err) => this.logger.warn({ err: (err as Error).message }, 'stream catch-up failed'));
    };
    await Promise.all(Array.from({ length: RESYNC_CONCURRENCY }, next));
  }

  private dispatch(raw: string): void {
    let event: NotificationEvent | WorklistHint;
    try {
      event = JSON.parse(raw);
    } catch {
      return;
    }
    if ('worklist' in event) return this.hint(event.worklist);
    this.hint({ positionIds: [], userId: Number(event.userId) });
    for (const s of this.listeners.get(Number(event.userId)) ?? []) {
      try {
        s.listener({ ...event.notification, createdAt: new Date(event.notification.createdAt) });
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'notification listener failed');
      }
    }
  }

  private hint(h: { positionIds?: number[]; officeId?: number | null; userId?: number }): void {
    const positions = new Set((h.positionIds ?? []).map(Number));
    for (const w of this.watches) {
      const hit = w.userId === h.userId || w.positionIds.some((id) => positions.has(id)) || (h.officeId != null && w.officeWideOf === Number(h.officeId));
      if (!hit) continue;
      try {
        w.onChange();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'worklist listener failed');
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const set of this.listeners.values()) for (const s of set) s.onShutdown?.();
    this.listeners.clear();
    this.watches.clear();
    await this.subscriber?.quit().catch(() => undefined);
  }
}
