import type { EntityManager } from 'typeorm';
import type { Principal } from '@naskah/identity';
import { actorAs, DispositionContext } from '../disposition-context';
import { fieldError, ruleError, staleVersion } from '../disposition.errors';
import { asAuthor } from '../disposition-guard';
import { loadChildren, loadDisposition } from '../dispositions.repository';
import { dueAtOf } from '../calendar/reminder-schedule';
import { changedDeadlineViolation, CLOSED_STATUSES } from '../rules/disposition-rules';
import type { DeadlineInput } from '../calendar/holiday-calendar.service';

/**
 * The author moves the deadline of an open disposition: within its parent's and not before its
 * children's. The deadline version goes up, so the old reminder jobs find themselves stale; the
 * new ones are written to the outbox. Returns the old job ids to remove from the queue after commit.
 */
export async function changeDeadline(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, input: DeadlineInput & { version: number }): Promise<string[]> {
  const { row, capacity } = await asAuthor(em, ctx, p, id);
  if (row.version !== input.version) throw staleVersion(row.version);
  if (CLOSED_STATUSES.includes(row.status)) throw ruleError({ code: 'DISPOSITION_CLOSED', kind: 'CONFLICT', message: `Disposisi berstatus ${row.status} tidak dapat diubah (the disposition is ${row.status})`, details: { status: row.status } });
  const next = await ctx.calendar.resolve(input);
  if (!next) throw fieldError('deadline', 'isi deadline atau workingDays');
  if (next === row.deadline) return [];
  const parent = row.parentId ? await loadDisposition(em, row.parentId) : null;
  const children = await loadChildren(em, id);
  const violation = changedDeadlineViolation(next, parent?.deadline ?? null, children.filter((c) => !CLOSED_STATUSES.includes(c.status)).map((c) => c.deadline));
  if (violation) throw ruleError(violation);
  const version = row.deadlineVersion + 1;
  await em.query(
    `UPDATE dispositions SET deadline = ?, due_at = ?, deadline_version = ?, reminded_before_at = NULL, reminded_due_at = NULL, escalated_at = NULL, version = version + 1 WHERE id = ?`,
    [next, dueAtOf(next), version, id],
  );
  const stale = await ctx.reminders.unschedule(em, id, row.deadlineVersion);
  await ctx.reminders.schedule(em, { id, deadline: next, deadlineVersion: version });
  await ctx.audit.record(em, actorAs(p, row.authorPositionId, capacity), {
    action: 'DISPOSITION_DEADLINE_CHANGED', entityType: 'letter', entityId: row.letterId, officeId: row.officeId,
    before: { dispositionId: id, deadline: row.deadline, deadlineVersion: row.deadlineVersion }, after: { dispositionId: id, deadline: next, deadlineVersion: version },
  });
  return stale;
}
