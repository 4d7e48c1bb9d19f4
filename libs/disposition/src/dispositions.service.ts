import { Injectable } from '@nestjs/common';
import { inTransaction } from '@naskah/db';
import type { Principal } from '@naskah/identity';
import { DispositionContext } from './disposition-context';
import type { DeadlineInput } from './calendar/holiday-calendar.service';
import type { DispositionDetail, DispositionInput, DispositionView } from './disposition.types';
import { DispositionsQueryService } from './queries/dispositions-query.service';
import { viewsOf } from './queries/disposition-views';
import { changeDeadline } from './use-cases/change-deadline';
import { addFollowUp, FollowUpInput } from './use-cases/follow-up';
import { issueFromDelivery, redispose } from './use-cases/issue-disposition';
import { cancelDisposition, completeDisposition, readDisposition, startDisposition } from './use-cases/progress-disposition';

/**
 * Commands on dispositions. Each runs in one transaction (retried on deadlock) that also writes its
 * audit events and its jobs (notifications, reminders) to the outbox; after commit the outbox is
 * relayed at once and reminder jobs made obsolete are removed from the queue.
 */
@Injectable()
export class DispositionsService {
  constructor(
    private readonly ctx: DispositionContext,
    private readonly queries: DispositionsQueryService,
  ) {}

  /** Disposisi on a received letter (delivery) by its recipient or a Plt/Plh: one node per recipient position. */
  async issue(p: Principal, deliveryId: string, input: DispositionInput): Promise<DispositionView[]> {
    const ids = await inTransaction(this.ctx.ds, (em) => issueFromDelivery(em, this.ctx, p, deliveryId, input));
    this.ctx.outbox.relaySoon();
    return this.views(ids);
  }

  /** The recipient disposes further down. */
  async redispose(p: Principal, parentId: string, input: DispositionInput): Promise<DispositionView[]> {
    const ids = await inTransaction(this.ctx.ds, (em) => redispose(em, this.ctx, p, parentId, input));
    this.ctx.outbox.relaySoon();
    return this.views(ids);
  }

  async read(p: Principal, id: string): Promise<DispositionDetail> {
    await inTransaction(this.ctx.ds, (em) => readDisposition(em, this.ctx, p, id));
    return this.queries.detail(p, id);
  }

  async start(p: Principal, id: string): Promise<DispositionDetail> {
    await inTransaction(this.ctx.ds, (em) => startDisposition(em, this.ctx, p, id));
    return this.queries.detail(p, id);
  }

  async addFollowUp(p: Principal, id: string, input: FollowUpInput): Promise<DispositionDetail> {
    await inTransaction(this.ctx.ds, (em) => addFollowUp(em, this.ctx, p, id, input));
    return this.queries.detail(p, id);
  }

  /** DONE, with a report given now or earlier; 409 without one or while children are open. */
  async complete(p: Principal, id: string, report?: FollowUpInput): Promise<DispositionDetail> {
    const stale = await inTransaction(this.ctx.ds, (em) => completeDisposition(em, this.ctx, p, id, report));
    await this.afterCommit(stale);
    return this.queries.detail(p, id);
  }

  /** The author cancels while unread; 409 once it was read. */
  async cancel(p: Principal, id: string, reason: string | null): Promise<DispositionDetail> {
    const stale = await inTransaction(this.ctx.ds, (em) => cancelDisposition(em, this.ctx, p, id, reason));
    await this.afterCommit(stale);
    return this.queries.detail(p, id);
  }

  /** The author moves the deadline; reminders are rescheduled under a new deadline version. */
  async changeDeadline(p: Principal, id: string, input: DeadlineInput & { version: number }): Promise<DispositionDetail> {
    const stale = await inTransaction(this.ctx.ds, (em) => changeDeadline(em, this.ctx, p, id, input));
    await this.afterCommit(stale);
    return this.queries.detail(p, id);
  }

  private async afterCommit(staleJobIds: string[]): Promise<void> {
    this.ctx.outbox.relaySoon();
    if (staleJobIds.length) await this.ctx.reminders.forget(staleJobIds);
  }

  private async views(ids: string[]): Promise<DispositionView[]> {
    const views = await viewsOf(this.ctx.ds.manager, `d.id IN (${ids.map(() => '?').join(',')})`, ids, this.ctx.clock.now());
    return Promise.all(views.map(async (v) => ({ ...v, deadlineWarning: await this.ctx.calendar.deadlineWarning(v.deadline) })));
  }
}
