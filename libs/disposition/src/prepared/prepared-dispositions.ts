import type { EntityManager } from 'typeorm';
import { conflict, forbidden, notFound } from '@naskah/core';
import type { Principal } from '@naskah/identity';
import { JobName } from '@naskah/queue';
import { actorAs, DispositionContext } from '../disposition-context';
import { staleVersion } from '../disposition.errors';
import type { ActingCapacity } from '../disposition-guard';
import { loadDelivery } from '../dispositions.repository';
import type { DispositionInput } from '../disposition.types';
import { createNodes, validateInput } from '../use-cases/issue-disposition';
import { isItsPreparer, lockPrepared, loadPrepared } from './prepared.repository';

const TU_KINDS = ['SEKRETARIS', 'SEKRETARIS_JENDERAL'];

/**
 * Who may prepare a disposition for a leader: TU of the same office — a registrar (pencatat) or the
 * office's Sekretaris/Sekjen — who may see the letter, and who is not the leader themself.
 */
async function assertPreparer(em: EntityManager, ctx: DispositionContext, p: Principal, delivery: { officeId: number; letterId: string; positionId: number }, deliveryId: string): Promise<void> {
  const viewer = await ctx.access.viewerOf(p);
  try {
    await ctx.access.assertVisible(delivery.letterId, viewer, em);
  } catch {
    throw notFound('Surat masuk', deliveryId);
  }
  const [pos] = p.positionId ? await em.query('SELECT kind FROM positions WHERE id = ?', [p.positionId]) : [];
  const isTu = p.roles.includes('REGISTRAR') || (pos && TU_KINDS.includes(pos.kind));
  if (p.officeId !== delivery.officeId || !isTu || viewer.positionIds.includes(delivery.positionId)) {
    throw forbidden('NOT_TU', 'Hanya TU satker ini (pencatat atau sekretaris) yang dapat menyiapkan disposisi untuk pimpinan (only TU may prepare a disposition)');
  }
}

