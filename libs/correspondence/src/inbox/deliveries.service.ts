import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import { DelegationsService, Principal } from '@naskah/identity';
import { OrganisationService } from '@naskah/organisation';
import { OutboxService } from '@naskah/queue';
import { LetterAccessService } from '../access/letter-access.service';
import { scopeDeliveryView, scopeLetterView, scopeRoute } from '../access/letter-history-scope';
import { LettersRepository } from '../letters/letters.repository';
import type { LetterReadView } from '../letters/letter.types';
import { INBOX_COLUMNS, INBOX_JOINS, InboxItem, toInboxItem } from './delivery-view';
import { deliveryToActOn, visibleDelivery } from './delivery-guard';
import { routeOf, RouteHop } from './delivery-route';
import { forwardDelivery, ForwardInput, ForwardResult } from './use-cases/forward-delivery';
import { returnDelivery, ReturnResult } from './use-cases/return-delivery';

export interface DeliveryDetail extends InboxItem {
  office: { id: number; name: string };
  position: { id: number; title: string };
  /** Whether the caller is the recipient (or acts for them) and may read, forward or return it. */
  mine: boolean;
  actedAt: Date | null;
  actNote: string | null;
  letter: LetterReadView;
}

/** One received letter: open it, confirm reading, forward it (teruskan), return it, see its route. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly delegations: DelegationsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly org: OrganisationService,
    private readonly letters: LettersRepository,
  ) {}

  /** What the use cases need, in one object. */
  private get deps() {
    return { access: this.access, delegations: this.delegations, audit: this.audit, outbox: this.outbox, org: this.org };
  }

  async get(p: Principal, id: string): Promise<DeliveryDetail> {
    const { mine } = await visibleDelivery(this.ds.manager, this.access, p, id);
    const [r] = await this.ds.query(
      `SELECT ${INBOX_COLUMNS}, d.acted_at, d.act_note, o.name AS office_name, pos.title AS position_title
       FROM deliveries d ${INBOX_JOINS} JOIN offices o ON o.id = d.office_id JOIN positions pos ON pos.id = d.position_id WHERE d.id = ?`,
      [id],
    );
    const item = toInboxItem(r);
    // another office's copy: its follow-up note, its reader and the note written to it are that office's own
    const { viewerOfficeIds } = await this.access.historyScope(item.letterId, await this.access.viewerOf(p));
    return scopeDeliveryView(
      {
        ...item,
        office: { id: item.officeId, name: r.office_name },
        position: { id: item.positionId, title: r.position_title },
        mine,
        actedAt: r.acted_at ?? null,
        actNote: r.act_note ?? null,
        letter: scopeLetterView(await this.letters.load(item.letterId), viewerOfficeIds),
      },
      viewerOfficeIds,
    );
  }

  /** Read receipt: the first reading is recorded (who, when) and audited; later calls change nothing. */
  async markRead(p: Principal, id: string): Promise<DeliveryDetail> {
    await inTransaction(this.ds, async (em) => {
      const { d, capacity } = await deliveryToActOn(em, this.deps, p, id);
      if (d.readAt) return;
      await em.query(
        "UPDATE deliveries SET read_at = CURRENT_TIMESTAMP(3), read_by_user_id = ?, status = IF(status = 'DELIVERED', 'READ', status) WHERE id = ?",
        [p.userId, id],
      );
      await this.audit.record(em, { userId: p.userId, positionId: d.positionId, capacity, requestId: p.requestId ?? null }, {
        action: 'LETTER_READ', entityType: 'letter', entityId: d.letterId, officeId: d.officeId, after: { deliveryId: d.id, positionId: d.positionId },
      });
    });
    return this.get(p, id);
  }

  /** Teruskan: judged by the routing rule from the forwarder's place; dispatched by the same job as a send. */
  async forward(p: Principal, id: string, input: ForwardInput): Promise<ForwardResult> {
    const result = await inTransaction(this.ds, (em) => forwardDelivery(em, this.deps, p, id, input));
    this.outbox.relaySoon();
    return result;
  }

  /** The Provinsi returns a letter it was to forward: back to the original sender, with the reason. */
  async returnToSender(p: Principal, id: string, reason: string): Promise<ReturnResult> {
    const result = await inTransaction(this.ds, (em) => returnDelivery(em, this.deps, p, id, reason));
    this.outbox.relaySoon();
    return result;
  }

  /** The whole way the letter took to reach this delivery, origin first (each hop: office, position, who, when, note). */
  async route(p: Principal, id: string): Promise<{ deliveryId: string; letterId: string; hops: RouteHop[] }> {
    const { d } = await visibleDelivery(this.ds.manager, this.access, p, id);
    const { viewerOfficeIds } = await this.access.historyScope(d.letterId, await this.access.viewerOf(p));
    return { deliveryId: d.id, letterId: d.letterId, hops: scopeRoute(await routeOf(this.ds.manager, id), viewerOfficeIds) };
  }
}
