import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Clock, conflict, forbidden, notFound } from '@naskah/core';
import { inTransaction, likeContains } from '@naskah/db';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { PositionNotifier } from '@naskah/notification';
import { OutboxService } from '@naskah/queue';
import { LetterAccessService } from '../access/letter-access.service';
import { NOTICE_BATCH } from '../dispatch/delivery-notices';
import { DISPOSITION_FACTS, emptyCounts, TRACKING_STATUS_SQL, TrackingStatus } from './tracking-status';

export interface TrackingQuery {
  status?: TrackingStatus;
  kind?: 'TO' | 'CC';
  /** Level of the addressee office. */
  level?: 'RI' | 'PROVINSI' | 'KABKOTA';
  /** The province office itself and its Kab/Kota. */
  provinceOfficeId?: number;
  /** Text in the addressee office's name or code. */
  q?: string;
  /** Keyset: deliveries after this id (`nextAfter` of the previous page). */
  after?: string;
  limit?: number;
}

export interface TrackedDelivery {
  deliveryId: string;
  kind: 'TO' | 'CC';
  status: TrackingStatus;
  /** The addressee (for a letter sent through a relay: its final addressee). */
  office: { id: number; code: string; name: string; level: string };
  position: { id: number; title: string };
  /** Set when the copy was delivered to a relay (the Sekretaris of a parent office) to be forwarded. */
  deliveredTo: { officeId: number; officeName: string; positionId: number; positionTitle: string } | null;
  deliveredAt: Date;
  readAt: Date | null;
  forwardedAt: Date | null;
  returnedAt: Date | null;
  disposedAt: Date | null;
  followedUpAt: Date | null;
}

export type TrackingCounts = Record<TrackingStatus, number> & { total: number };

export interface TrackingPage {
  letterId: string;
  /** Over every delivery of the send, whatever the filters. */
  counts: TrackingCounts;
  items: TrackedDelivery[];
  nextAfter: string | null;
}

export interface UnreadReminderResult {
  /** Positions told now (0 when nothing is unread or a reminder went out within the window). */
  reminded: number;
  /** Unread deliveries at the time of the request. */
  unread: number;
  remindedAt: Date | null;
  /** The earlier reminder that made this one a no-op, if any. */
  alreadyRemindedAt: Date | null;
  /** When "remind the unread" will notify again. */
  nextReminderAt: Date | null;
}

/** Repeated clicks within this window notify once. */
export const REMIND_WINDOW_MS = 60 * 60 * 1000;

const DELIVERY_ID = /^\d{1,19}$/;

/**
 * Delivery tracking of a sent letter (issue 12, item 4): its deliveries with their status (see
 * tracking-status.ts), filters, keyset pages, counts by status, and "remind the unread". Covers
 * the deliveries of the letter's own send (SEND transmission); a copy delivered to a relay to be
 * forwarded is shown under its final addressee, with the relay in `deliveredTo`.
 *
 * Who: only people of the sending office who may see the letter (the access rule first — anyone
 * else gets 404) and who sent it or answer for it: its drafter, its signer (own or Plt/Plh), their
 * superiors in the reporting tree, or a registrar (pencatat) of the office; others who may see it
 * (a recipient office, a colleague) get 403.
 */
