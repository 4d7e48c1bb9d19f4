import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, DomainError, forbidden, notFound } from '@naskah/core';
import { AuditService, Capacity } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import { DelegationsService, Principal } from '@naskah/identity';
import { OrganisationService } from '@naskah/organisation';
import { OutboxService } from '@naskah/queue';
import { LetterAccessService } from '../access/letter-access.service';
import { routeLabel, RoutePlan } from '../routing';
import { explainPlan, targetsFor } from './plan-targets';
import { relayPosition } from './relay-position';
import { GroupExpansion, RecipientRef, resolveAddressees } from './resolve-addressees';
import type { RecipientGroup } from './recipient-groups';
import { planDelivery } from './route-judge';
import { createTransmission } from './transmissions';
import { previewRoutes, RoutePreview } from './route-preview';

export interface SendResult {
  letterId: string;
  status: 'SENT';
  sentAt: Date;
  transmissionId: string | null;
  /** Deliveries the dispatch job will create. */
  targetCount: number;
  /** Addressees printed on the letter only (no delivery). */
  external: string[];
  /** Addressees the rule sends through a parent office, with the route. */
  viaParent: { officeId: number; positionId: number; deliverToOfficeId: number; route: string }[];
  /** Each group or distribution list as expanded now: its label, how many it reached, whether the sending office was left out. */
  groups: GroupExpansion[];
  /**
   * Addressees named by more than one recipient (e.g. an office named alone and also in a group):
   * one delivery each, TO when any of those recipients is TO. `recipients` are their indexes.
   */
  merged: { officeId: number; positionId: number; kind: 'TO' | 'CC'; recipients: number[] }[];
}

