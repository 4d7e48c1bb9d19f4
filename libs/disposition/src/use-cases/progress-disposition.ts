import type { EntityManager } from 'typeorm';
import type { AuditEventInput } from '@naskah/audit';
import { JobName } from '@naskah/queue';
import type { Principal } from '@naskah/identity';
import { actorAs, DispositionContext } from '../disposition-context';
import { ruleError } from '../disposition.errors';
import { asAuthor, asRecipient } from '../disposition-guard';
import { loadChildren } from '../dispositions.repository';
import { completionViolation, transition } from '../rules/disposition-rules';
import { addFollowUpRow, FollowUpInput } from './follow-up';

/** Read receipt of a disposition (the first time only). */
export async function readDisposition(em: EntityManager, ctx: DispositionContext, p: Principal, id: string): Promise<void> {
  const { row, capacity } = await asRecipient(em, ctx, p, id);
  const next = transition(row.status, 'READ');
  if (next === null) return;
  if (typeof next === 'object') throw ruleError(next);
  await em.query("UPDATE dispositions SET status = 'READ', read_at = ?, read_by_user_id = ?, version = version + 1 WHERE id = ?", [ctx.clock.now(), p.userId, id]);
  await ctx.audit.record(em, actorAs(p, row.recipientPositionId, capacity), {
    action: 'DISPOSITION_READ', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: row.status }, after: { dispositionId: id, status: 'READ' },
  });
}

/** The recipient starts working on it (reading it on the way if unread). */
export async function startDisposition(em: EntityManager, ctx: DispositionContext, p: Principal, id: string): Promise<void> {
  const { row, capacity } = await asRecipient(em, ctx, p, id);
  const next = transition(row.status, 'START');
  if (next === null) return;
  if (typeof next === 'object') throw ruleError(next);
  const now = ctx.clock.now();
  await em.query(
    "UPDATE dispositions SET status = 'IN_PROGRESS', read_at = COALESCE(read_at, ?), read_by_user_id = COALESCE(read_by_user_id, ?), started_at = ?, version = version + 1 WHERE id = ?",
    [now, p.userId, now, id],
  );
  await ctx.audit.record(em, actorAs(p, row.recipientPositionId, capacity), [
    ...impliedSteps(row, 'STARTED'),
    { action: 'DISPOSITION_STARTED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: row.status }, after: { dispositionId: id, status: 'IN_PROGRESS' } },
  ]);
}

/**
 * Anything the recipient does on an unread disposition (uploading a file, drafting the reply)
 * shows they have read it: it is marked READ at that moment, with an implied DISPOSITION_READ event.
 */
export async function readIfUnread(
  em: EntityManager,
  ctx: DispositionContext,
  p: Principal,
  row: { id: string; status: string; letterId: string; officeId: number },
  by: 'FILE_ADDED' | 'REPLY_DRAFTED',
): Promise<AuditEventInput[]> {
  if (row.status !== 'UNREAD') return [];
  await em.query("UPDATE dispositions SET status = 'READ', read_at = ?, read_by_user_id = ?, version = version + 1 WHERE id = ? AND status = 'UNREAD'", [ctx.clock.now(), p.userId, row.id]);
  return [{ action: 'DISPOSITION_READ', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: 'UNREAD' }, after: { dispositionId: row.id, status: 'READ', implied: by } }];
}

/**
 * A recipient may start or finish a disposition without opening it first (from the list, or by
 * disposing further down). What happened is then recorded as it happened: it was read (and
 * started) at that moment, by that person, with the events a separate click would have written,
 * marked `implied` — so the history never misstates when it was read (issue 11, item 5).
 */
export function impliedSteps(row: { id: string; status: string; letterId: string; officeId: number }, by: 'STARTED' | 'COMPLETED' | 'REDISPOSED' | 'FOLLOW_UP'): AuditEventInput[] {
  const out: AuditEventInput[] = [];
  if (row.status === 'UNREAD') {
    out.push({ action: 'DISPOSITION_READ', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: 'UNREAD' }, after: { dispositionId: row.id, status: 'READ', implied: by } });
  }
  if (by === 'COMPLETED' && (row.status === 'UNREAD' || row.status === 'READ')) {
    out.push({
      action: 'DISPOSITION_STARTED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: 'READ' }, after: { dispositionId: row.id, status: 'IN_PROGRESS', implied: by },
    });
  }
  return out;
}

/**
 * DONE: needs a follow-up report (given now, or added before) and every child DONE or CANCELLED.
 * Its reminder jobs are dropped; the author is told. Returns job ids to remove from the queue after commit.
 */
export async function completeDisposition(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, report?: FollowUpInput): Promise<string[]> {
  const { row, capacity } = await asRecipient(em, ctx, p, id);
  const next = transition(row.status, 'COMPLETE');
  if (next && typeof next === 'object') throw ruleError(next);
  const children = await loadChildren(em, id, true);
  const events: AuditEventInput[] = impliedSteps(row, 'COMPLETED');
  if (report) events.push(await addFollowUpRow(em, ctx, p, row, capacity, report));
  const [{ n }] = await em.query('SELECT COUNT(*) AS n FROM disposition_follow_ups WHERE disposition_id = ?', [id]);
  const violation = completionViolation(Number(n) > 0, children);
  if (violation) throw ruleError(violation);
  const now = ctx.clock.now();
  await em.query(
    `UPDATE dispositions SET status = 'DONE', read_at = COALESCE(read_at, ?), read_by_user_id = COALESCE(read_by_user_id, ?), started_at = COALESCE(started_at, ?),
       completed_at = ?, completed_by_user_id = ?, version = version + 1 WHERE id = ?`,
    [now, p.userId, now, now, p.userId, id],
  );
  await ctx.outbox.add(em, JobName.DISPOSITION_NOTIFY, { event: 'COMPLETED', id }, { key: `completed_${id}` });
  const stale = await ctx.reminders.unschedule(em, id, row.deadlineVersion);
  events.push({ action: 'DISPOSITION_COMPLETED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: row.status }, after: { dispositionId: id, status: 'DONE' } });
  await ctx.audit.record(em, actorAs(p, row.recipientPositionId, capacity), events);
  return stale;
}

/** The author withdraws a disposition nobody has read yet. Returns job ids to remove from the queue after commit. */
export async function cancelDisposition(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, reason: string | null): Promise<string[]> {
  const { row, capacity } = await asAuthor(em, ctx, p, id);
  const next = transition(row.status, 'CANCEL');
  if (next === null) return [];
  if (typeof next === 'object') throw ruleError(next);
  await em.query("UPDATE dispositions SET status = 'CANCELLED', cancelled_at = ?, version = version + 1 WHERE id = ?", [ctx.clock.now(), id]);
  // the recipient was let see the letter for this disposition only: withdraw that grant unless
  // another disposition on the letter still addresses the same position (issue 10, item 10)
  const [other] = await em.query("SELECT 1 AS x FROM dispositions WHERE letter_id = ? AND recipient_position_id = ? AND status <> 'CANCELLED' AND id <> ? LIMIT 1", [
    row.letterId, row.recipientPositionId, id,
  ]);
  if (!other) await ctx.access.revoke(em, row.letterId, row.recipientPositionId, 'DISPOSEE');
  const stale = await ctx.reminders.unschedule(em, id, row.deadlineVersion);
  await ctx.audit.record(em, actorAs(p, row.authorPositionId, capacity), {
    action: 'DISPOSITION_CANCELLED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId, before: { status: row.status }, after: { dispositionId: id, status: 'CANCELLED', reason },
  });
  return stale;
}
