import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig } from '@naskah/core';
import { redisOptions } from '@naskah/queue';
import { notificationBusChannel } from './notification-bus';
import type { NotificationEvent, NotificationView } from './notification.types';

type Listener = (n: NotificationView) => void;
type Stream = { listener: Listener; onShutdown?: () => void };

/**
 * The API side of the bus: one Redis subscription per process, opened when the first stream
 * connects, fanned out to the streams of the user each message is for.
 */
@Injectable()
export class NotificationHub implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationHub.name);
  private readonly listeners = new Map<number, Set<Stream>>();
  private subscriber: IORedis | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly config: AppConfig) {}

  /**
   * Registers a listener for one user; resolves once the subscription is live (rejects when Redis
   * does not answer). Returns the unsubscribe function. `onShutdown` lets the stream end itself
   * when the process stops.
   */
  async subscribe(userId: number, listener: Listener, onShutdown?: () => void): Promise<() => void> {
    const stream: Stream = { listener, onShutdown };
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

  /** Open streams in this process (for health and tests). */
  get streamCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  private connect(): Promise<void> {
    if (this.ready) return this.ready;
    const channel = notificationBusChannel(this.config.QUEUE_PREFIX);
    const sub = new IORedis({ ...(redisOptions(this.config.REDIS_URL) as object), lazyConnect: true });
    sub.on('error', (err) => this.logger.warn({ err: err.message }, 'notification bus connection error'));
    sub.on('message', (_ch: string, raw: string) => this.dispatch(raw));
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

  private dispatch(raw: string): void {
    let event: NotificationEvent;
    try {
      event = JSON.parse(raw);
    } catch {
      return;
    }
    for (const s of this.listeners.get(Number(event.userId)) ?? []) {
      try {
        s.listener({ ...event.notification, createdAt: new Date(event.notification.createdAt) });
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'notification listener failed');
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const set of this.listeners.values()) for (const s of set) s.onShutdown?.();
    this.listeners.clear();
    await this.subscriber?.quit().catch(() => undefined);
  }
}
