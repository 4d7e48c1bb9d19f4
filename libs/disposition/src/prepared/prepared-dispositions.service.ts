import { Injectable } from '@nestjs/common';
import { notFound } from '@naskah/core';
import { inTransaction } from '@naskah/db';
import type { Principal } from '@naskah/identity';
import { DispositionContext } from '../disposition-context';
import type { DispositionInput, DispositionView } from '../disposition.types';
import { viewsOf } from '../queries/disposition-views';
import { confirmPrepared, discardPrepared, editPrepared, prepareDisposition } from './prepared-dispositions';
import { isItsPreparer, listPrepared, loadPrepared, PreparedStatus, PreparedView } from './prepared.repository';

/** Dispositions prepared by TU for a leader, who confirms (as is or edited), edits or discards them. */
@Injectable()
export class PreparedDispositionsService {
  constructor(private readonly ctx: DispositionContext) {}

  async prepare(p: Principal, deliveryId: string, input: DispositionInput): Promise<PreparedView> {
    const id = await inTransaction(this.ctx.ds, (em) => prepareDisposition(em, this.ctx, p, deliveryId, input));
    this.ctx.outbox.relaySoon();
    return (await loadPrepared(this.ctx.ds.manager, id))!;
  }

  async edit(p: Principal, id: string, input: DispositionInput & { version: number }): Promise<PreparedView> {
    await inTransaction(this.ctx.ds, (em) => editPrepared(em, this.ctx, p, id, input));
    return (await loadPrepared(this.ctx.ds.manager, id))!;
  }

  async confirm(p: Principal, id: string, version: number, changes?: DispositionInput): Promise<{ prepared: PreparedView; dispositions: DispositionView[] }> {
    const ids = await inTransaction(this.ctx.ds, (em) => confirmPrepared(em, this.ctx, p, id, version, changes));
    this.ctx.outbox.relaySoon();
    return {
      prepared: (await loadPrepared(this.ctx.ds.manager, id))!,
      dispositions: await viewsOf(this.ctx.ds.manager, `d.id IN (${ids.map(() => '?').join(',')})`, ids, this.ctx.clock.now()),
    };
  }

  async discard(p: Principal, id: string, version: number | undefined, reason: string | null): Promise<PreparedView> {
    await inTransaction(this.ctx.ds, (em) => discardPrepared(em, this.ctx, p, id, version, reason));
    return (await loadPrepared(this.ctx.ds.manager, id))!;
  }

  /** Waiting for me (positions I act for) or prepared by me. */
  async list(p: Principal, status?: PreparedStatus, limit = 50): Promise<PreparedView[]> {
    const viewer = await this.ctx.access.viewerOf(p);
    return listPrepared(this.ctx.ds.manager, viewer.positionIds, p, status, Math.min(limit, 200));
  }

  async get(p: Principal, id: string): Promise<PreparedView> {
    const view = await loadPrepared(this.ctx.ds.manager, id);
    const viewer = await this.ctx.access.viewerOf(p);
    if (!view || (!viewer.positionIds.includes(view.forPosition.id) && !isItsPreparer(p, { preparedByUserId: view.preparedBy.userId, officeId: view.officeId }))) {
      throw notFound('Rancangan disposisi', id);
    }
    return view;
  }
}
