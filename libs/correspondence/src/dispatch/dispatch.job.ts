import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, jakartaParts } from '@naskah/core';
import { inTransaction } from '@naskah/db';
import { JobHandler, JobName, OutboxService } from '@naskah/queue';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { letterLabel, PositionNotifier } from '@naskah/notification';
import { reserveAgendaNumbers } from './agenda-numbers';
import { deliveryNotices } from './delivery-notices';
import { DispatchLetterPayload } from './dispatch-letter.payload';
import type { TransmissionKind } from './transmissions';

interface TargetRow {
  ordinal: number;
  kind: 'TO' | 'CC';
  office_id: number;
  position_id: number;
  to_be_forwarded: number;
  final_office_id: number | null;
  final_position_id: number | null;
}

const COLUMNS = [
  'transmission_id', 'ordinal', 'letter_id', 'kind', 'office_id', 'position_id', 'to_be_forwarded', 'final_office_id', 'final_position_id',
  'agenda_year', 'agenda_number', 'sender_office_id', 'sender_name', 'subject', 'number', 'type_code', 'urgency', 'security_class',
];

/**
 * Turns one transmission (a send, forward, return or registration) into deliveries, in one
 * transaction and a fixed number of round trips however many targets it has: agenda numbers for
 * every receiving office are reserved in one upsert + one read, and every delivery goes in one
 * multi-row insert. A replay finds the deliveries already there and does nothing.
 * The receiving positions are told in the same transaction (LETTER_RECEIVED, born in the outbox):
 * one NOTIFY_POSITIONS job per group of up to 1000 positions, keyed by the transmission, so a
 * circular costs one more insert and a replay notifies nobody twice.
 */