/** TU prepares a disposition for the leader who received the letter; the leader is notified. */
export async function prepareDisposition(em: EntityManager, ctx: DispositionContext, p: Principal, deliveryId: string, input: DispositionInput): Promise<string> {
  const delivery = await loadDelivery(em, deliveryId, true);
  if (!delivery) throw notFound('Surat masuk', deliveryId);
  await assertPreparer(em, ctx, p, delivery, deliveryId);
  await ctx.access.assertHeld(delivery.letterId, delivery.officeId, em); // not on a copy its office has destroyed (410)
  const { ids, deadline } = await validateInput(em, ctx, delivery.positionId, null, false, input);
  const res = await em.query(
    `INSERT INTO prepared_dispositions (delivery_id, letter_id, office_id, for_position_id, prepared_by_user_id, prepared_by_position_id, recipient_position_ids,
      instruction_codes, note, priority, deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [delivery.id, delivery.letterId, delivery.officeId, delivery.positionId, p.userId, p.positionId, JSON.stringify(ids), JSON.stringify(input.instructionCodes), input.note ?? null, input.priority ?? 'BIASA', deadline],
  );
  const id = String(res.insertId);
  await ctx.outbox.add(em, JobName.DISPOSITION_NOTIFY, { event: 'PREPARED', id }, { key: `prepared_${id}` });
  await ctx.audit.record(em, actorAs(p, p.positionId ?? delivery.positionId, 'SENDIRI'), {
    action: 'DISPOSITION_PREPARED', entityType: 'letter', entityId: delivery.letterId, officeId: delivery.officeId,
    after: { preparedId: id, deliveryId: delivery.id, forPositionId: delivery.positionId, toPositionIds: ids, instructionCodes: input.instructionCodes, deadline },
  });
  return id;
}

/** The prepared disposition locked for a decision: the leader (or Plt/Plh) may edit, confirm or discard; the preparer may edit or discard. */
async function toDecide(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, version: number | undefined, preparerMay: boolean) {
  const row = await lockPrepared(em, id);
  if (!row) throw notFound('Rancangan disposisi', id);
  const capacity = (await ctx.delegations.capacityFor(p.userId, row.forPositionId)) as ActingCapacity | null;
  const isPreparer = isItsPreparer(p, row);
  if (!capacity && !isPreparer) throw notFound('Rancangan disposisi', id);
  if (!capacity && !preparerMay) throw forbidden('NOT_THE_LEADER', 'Hanya pimpinan yang dituju (atau Plt/Plh-nya) yang dapat mengesahkan rancangan disposisi ini');
  if (row.status !== 'PENDING') throw conflict('PREPARED_DECIDED', `Rancangan disposisi sudah ${row.status === 'CONFIRMED' ? 'disahkan' : 'dibuang'} (already ${row.status})`, { status: row.status });
  if (version !== undefined && version !== row.version) throw staleVersion(row.version);
  return { row, capacity };
}

/** Edits a pending prepared disposition (optimistic version). */
export async function editPrepared(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, input: DispositionInput & { version: number }): Promise<void> {
  const { row, capacity } = await toDecide(em, ctx, p, id, input.version, true);
  const { ids, deadline } = await validateInput(em, ctx, row.forPositionId, null, false, input);
  await em.query('UPDATE prepared_dispositions SET recipient_position_ids = ?, instruction_codes = ?, note = ?, priority = ?, deadline = ?, version = version + 1 WHERE id = ?', [
    JSON.stringify(ids), JSON.stringify(input.instructionCodes), input.note ?? null, input.priority ?? 'BIASA', deadline, id,
  ]);
  const view = (await loadPrepared(em, id))!;
  await ctx.audit.record(em, actorAs(p, capacity ? row.forPositionId : p.positionId ?? row.forPositionId, capacity ?? 'SENDIRI'), {
    action: 'PREPARED_DISPOSITION_EDITED', entityType: 'letter', entityId: view.letter.id, officeId: view.officeId, after: { preparedId: id, toPositionIds: ids, instructionCodes: input.instructionCodes, deadline },
  });
}

/** The leader confirms (as prepared, or with their own changes): the dispositions are issued in the leader's name. */
export async function confirmPrepared(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, version: number, changes?: DispositionInput): Promise<string[]> {
  const { row, capacity } = await toDecide(em, ctx, p, id, version, false);
  const view = (await loadPrepared(em, id))!;
  const delivery = (await loadDelivery(em, view.deliveryId, true))!;
  const input: DispositionInput = changes ?? {
    recipientPositionIds: view.recipients.map((r) => r.id), instructionCodes: view.instructionCodes, note: view.note, priority: view.priority, deadline: view.deadline,
  };
  const { ids, events } = await createNodes(em, ctx, p, { positionId: row.forPositionId, capacity: capacity! }, delivery, null, input, id);
  await em.query("UPDATE prepared_dispositions SET status = 'CONFIRMED', decided_by_user_id = ?, decided_at = ?, version = version + 1 WHERE id = ?", [p.userId, ctx.clock.now(), id]);
  events.unshift({ action: 'PREPARED_DISPOSITION_CONFIRMED', entityType: 'letter', entityId: delivery.letterId, officeId: delivery.officeId, after: { preparedId: id, changed: Boolean(changes), dispositionIds: ids } });
  await ctx.audit.record(em, actorAs(p, row.forPositionId, capacity!), events);
  return ids;
}

/** The leader (or the preparer, withdrawing it) discards a prepared disposition. */
export async function discardPrepared(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, version: number | undefined, reason: string | null): Promise<void> {
  const { row, capacity } = await toDecide(em, ctx, p, id, version, true);
  const view = (await loadPrepared(em, id))!;
  await em.query("UPDATE prepared_dispositions SET status = 'DISCARDED', decided_by_user_id = ?, decided_at = ?, version = version + 1 WHERE id = ?", [p.userId, ctx.clock.now(), id]);
  await ctx.audit.record(em, actorAs(p, capacity ? row.forPositionId : p.positionId ?? row.forPositionId, capacity ?? 'SENDIRI'), {
    action: 'PREPARED_DISPOSITION_DISCARDED', entityType: 'letter', entityId: view.letter.id, officeId: view.officeId, after: { preparedId: id, reason },
  });
}
