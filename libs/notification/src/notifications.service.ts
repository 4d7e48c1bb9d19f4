import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, notFound } from '@naskah/core';
import { jakartaToday, Principal } from '@naskah/identity';
import { NOTIFICATION_CHANNELS, NotificationChannel } from './notification-channel';
import type { NotificationPayload, NotificationType, NotificationView, OutgoingNotification } from './notification.types';
import { usersActingFor } from './acting-users';

export interface NotificationListQuery {
  unread?: boolean;
  /** keyset: notifications older than this id */
  before?: string;
  limit?: number;
}

export interface NotificationList {
  items: NotificationView[];
  unreadCount: number;
  nextBefore: string | null;
}

const toView = (r: Record<string, unknown>): NotificationView => ({
  id: String(r.id),
  type: r.type as NotificationType,
  payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as NotificationPayload,
  createdAt: r.created_at as Date,
  readAt: (r.read_at as Date) ?? null,
});

const SEND_CONCURRENCY = 16;

/** What one opens to deal with a notification; opening it marks the notifications about it read. */
export type OpenedItem =
  | { kind: 'letter'; id: string }
  | { kind: 'delivery'; id: string; letterId: string }
  | { kind: 'disposition'; id: string }
  | { kind: 'proposal'; id: string };

/** Which notifications each kind of item answers, and by which payload reference. */
const ANSWERED_BY: Record<OpenedItem['kind'], { types: NotificationType[]; ref: string }> = {
  letter: { types: ['REVIEW_REQUESTED', 'SIGNATURE_REQUESTED', 'READY_TO_SEND', 'DRAFT_RETURNED'], ref: 'letterId' },
  delivery: { types: ['LETTER_RECEIVED'], ref: 'deliveryId' },
  disposition: { types: ['DISPOSITION_NEW', 'DISPOSITION_REMINDER', 'DISPOSITION_DUE', 'DISPOSITION_OVERDUE', 'DISPOSITION_ESCALATION', 'DISPOSITION_DONE'], ref: 'dispositionId' },
  proposal: { types: ['PROPOSAL_APPROVAL_REQUESTED'], ref: 'proposalId' },
};

/** A user's notifications (always scoped to the caller) and sending through every channel. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_CHANNELS) private readonly channels: NotificationChannel[],
  ) {}

  async list(p: Principal, q: NotificationListQuery = {}): Promise<NotificationList> {
    const limit = Math.min(q.limit ?? 20, 100);
    const where = ['user_id = ?'];
    const params: unknown[] = [p.userId];
    if (q.unread) where.push('read_at IS NULL');
    if (q.before) (where.push('id < ?'), params.push(q.before));
    const rows = await this.ds.query(`SELECT id, type, payload, created_at, read_at FROM notifications WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, [...params, limit + 1]);
    const items = rows.slice(0, limit).map(toView);
    return { items, unreadCount: await this.unreadCount(p.userId), nextBefore: rows.length > limit ? items[items.length - 1].id : null };
  }

  async unreadCount(userId: number): Promise<number> {
    const [r] = await this.ds.query('SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL', [userId]);
    return Number(r.n);
  }

  /** The id of the caller's newest notification ('0' when none): where a new stream starts counting what it might miss. */
  async latestId(userId: number): Promise<string> {
    const [r] = await this.ds.query('SELECT MAX(id) AS id FROM notifications WHERE user_id = ?', [userId]);
    return r?.id == null ? '0' : String(r.id);
  }

  /** What a reconnecting stream missed: the caller's notifications after `afterId`, oldest first. */
  async since(userId: number, afterId: string, limit = 100): Promise<NotificationView[]> {
    const rows = await this.ds.query('SELECT id, type, payload, created_at, read_at FROM notifications WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?', [userId, afterId, limit]);
    return rows.map(toView);
  }

  /** Marks one of the caller's notifications read (the first time only); someone else's is 404. */
  async markRead(p: Principal, id: string): Promise<NotificationView> {
    if (!/^\d{1,19}$/.test(id)) throw notFound('Notifikasi', id);
    await this.ds.query('UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL', [this.clock.now(), id, p.userId]);
    const [r] = await this.ds.query('SELECT id, type, payload, created_at, read_at FROM notifications WHERE id = ? AND user_id = ?', [id, p.userId]);
    if (!r) throw notFound('Notifikasi', id);
    return toView(r);
  }

  /**
   * The caller opened an item (a letter, a delivery, a disposition, a proposal) they may see: their
   * unread notifications about it are read now. A letter answers what asks for work on the letter
   * (review, signature, sending, a returned draft); a delivery answers LETTER_RECEIVED naming it, or
   * naming only its letter (a notice to many positions names no delivery). Reads only the caller's
   * unread rows (ix_notifications_unread). Returns how many were marked.
   */
  async markReadAbout(userId: number, item: OpenedItem): Promise<number> {
    if (!/^\d{1,19}$/.test(item.id)) return 0;
    const { types, ref } = ANSWERED_BY[item.kind];
    const byRef = `JSON_VALUE(payload, '$.${ref}') = ?`;
    const cond = item.kind === 'delivery' ? `(${byRef} OR (JSON_VALUE(payload, '$.deliveryId') IS NULL AND JSON_VALUE(payload, '$.letterId') = ?))` : byRef;
    const res = await this.ds.query(
      `UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND type IN (${types.map(() => '?').join(',')}) AND ${cond}`,
      [this.clock.now(), userId, ...types, item.id, ...(item.kind === 'delivery' ? [item.letterId] : [])],
    );
    return Number(res?.affectedRows ?? 0);
  }

  async markAllRead(p: Principal): Promise<{ marked: number; unreadCount: number }> {
    const res = await this.ds.query('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [this.clock.now(), p.userId]);
    return { marked: Number(res.affectedRows ?? 0), unreadCount: 0 };
  }

  /**
   * Sends through every channel; returns how many (user, channel) deliveries were new. Throws so a
   * job retries (deliveries are idempotent per user and key). Users are served 16 at a time: a
   * circular reaches thousands of users, one round trip each would take seconds. Every delivery
   * goes through one connection (`em`, else one taken for the whole call): a job holds at most one
   * (issue 16); the 16 queue on it without waiting for each other's Redis publish.
   */
  async send(list: OutgoingNotification[], em?: EntityManager): Promise<number> {
    if (!em) return list.length ? this.onOneConnection((one) => this.send(list, one)) : 0;
    let fresh = 0;
    for (let i = 0; i < list.length; i += SEND_CONCURRENCY) {
      const outcomes = await Promise.all(
        list.slice(i, i + SEND_CONCURRENCY).map(async (n) => {
          let count = 0;
          for (const c of this.channels) if (await c.deliver(n, em)) count++;
          return count;
        }),
      );
      fresh += outcomes.reduce((a, b) => a + b, 0);
    }
    return fresh;
  }

  /** One notification to everyone acting for the positions today (holders and Plt/Plh), once per user: the key is unique per user. */
  async sendToPositions(positionIds: number[], n: { type: NotificationType; payload: NotificationPayload; dedupeKey: string }, em?: EntityManager): Promise<number> {
    if (!em) return this.onOneConnection((one) => this.sendToPositions(positionIds, n, one));
    const byPosition = await usersActingFor(em, [...new Set(positionIds)], jakartaToday(this.clock.now()));
    const users = [...new Set([...byPosition.values()].flat())];
    return this.send(users.map((userId) => ({ userId, ...n })), em);
  }

  /** One pooled connection for `work` (no transaction), released after. */
  private async onOneConnection<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.ds.createQueryRunner();
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }
}