/** Sending a signed letter: the routing rule decides where each addressee's copy is delivered. */
@Injectable()
export class SendService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LetterAccessService,
    private readonly delegations: DelegationsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly org: OrganisationService,
  ) {}

  /** How long a send waits for the render job to write the signed document before refusing (409 DOCUMENT_NOT_READY). */
  static documentWaitMs = 8_000;

  /** Only a SIGNED letter, by its drafter, its signer (or their Plt/Plh) or a registrar of the sending office. */
  async send(p: Principal, letterId: string): Promise<SendResult> {
    await this.documentReady(letterId);
    const result = await inTransaction(this.ds, async (em) => {
      const [l] = /^\d{1,19}$/.test(letterId)
        ? await em.query(
            'SELECT id, office_id, status, drafter_position_id, signer_position_id, subject, document_file_id, document_sha256, signature FROM letters WHERE id = ? FOR UPDATE',
            [letterId],
          )
        : [];
      if (!l) throw notFound('Naskah', letterId, 'LETTER');
      const { actingPositionId, capacity } = await this.sender(p, l, em);
      if (l.status === 'SENT') throw conflict('LETTER_ALREADY_SENT', 'Naskah sudah dikirim (already sent)', { status: l.status });
      if (l.status !== 'SIGNED') throw conflict('LETTER_NOT_SIGNED', `Naskah berstatus ${l.status}; hanya naskah yang sudah ditandatangani dapat dikirim (only SIGNED letters can be sent)`, { status: l.status });
      // what is sent is the signed document: never a letter whose PDF, hash or signature the render job has not written yet
      if (!l.document_file_id || !l.document_sha256 || !l.signature) {
        throw conflict('DOCUMENT_NOT_READY', 'Dokumen PDF bertanda tangan elektronik masih dibuat; kirim lagi dalam beberapa detik (signed document not ready yet)', {
          status: l.status, retryAfterSeconds: 5,
        });
      }

      const officeId = Number(l.office_id);
      const recipients: RecipientRef[] = (
        await em.query('SELECT kind, office_id, position_id, external_name, recipient_group, province_office_id, distribution_list_id FROM letter_recipients WHERE letter_id = ? ORDER BY ordinal', [letterId])
      ).map((r: Record<string, unknown>) => ({
        kind: r.kind, officeId: r.office_id === null ? null : Number(r.office_id), positionId: r.position_id === null ? null : Number(r.position_id), externalName: r.external_name,
        group: (r.recipient_group as RecipientGroup | null) ?? null, provinceOfficeId: r.province_office_id === null ? null : Number(r.province_office_id),
        distributionListId: r.distribution_list_id === null ? null : Number(r.distribution_list_id),
      }));
      // groups and lists are expanded now, one delivery per member, each judged by the routing rule below
      const { internal, external, groups, merged } = await resolveAddressees(em, recipients, { senderOfficeId: officeId });
      const plans = new Map<number, RoutePlan>();
      for (const officeIdOfAddressee of new Set(internal.map((a) => a.officeId))) {
        const { plan } = await planDelivery(em, officeId, officeIdOfAddressee);
        if (plan.mode === 'FORBIDDEN') {
          const at = internal.find((a) => a.officeId === officeIdOfAddressee)!.index;
          throw new DomainError('ROUTING_FORBIDDEN', 'UNPROCESSABLE', explainPlan(plan), { route: routeLabel(plan.hops), fields: [{ field: `recipients.${at}`, reason: explainPlan(plan) }] });
        }
        plans.set(officeIdOfAddressee, plan);
      }
      const relays = new Map<number, number>();
      for (const plan of plans.values()) {
        if (plan.toBeForwarded) {
          const relayOffice = Number((plan.deliverTo as { id: string }).id);
          if (!relays.has(relayOffice)) relays.set(relayOffice, await relayPosition(this.org, relayOffice, em));
        }
      }
      const targets = targetsFor(internal, (id) => plans.get(id)!, (id) => relays.get(id)!);

      const fromPositionId = Number(l.signer_position_id ?? l.drafter_position_id);
      const transmissionId = targets.length
        ? await createTransmission(em, this.outbox, {
            letterId, kind: 'SEND', fromOfficeId: officeId, fromPositionId, byUserId: p.userId, byCapacity: capacity, targets, requestId: p.requestId ?? null,
          })
        : null;
      await em.query("UPDATE letters SET status = 'SENT', sent_at = CURRENT_TIMESTAMP(3), version = version + 1 WHERE id = ? AND status = 'SIGNED'", [letterId]);
      await this.access.grant(em, letterId, [
        ...internal.map((a) => ({ positionId: a.positionId, reason: 'ADDRESSEE' as const })),
        ...targets.filter((t) => t.toBeForwarded).map((t) => ({ positionId: t.positionId, reason: 'RECIPIENT' as const })),
      ]);
      const viaParent = targets.filter((t) => t.toBeForwarded).map((t) => ({
        officeId: t.finalOfficeId!, positionId: t.finalPositionId!, deliverToOfficeId: t.officeId, route: routeLabel(plans.get(t.finalOfficeId!)!.hops),
      }));
      await this.audit.record(em, { userId: p.userId, positionId: actingPositionId, capacity, requestId: p.requestId ?? null }, {
        action: 'LETTER_SENT', entityType: 'letter', entityId: letterId, officeId,
        before: { status: 'SIGNED' }, after: {
          status: 'SENT', transmissionId, deliveries: targets.length, external: external.length, viaParent: viaParent.slice(0, 20),
          ...(groups.length ? { groups: groups.map((g) => ({ index: g.index, label: g.label, members: g.members, merged: g.merged })) } : {}),
          ...(merged.length ? { merged: merged.length } : {}),
        },
      });
      const [{ sent_at: sentAt }] = await em.query('SELECT sent_at FROM letters WHERE id = ?', [letterId]);
      return {
        letterId, status: 'SENT' as const, sentAt, transmissionId, targetCount: targets.length, external, viaParent, groups,
        merged: merged.map((a) => ({ officeId: a.officeId, positionId: a.positionId, kind: a.kind, recipients: a.from })),
      };
    });
    this.outbox.relaySoon();
    return result;
  }

  /**
   * A letter just signed is rendered, hashed and signed by a job that usually takes well under a
   * second: sending right after signing waits for it (outside any transaction, polling) instead of
   * refusing at once. The transaction checks again and refuses if it is still not there.
   */
  private async documentReady(letterId: string): Promise<void> {
    if (!/^\d{1,19}$/.test(letterId)) return;
    const deadline = Date.now() + SendService.documentWaitMs;
    for (;;) {
      const [l] = await this.ds.query('SELECT status, document_file_id IS NOT NULL AND document_sha256 IS NOT NULL AND signature IS NOT NULL AS ready FROM letters WHERE id = ?', [letterId]);
      if (!l || l.status !== 'SIGNED' || Number(l.ready) === 1 || Date.now() >= deadline) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The route of each addressee and copy, as the drafter fills them in (nothing is written). */
  async previewRoute(p: Principal, input: { to: RecipientRef[]; cc?: RecipientRef[] }): Promise<RoutePreview[]> {
    if (!p.officeId) throw forbidden('NO_OFFICE', 'Pengguna tanpa satker tidak dapat mengirim surat');
    return previewRoutes(this.ds.manager, this.org, p.officeId, [...input.to.map((r) => ({ ...r, kind: 'TO' as const })), ...(input.cc ?? []).map((r) => ({ ...r, kind: 'CC' as const }))]);
  }

  private async sender(p: Principal, l: Record<string, unknown>, em: EntityManager): Promise<{ actingPositionId: number | null; capacity: Capacity }> {
    for (const pos of [l.drafter_position_id, l.signer_position_id]) {
      if (pos === null) continue;
      const capacity = await this.delegations.capacityFor(p.userId, Number(pos), em);
      if (capacity) return { actingPositionId: Number(pos), capacity };
    }
    if (p.roles.includes('REGISTRAR') && p.officeId === Number(l.office_id)) {
      // the office's registrar dispatches the letters they may see (as their "siap dikirim" queue shows them); a Rahasia letter not addressed to them: 404
      await this.access.assertVisible(String(l.id), await this.access.viewerOf(p), em);
      return { actingPositionId: p.positionId, capacity: 'SENDIRI' };
    }
    await this.access.assertVisible(String(l.id), await this.access.viewerOf(p));
    throw forbidden('NOT_ALLOWED_TO_SEND', 'Hanya konseptor, penandatangan (atau Plt/Plh-nya) atau pencatat surat satker pengirim yang dapat mengirim naskah ini');
  }
}
