import type { EntityManager } from 'typeorm';
import { conflict, DomainError } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { createTransmission } from '../../dispatch/transmissions';
import { deliveryToActOn } from '../delivery-guard';
import type { ForwardDeps } from './forward-delivery';

export interface ReturnResult {
  deliveryId: string;
  status: 'RETURNED';
  transmissionId: string;
  returnedTo: { officeId: number; positionId: number };
}

/**
 * The office that was to forward a letter returns it instead, with a reason: the delivery becomes
 * RETURNED and a RETURN transmission takes the letter back to the position that sent it to this
 * office (the original sender, or the previous forwarder), through the same dispatch job.
 */
export async function returnDelivery(em: EntityManager, deps: ForwardDeps, p: Principal, id: string, reason: string): Promise<ReturnResult> {
  const why = reason?.trim();
  if (!why) throw new DomainError('VALIDATION_FAILED', 'VALIDATION', 'reason: alasan pengembalian wajib diisi', { fields: [{ field: 'reason', reason: 'required' }] });
  const { d, capacity } = await deliveryToActOn(em, deps, p, id);
  if (!d.toBeForwarded) throw conflict('NOT_TO_BE_FORWARDED', 'Hanya surat yang harus diteruskan yang dapat dikembalikan ke pengirim (only letters to be forwarded can be returned)');
  if (d.status === 'FORWARDED' || d.status === 'RETURNED') throw conflict('DELIVERY_ALREADY_ACTED', `Surat ini sudah ${d.status === 'FORWARDED' ? 'diteruskan' : 'dikembalikan'}`, { status: d.status });

  const [tx] = await em.query('SELECT from_office_id, from_position_id FROM transmissions WHERE id = ?', [d.transmissionId]);
  const senderOffice = Number(tx.from_office_id);
  const senderPosition = tx.from_position_id === null ? (await deps.org.headPosition(senderOffice)).id : Number(tx.from_position_id);
  const transmissionId = await createTransmission(em, deps.outbox, {
    letterId: d.letterId, kind: 'RETURN', fromOfficeId: d.officeId, fromPositionId: d.positionId, byUserId: p.userId, byCapacity: capacity,
    sourceDeliveryId: d.id, note: why, requestId: p.requestId ?? null,
    targets: [{ kind: 'TO', officeId: senderOffice, positionId: senderPosition, toBeForwarded: false, finalOfficeId: null, finalPositionId: null }],
  });
  await em.query(
    `UPDATE deliveries SET status = 'RETURNED', acted_at = CURRENT_TIMESTAMP(3), act_note = ?,
       read_at = COALESCE(read_at, CURRENT_TIMESTAMP(3)), read_by_user_id = COALESCE(read_by_user_id, ?) WHERE id = ?`,
    [why, p.userId, d.id],
  );
  await deps.access.grant(em, d.letterId, [{ positionId: d.positionId, reason: 'FORWARDER' }, { positionId: senderPosition, reason: 'RECIPIENT' }]);
  await deps.audit.record(em, { userId: p.userId, positionId: d.positionId, capacity, requestId: p.requestId ?? null }, {
    action: 'LETTER_RETURNED_TO_SENDER', entityType: 'letter', entityId: d.letterId, officeId: d.officeId,
    before: { deliveryId: d.id, status: d.status }, after: { deliveryId: d.id, status: 'RETURNED', transmissionId, reason: why, to: { officeId: senderOffice, positionId: senderPosition } },
  });
  return { deliveryId: d.id, status: 'RETURNED', transmissionId, returnedTo: { officeId: senderOffice, positionId: senderPosition } };
}
