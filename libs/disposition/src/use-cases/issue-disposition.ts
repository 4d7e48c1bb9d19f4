import type { EntityManager } from 'typeorm';
import { DomainError, notFound } from '@naskah/core';
import type { AuditEventInput } from '@naskah/audit';
import type { Principal } from '@naskah/identity';
import { JobName } from '@naskah/queue';
import { actorAs, DispositionContext } from '../disposition-context';
import { fieldError, notTheRecipient, ruleError } from '../disposition.errors';
import { ActingCapacity, asRecipient } from '../disposition-guard';
import { DeliveryRef, DispositionRow, loadDelivery, loadPositions } from '../dispositions.repository';
import { dueAtOf } from '../calendar/reminder-schedule';
import type { IsoDate } from '../calendar/working-days';
import { childDeadline, recipientViolation, transition } from '../rules/disposition-rules';
import { impliedSteps } from './progress-disposition';
import type { DispositionInput } from '../disposition.types';

export interface Author {
  positionId: number;
  capacity: ActingCapacity;
}

/**
 * Checks an input against every rule before anything is written: active instructions, distinct
 * recipients strictly below the author in the same office, a deadline not past and within the
 * parent's. Returns the recipients and the resolved deadline (a child without one inherits its parent's).
 */
export async function validateInput(
  em: EntityManager,
  ctx: DispositionContext,
  authorPositionId: number,
  parentDeadline: IsoDate | null,
  isChild: boolean,
  input: DispositionInput,
): Promise<{ ids: number[]; deadline: IsoDate | null }> {
  await ctx.instructions.requireActive(em, input.instructionCodes);
  const ids = input.recipientPositionIds;
  if (!ids.length) throw fieldError('recipientPositionIds', 'minimal satu penerima');
  if (new Set(ids).size !== ids.length) throw fieldError('recipientPositionIds', 'penerima tidak boleh ganda');
  const positions = await loadPositions(em, [authorPositionId, ...ids]);
  const authorPos = positions.get(authorPositionId)!;
  ids.forEach((id, i) => {
    const pos = positions.get(id);
    if (!pos || !pos.isActive) throw fieldError(`recipientPositionIds.${i}`, `jabatan ${id} tidak ada`, 'UNKNOWN_POSITION', 'UNPROCESSABLE');
    const v = recipientViolation(authorPos, pos, i);
    if (v) throw ruleError(v);
  });
  const requested = await ctx.calendar.resolve(input);
  if (!isChild) return { ids, deadline: requested };
  const resolved = childDeadline(requested, parentDeadline);
  if ('code' in resolved) throw ruleError(resolved);
  return { ids, deadline: resolved.deadline };
}

/**
 * Writes one node per recipient under `parent` (or as roots of a delivery), after checking every
 * rule; grants the recipients access to the letter and writes their notification and reminder
 * jobs into the outbox. Returns the new ids and the audit events (the caller records them once).
 */