@Injectable()
export class LetterTrackingService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly audit: AuditService,
    private readonly notifier: PositionNotifier,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async page(p: Principal, letterId: string, q: TrackingQuery = {}): Promise<TrackingPage> {
    await this.assertTracker(p, letterId);
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    const qb = this.base(this.ds.manager, letterId)
      .leftJoin('offices', 'ao', 'ao.id = COALESCE(d.final_office_id, d.office_id)')
      .leftJoin('positions', 'ap', 'ap.id = COALESCE(d.final_position_id, d.position_id)')
      .leftJoin('offices', 'ro', 'ro.id = d.office_id')
      .leftJoin('positions', 'rp', 'rp.id = d.position_id')
      .select([
        'd.id AS id', 'd.kind AS kind', 'd.status AS delivery_status', 'd.to_be_forwarded AS to_be_forwarded', `${TRACKING_STATUS_SQL} AS status`,
        'ao.id AS office_id', 'ao.code AS office_code', 'ao.name AS office_name', 'ao.level AS office_level', 'ap.id AS position_id', 'ap.title AS position_title',
        'ro.id AS relay_office_id', 'ro.name AS relay_office_name', 'rp.id AS relay_position_id', 'rp.title AS relay_position_title',
        'd.created_at AS delivered_at', 'd.read_at AS read_at', 'd.acted_at AS acted_at', 'x.disposed_at AS disposed_at', 'x.done_at AS done_at',
      ]);
    if (q.status) qb.andWhere(`${TRACKING_STATUS_SQL} = :status`, { status: q.status });
    if (q.kind) qb.andWhere('d.kind = :kind', { kind: q.kind });
    if (q.level) qb.andWhere('ao.level = :level', { level: q.level });
    if (q.provinceOfficeId) qb.andWhere('(ao.id = :province OR ao.parent_id = :province)', { province: q.provinceOfficeId });
    if (q.q) qb.andWhere('(ao.name LIKE :text OR ao.code LIKE :text)', { text: likeContains(q.q) });
    if (q.after) {
      if (!DELIVERY_ID.test(q.after)) return { letterId, counts: await this.counts(letterId), items: [], nextAfter: null };
      qb.andWhere('d.id > :after', { after: q.after });
    }
    const rows: Record<string, unknown>[] = await qb.orderBy('d.id', 'ASC').limit(limit + 1).getRawMany();
    const items = rows.slice(0, limit).map(toItem);
    return { letterId, counts: await this.counts(letterId), items, nextAfter: rows.length > limit ? items[items.length - 1].deliveryId : null };
  }

  async counts(letterId: string): Promise<TrackingCounts> {
    // an alias of its own: GROUP BY looks up table columns before select aliases, and `status` is a column of deliveries
    const rows = await this.base(this.ds.manager, letterId)
      .select(TRACKING_STATUS_SQL, 'tracking_status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('tracking_status')
      .getRawMany<{ tracking_status: TrackingStatus; n: string }>();
    const c = emptyCounts();
    for (const r of rows) (c[r.tracking_status] = Number(r.n)), (c.total += Number(r.n));
    return c;
  }

  /**
   * Tells the positions whose copy is still unread (UNREAD above) that a letter waits for them:
   * one NOTIFY_POSITIONS job per 1000 positions, born in the outbox with this reminder's key. A
   * second request within REMIND_WINDOW_MS of the last reminder that notified anyone notifies
   * nobody and says when the last one went out. Audited (LETTER_UNREAD_REMINDED).
   */
  async remindUnread(p: Principal, letterId: string): Promise<UnreadReminderResult> {
    const { officeId, actingPositionId } = await this.assertTracker(p, letterId);
    const result = await inTransaction(this.ds, async (em) => {
      // serialises concurrent clicks on one letter: the second waits, then sees the first's reminder
      await em.query('SELECT id FROM letters WHERE id = ? FOR UPDATE', [letterId]);
      const now = this.clock.now();
      const positions: number[] = (
        await this.base(em, letterId).select('DISTINCT d.position_id', 'position_id').andWhere(`${TRACKING_STATUS_SQL} = 'UNREAD'`).getRawMany<{ position_id: number }>()
      ).map((r) => Number(r.position_id));
      const [last] = await em.query('SELECT created_at FROM letter_unread_reminders WHERE letter_id = ? ORDER BY id DESC LIMIT 1', [letterId]);
      const lastAt: Date | null = last ? new Date(last.created_at) : null;
      if (lastAt && now.getTime() - lastAt.getTime() < REMIND_WINDOW_MS) {
        return { reminded: 0, unread: positions.length, remindedAt: null, alreadyRemindedAt: lastAt, nextReminderAt: new Date(lastAt.getTime() + REMIND_WINDOW_MS) };
      }
      if (!positions.length) return { reminded: 0, unread: 0, remindedAt: null, alreadyRemindedAt: lastAt, nextReminderAt: null };
      const res = await em.query('INSERT INTO letter_unread_reminders (letter_id, by_user_id, by_position_id, position_count, created_at) VALUES (?, ?, ?, ?, ?)', [
        letterId, p.userId, actingPositionId, positions.length, now,
      ]);
      const reminderId = String(res.insertId);
      for (let i = 0; i * NOTICE_BATCH < positions.length; i++) {
        await this.notifier.notifyLater(em, {
          positionIds: positions.slice(i * NOTICE_BATCH, (i + 1) * NOTICE_BATCH), type: 'LETTER_UNREAD_REMINDER',
          key: `letter-${letterId}-unread-${reminderId}-${i + 1}`, ref: { letterId },
        });
      }
      await this.audit.record(em, { userId: p.userId, positionId: actingPositionId, capacity: 'SENDIRI', requestId: p.requestId ?? null }, {
        action: 'LETTER_UNREAD_REMINDED', entityType: 'letter', entityId: letterId, officeId, after: { reminderId, positions: positions.length },
      });
      return { reminded: positions.length, unread: positions.length, remindedAt: now, alreadyRemindedAt: null, nextReminderAt: new Date(now.getTime() + REMIND_WINDOW_MS) };
    });
    if (result.reminded) this.outbox.relaySoon();
    return result;
  }

  /** The deliveries of the letter's send, with their dispositions' facts as `x`. */
  private base(em: EntityManager, letterId: string): SelectQueryBuilder<object> {
    return em
      .createQueryBuilder()
      .from('deliveries', 'd')
      .innerJoin('transmissions', 't', "t.id = d.transmission_id AND t.kind = 'SEND'")
      .leftJoin(`(${DISPOSITION_FACTS})`, 'x', 'x.delivery_id = d.id')
      .where('d.letter_id = :letterId')
      .setParameter('letterId', letterId);
  }

  /** 404 unless the caller may see the letter; 403 unless they sent it or answer for it (see the class comment). */
  private async assertTracker(p: Principal, letterId: string): Promise<{ officeId: number; actingPositionId: number | null }> {
    const viewer = await this.access.viewerOf(p);
    await this.access.assertVisible(letterId, viewer);
    const [l] = await this.ds.query(
      `SELECT l.office_id, l.status, l.origin, dp.path AS drafter_path, sp.path AS signer_path, l.drafter_position_id, l.signer_position_id
       FROM letters l JOIN positions dp ON dp.id = l.drafter_position_id LEFT JOIN positions sp ON sp.id = l.signer_position_id WHERE l.id = ?`,
      [letterId],
    );
    if (!l) throw notFound('Naskah', letterId, 'LETTER');
    const officeId = Number(l.office_id);
    const own = viewer.positionIds;
    const parties = [Number(l.drafter_position_id), ...(l.signer_position_id === null ? [] : [Number(l.signer_position_id)])];
    const paths = [String(l.drafter_path), ...(l.signer_path ? [String(l.signer_path)] : [])];
    const acting = own.find((id) => parties.includes(id));
    const superior = viewer.positionPaths.some((vp) => paths.some((path) => path.startsWith(vp)));
    const registrar = p.roles.includes('REGISTRAR') && p.officeId === officeId;
    if (acting === undefined && !superior && !registrar) {
      throw forbidden('NOT_TRACKING_PARTY', 'Pelacakan pengiriman hanya untuk konseptor, penandatangan, atasannya, atau pencatat surat satker pengirim (tracking is for the sending office)');
    }
    if (l.origin !== 'INTERNAL' || l.status !== 'SENT') {
      throw conflict('LETTER_NOT_SENT', `Naskah berstatus ${l.status}; pelacakan tersedia setelah naskah dikirim (letter not sent)`, { status: l.status });
    }
    return { officeId, actingPositionId: acting ?? p.positionId };
  }
}

function toItem(r: Record<string, unknown>): TrackedDelivery {
  const status = r.status as TrackingStatus;
  const viaRelay = Number(r.to_be_forwarded) === 1;
  const date = (v: unknown) => (v === null || v === undefined ? null : (v as Date));
  return {
    deliveryId: String(r.id),
    kind: r.kind as 'TO' | 'CC',
    status,
    office: { id: Number(r.office_id), code: String(r.office_code), name: String(r.office_name), level: String(r.office_level) },
    position: { id: Number(r.position_id), title: String(r.position_title) },
    deliveredTo: viaRelay
      ? { officeId: Number(r.relay_office_id), officeName: String(r.relay_office_name), positionId: Number(r.relay_position_id), positionTitle: String(r.relay_position_title) }
      : null,
    deliveredAt: r.delivered_at as Date,
    readAt: date(r.read_at),
    forwardedAt: r.delivery_status === 'FORWARDED' ? date(r.acted_at) : null,
    returnedAt: r.delivery_status === 'RETURNED' ? date(r.acted_at) : null,
    disposedAt: date(r.disposed_at),
    followedUpAt: status === 'ACTED' ? date(r.done_at) : null,
  };
}