@Injectable()
export class DispatchJob {
  private readonly logger = new Logger('DispatchJob');

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifier: PositionNotifier,
    private readonly outbox: OutboxService,
  ) {}

  @JobHandler(JobName.DISPATCH_LETTER, DispatchLetterPayload)
  async handle(payload: DispatchLetterPayload, job?: { data?: { _requestId?: string } }): Promise<{ created: number }> {
    const created = await inTransaction(this.ds, (em) => this.dispatch(em, payload.transmissionId, job?.data?._requestId ?? null));
    if (created) {
      this.logger.debug({ transmissionId: payload.transmissionId, created }, 'letter dispatched');
      this.outbox.relaySoon(); // the notifications, without waiting for the poller
    }
    return { created };
  }

  /** Returns how many deliveries were created (0 on a replay). */
  async dispatch(em: EntityManager, transmissionId: string, requestId: string | null = null): Promise<number> {
    // Lock the transmission: a concurrent replay waits here, then sees the deliveries and stops.
    const [tx] = await em.query('SELECT id, letter_id, kind, from_office_id, target_count, dispatched_at FROM transmissions WHERE id = ? FOR UPDATE', [transmissionId]);
    if (!tx) throw new UnrecoverableError(`transmission ${transmissionId} does not exist`);
    const [done] = await em.query('SELECT COUNT(*) AS n FROM deliveries WHERE transmission_id = ?', [transmissionId]);
    if (tx.dispatched_at || Number(done.n) > 0) return 0;

    const [[letter], targets] = await Promise.all([
      em.query(
        `SELECT l.id, l.origin, l.office_id, lo.name AS office_name, l.external_sender, l.external_number, l.subject, l.number, l.type_code, l.urgency, l.security_class,
                fo.name AS from_office_name
         FROM letters l JOIN offices lo ON lo.id = l.office_id JOIN offices fo ON fo.id = ?
         WHERE l.id = ?`,
        [tx.from_office_id, tx.letter_id],
      ),
      em.query(
        'SELECT ordinal, kind, office_id, position_id, to_be_forwarded, final_office_id, final_position_id FROM transmission_targets WHERE transmission_id = ? ORDER BY ordinal',
        [transmissionId],
      ) as Promise<TargetRow[]>,
    ]);
    if (!letter) throw new UnrecoverableError(`letter of transmission ${transmissionId} does not exist`);
    if (targets.length !== Number(tx.target_count)) throw new Error(`transmission ${transmissionId}: ${targets.length} targets, expected ${tx.target_count}`);
    if (!targets.length) {
      await em.query('UPDATE transmissions SET dispatched_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [transmissionId]);
      return 0;
    }

    const year = jakartaParts(this.clock.now()).year;
    const agenda = await reserveAgendaNumbers(em, targets.map((t) => ({ ordinal: Number(t.ordinal), officeId: Number(t.office_id) })), year);
    const sender = senderOf(tx.kind, Number(tx.from_office_id), letter);
    const number = letter.origin === 'EXTERNAL' ? letter.external_number : letter.number;
    const rows = targets.map((t) => [
      transmissionId, t.ordinal, letter.id, t.kind, t.office_id, t.position_id, t.to_be_forwarded, t.final_office_id, t.final_position_id,
      year, agenda.get(Number(t.ordinal)), sender.officeId, sender.name, letter.subject, number, letter.type_code, letter.urgency, letter.security_class,
    ]);
    const placeholders = `(${COLUMNS.map(() => '?').join(', ')})`;
    const res = await em.query(`INSERT IGNORE INTO deliveries (${COLUMNS.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')}`, rows.flat());
    // INSERT IGNORE also swallows an agenda-number clash; never let a delivery vanish silently.
    if (Number(res.affectedRows) !== rows.length) throw new Error(`transmission ${transmissionId}: inserted ${res.affectedRows} of ${rows.length} deliveries`);
    await em.query('UPDATE transmissions SET dispatched_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [transmissionId]);
    await this.audit.record(em, { ...SYSTEM_ACTOR, requestId }, {
      action: 'LETTER_DELIVERED', entityType: 'letter', entityId: String(letter.id), officeId: Number(tx.from_office_id),
      after: { transmissionId, kind: tx.kind, deliveries: rows.length, offices: new Set(targets.map((t) => t.office_id)).size, agendaYear: year },
    });
    const label = letterLabel({ id: String(letter.id), number, subject: letter.subject, securityClass: letter.security_class });
    await this.announce(em, transmissionId, tx.kind, String(letter.id), String(letter.from_office_name), targets, label);
    return rows.length;
  }

  /**
   * LETTER_RECEIVED to whoever acts for the receiving positions, written in the delivery transaction;
   * the title names the letter (`label`), and a letter to be forwarded says so (`toBeForwarded`: the
   * FORWARD_REQUIRED notice of issue 12 is this one).
   */
  private async announce(em: EntityManager, transmissionId: string, kind: TransmissionKind, letterId: string, from: string, targets: TargetRow[], label: string): Promise<void> {
    const notices = deliveryNotices(transmissionId, kind, from, targets.map((t) => ({
      ordinal: Number(t.ordinal), kind: t.kind, positionId: Number(t.position_id), toBeForwarded: Boolean(Number(t.to_be_forwarded)),
    })));
    const ordinals = notices.flatMap((n) => (n.ordinal === null ? [] : [n.ordinal]));
    const deliveryAt = new Map<number, string>();
    if (ordinals.length) {
      const rows = await em.query(`SELECT ordinal, id FROM deliveries WHERE transmission_id = ? AND ordinal IN (${ordinals.map(() => '?').join(', ')})`, [transmissionId, ...ordinals]);
      for (const r of rows) deliveryAt.set(Number(r.ordinal), String(r.id));
    }
    for (const n of notices) {
      const deliveryId = n.ordinal === null ? undefined : deliveryAt.get(n.ordinal);
      await this.notifier.notifyLater(em, {
        positionIds: n.positionIds, type: 'LETTER_RECEIVED', key: n.key,
        ref: { title: `${n.title}: ${label}`, letterId, transmissionId, ...(deliveryId ? { deliveryId } : {}), ...(n.group === 'fwd' ? { toBeForwarded: true } : {}) },
      });
    }
  }
}

/** Who the inbox shows as the sender: the letter's office (or external sender); a return shows who returned it. */
function senderOf(kind: string, fromOfficeId: number, l: Record<string, unknown>): { officeId: number; name: string } {
  if (kind === 'RETURN') return { officeId: fromOfficeId, name: String(l.from_office_name) };
  if (l.origin === 'EXTERNAL') return { officeId: Number(l.office_id), name: String(l.external_sender ?? 'Pengirim luar') };
  return { officeId: Number(l.office_id), name: String(l.office_name) };
}