export async function createNodes(
  em: EntityManager,
  ctx: DispositionContext,
  p: Principal,
  author: Author,
  delivery: DeliveryRef,
  parent: DispositionRow | null,
  input: DispositionInput,
  preparedId: string | null = null,
): Promise<{ ids: string[]; deadline: IsoDate | null; events: AuditEventInput[] }> {
  const { ids, deadline } = await validateInput(em, ctx, author.positionId, parent?.deadline ?? null, Boolean(parent), input);
  // a double click (or the same instruction given twice) must not dispose the letter twice to the
  // same position from the same place in the tree while the first is still open. The caller holds
  // the lock on the delivery (roots) or on the parent (children), so two racing requests meet here.
  const open = await em.query(
    `SELECT id, recipient_position_id FROM dispositions WHERE delivery_id = ? AND ${parent ? 'parent_id = ?' : 'parent_id IS NULL'}
       AND status NOT IN ('DONE', 'CANCELLED') AND recipient_position_id IN (${ids.map(() => '?').join(',')}) ORDER BY id`,
    [delivery.id, ...(parent ? [parent.id] : []), ...ids],
  );
  if (open.length) {
    const i = ids.indexOf(Number(open[0].recipient_position_id));
    throw new DomainError('DISPOSITION_ALREADY_OPEN', 'CONFLICT', `Jabatan ini sudah menerima disposisi yang masih berjalan atas naskah ini (disposisi ${open[0].id}); tidak dibuat lagi (duplicate disposition)`, {
      fields: [{ field: `recipientPositionIds.${i}`, reason: `sudah ada disposisi terbuka ${open[0].id}` }], existingDispositionId: String(open[0].id),
    });
  }
  const now = ctx.clock.now();
  const created: string[] = [];
  const events: AuditEventInput[] = [];
  for (const recipient of ids) {
    const res = await em.query(
      `INSERT INTO dispositions (parent_id, depth, delivery_id, letter_id, office_id, author_position_id, author_user_id, author_capacity, recipient_position_id,
        instruction_codes, note, priority, deadline, due_at, prepared_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        parent?.id ?? null, parent ? parent.depth + 1 : 0, delivery.id, delivery.letterId, delivery.officeId, author.positionId, p.userId, author.capacity, recipient,
        JSON.stringify(input.instructionCodes), input.note ?? null, input.priority ?? 'BIASA', deadline, deadline ? dueAtOf(deadline) : null, preparedId, now,
      ],
    );
    const id = String(res.insertId);
    await em.query('UPDATE dispositions SET path = ? WHERE id = ?', [`${parent?.path ?? '/'}${id}/`, id]);
    await ctx.outbox.add(em, JobName.DISPOSITION_NOTIFY, { event: 'ISSUED', id }, { key: `issued_${id}` });
    await ctx.reminders.schedule(em, { id, deadline, deadlineVersion: 1 });
    created.push(id);
    events.push({
      action: 'DISPOSITION_ISSUED', entityType: 'letter', entityId: delivery.letterId, officeId: delivery.officeId,
      after: { dispositionId: id, parentId: parent?.id ?? null, deliveryId: delivery.id, fromPositionId: author.positionId, toPositionId: recipient,
        instructionCodes: input.instructionCodes, priority: input.priority ?? 'BIASA', deadline, preparedId },
    });
  }
  await ctx.access.grant(em, delivery.letterId, ids.map((positionId) => ({ positionId, reason: 'DISPOSEE' as const })));
  return { ids: created, deadline, events };
}

/** The delivery locked for its recipient (holder or Plt/Plh) to dispose; 403 to others who may see the letter, 404 to the rest. */
export async function deliveryToDispose(em: EntityManager, ctx: DispositionContext, p: Principal, deliveryId: string): Promise<{ delivery: DeliveryRef; capacity: ActingCapacity }> {
  const delivery = await loadDelivery(em, deliveryId, true);
  if (!delivery) throw notFound('Surat masuk', deliveryId);
  const capacity = (await ctx.delegations.capacityFor(p.userId, delivery.positionId)) as ActingCapacity | null;
  if (capacity) {
    await ctx.access.assertHeld(delivery.letterId, delivery.officeId, em); // not on a copy its office has destroyed (410)
    return { delivery, capacity };
  }
  try {
    await ctx.access.assertVisible(delivery.letterId, await ctx.access.viewerOf(p), em);
  } catch {
    throw notFound('Surat masuk', deliveryId);
  }
  throw notTheRecipient();
}

/** Disposisi on a received letter, by the holder of the receiving position or a Plt/Plh. */
export async function issueFromDelivery(em: EntityManager, ctx: DispositionContext, p: Principal, deliveryId: string, input: DispositionInput): Promise<string[]> {
  const { delivery, capacity } = await deliveryToDispose(em, ctx, p, deliveryId);
  const { ids, events } = await createNodes(em, ctx, p, { positionId: delivery.positionId, capacity }, delivery, null, input);
  await ctx.audit.record(em, actorAs(p, delivery.positionId, capacity), events);
  return ids;
}

/** A recipient disposes further down: children under their own node, which is now in progress. */
export async function redispose(em: EntityManager, ctx: DispositionContext, p: Principal, parentId: string, input: DispositionInput): Promise<string[]> {
  const { row: parent, capacity } = await asRecipient(em, ctx, p, parentId);
  const next = transition(parent.status, 'START');
  if (next && typeof next === 'object') throw ruleError(next);
  const delivery = (await loadDelivery(em, parent.deliveryId))!;
  const { ids, events } = await createNodes(em, ctx, p, { positionId: parent.recipientPositionId, capacity }, delivery, parent, input);
  if (next === 'IN_PROGRESS') {
    const now = ctx.clock.now();
    await em.query(
      "UPDATE dispositions SET status = 'IN_PROGRESS', read_at = COALESCE(read_at, ?), read_by_user_id = COALESCE(read_by_user_id, ?), started_at = ?, version = version + 1 WHERE id = ?",
      [now, p.userId, now, parent.id],
    );
    events.unshift(
      ...impliedSteps(parent, 'REDISPOSED'),
      { action: 'DISPOSITION_STARTED', entityType: 'letter', entityId: parent.letterId, officeId: parent.officeId, before: { status: parent.status }, after: { dispositionId: parent.id, status: 'IN_PROGRESS' } },
    );
  }
  await ctx.audit.record(em, actorAs(p, parent.recipientPositionId, capacity), events);
  return ids;
}
