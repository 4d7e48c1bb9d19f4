import type { EntityManager } from 'typeorm';
import { JobName, OutboxService } from '@naskah/queue';

export type TransmissionKind = 'SEND' | 'FORWARD' | 'RETURN' | 'REGISTER';

/** One place a transmission delivers to; `final*` is set when it is delivered to be forwarded. */
export interface TransmissionTarget {
  kind: 'TO' | 'CC';
  officeId: number;
  positionId: number;
  toBeForwarded: boolean;
  finalOfficeId: number | null;
  finalPositionId: number | null;
}

export interface NewTransmission {
  letterId: string;
  kind: TransmissionKind;
  fromOfficeId: number;
  fromPositionId: number | null;
  byUserId: number | null;
  byCapacity: string | null;
  sourceDeliveryId?: string | null;
  coverLetterId?: string | null;
  note?: string | null;
  targets: TransmissionTarget[];
  requestId?: string | null;
}

/**
 * Writes a transmission, its targets and its dispatch job in the caller's transaction: the job
 * exists exactly when the transmission commits, and the worker turns it into deliveries.
 */
export async function createTransmission(em: EntityManager, outbox: OutboxService, t: NewTransmission): Promise<string> {
  const res = await em.query(
    `INSERT INTO transmissions (letter_id, kind, from_office_id, from_position_id, by_user_id, by_capacity, source_delivery_id, cover_letter_id, note, target_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [t.letterId, t.kind, t.fromOfficeId, t.fromPositionId, t.byUserId, t.byCapacity, t.sourceDeliveryId ?? null, t.coverLetterId ?? null, t.note ?? null, t.targets.length],
  );
  const id = String(res.insertId);
  if (t.targets.length) {
    await em.query(
      `INSERT INTO transmission_targets (transmission_id, ordinal, kind, office_id, position_id, to_be_forwarded, final_office_id, final_position_id)
       VALUES ${t.targets.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      t.targets.flatMap((x, i) => [id, i + 1, x.kind, x.officeId, x.positionId, x.toBeForwarded ? 1 : 0, x.finalOfficeId, x.finalPositionId]),
    );
  }
  await outbox.add(em, JobName.DISPATCH_LETTER, { transmissionId: id }, { key: id, requestId: t.requestId ?? undefined });
  return id;
}
