import type { EntityManager } from 'typeorm';
import { conflict, DomainError } from '@naskah/core';
import type { AuditService } from '@naskah/audit';
import type { DelegationsService, Principal } from '@naskah/identity';
import type { OrganisationService } from '@naskah/organisation';
import type { OutboxService } from '@naskah/queue';
import type { LetterAccessService } from '../../access/letter-access.service';
import { relayPosition } from '../../dispatch/relay-position';
import { RecipientRef, resolveAddressees } from '../../dispatch/resolve-addressees';
import { assertDirectDelivery, nextHopFor } from '../../dispatch/route-judge';
import { createTransmission, TransmissionTarget } from '../../dispatch/transmissions';
import { deliveryToActOn } from '../delivery-guard';

export interface ForwardInput {
  /** Positions or offices (→ their head) to forward to. Optional for a letter to be forwarded: it then goes on to its final addressee. */
  to?: { positionId?: number; officeId?: number; kind?: 'TO' | 'CC' }[];
  note?: string;
  /** A cover letter of the forwarding office (signed or sent), attached to the forward. */
  coverLetterId?: string;
}

export interface ForwardResult {
  deliveryId: string;
  status: 'FORWARDED';
  transmissionId: string;
  targets: TransmissionTarget[];
}

export interface ForwardDeps {
  access: LetterAccessService;
  delegations: DelegationsService;
  audit: AuditService;
  outbox: OutboxService;
  org: OrganisationService;
}

const invalid = (field: string, reason: string, kind: 'VALIDATION' | 'UNPROCESSABLE' = 'VALIDATION', code = 'VALIDATION_FAILED') =>
  new DomainError(code, kind, `${field}: ${reason}`, { fields: [{ field, reason }] });

/**
 * Teruskan. Every target is judged by the routing rule from the forwarder's own place, so a
 * forward can never reach an office the rule does not let the forwarder deliver to. A letter to be
 * forwarded goes on to its final addressee (or the next office the rule names); any received
 * letter may also be forwarded to other positions/offices the rule allows.
 */
export async function forwardDelivery(em: EntityManager, deps: ForwardDeps, p: Principal, id: string, input: ForwardInput): Promise<ForwardResult> {
  const { d, capacity } = await deliveryToActOn(em, deps, p, id);
  if (d.status === 'RETURNED') throw conflict('DELIVERY_RETURNED', 'Surat ini sudah dikembalikan ke pengirim; tidak dapat diteruskan', { status: d.status });
  if (d.toBeForwarded && d.status === 'FORWARDED') throw conflict('DELIVERY_ALREADY_FORWARDED', 'Surat ini sudah diteruskan (already forwarded)', { status: d.status });

  let targets: TransmissionTarget[];
  if (!input.to?.length) {
    if (!d.toBeForwarded) throw invalid('to', 'tujuan penerusan wajib diisi (who to forward to)');
    const next = await nextHopFor(em, d.officeId, d.finalOfficeId!);
    if (next.action !== 'FORWARD') {
      throw new DomainError('ROUTING_FORBIDDEN', 'UNPROCESSABLE', 'Surat ini tidak dapat diteruskan dari satker Anda; kembalikan ke pengirim (cannot be forwarded from here)', { action: next.action });
    }
    const nextOffice = Number((next.nextHop as { id: string }).id);
    targets = [
      next.toBeForwarded
        ? { kind: d.kind, officeId: nextOffice, positionId: await relayPosition(deps.org, nextOffice, em), toBeForwarded: true, finalOfficeId: d.finalOfficeId, finalPositionId: d.finalPositionId }
        : { kind: d.kind, officeId: d.finalOfficeId!, positionId: d.finalPositionId!, toBeForwarded: false, finalOfficeId: null, finalPositionId: null },
    ];
  } else {
    const refs: RecipientRef[] = input.to.map((t) => ({ kind: t.kind ?? 'TO', officeId: t.officeId ?? null, positionId: t.positionId ?? null }));
    if (refs.some((r) => !r.officeId && !r.positionId)) throw invalid('to', 'setiap tujuan perlu positionId atau officeId');
    const { internal } = await resolveAddressees(em, refs);
    targets = [];
    for (const a of internal) {
      if (a.positionId === d.positionId) throw invalid(`to.${a.index}`, 'tidak dapat meneruskan ke jabatan sendiri', 'UNPROCESSABLE', 'FORWARD_TO_SELF');
      // A letter still on its way is judged towards its final addressee; any other towards the new target.
      const onItsWay = d.toBeForwarded && a.officeId !== d.finalOfficeId;
      await assertDirectDelivery(em, d.officeId, a.officeId, onItsWay ? d.finalOfficeId! : a.officeId);
      targets.push(
        onItsWay
          ? { kind: a.kind, officeId: a.officeId, positionId: a.positionId, toBeForwarded: true, finalOfficeId: d.finalOfficeId, finalPositionId: d.finalPositionId }
          : { kind: a.kind, officeId: a.officeId, positionId: a.positionId, toBeForwarded: false, finalOfficeId: null, finalPositionId: null },
      );
    }
  }
  if (input.coverLetterId) await assertCoverLetter(em, input.coverLetterId, d.officeId);

  const note = input.note?.trim() || null;
  const transmissionId = await createTransmission(em, deps.outbox, {
    letterId: d.letterId, kind: 'FORWARD', fromOfficeId: d.officeId, fromPositionId: d.positionId, byUserId: p.userId, byCapacity: capacity,
    sourceDeliveryId: d.id, coverLetterId: input.coverLetterId ?? null, note, targets, requestId: p.requestId ?? null,
  });
  await em.query(
    `UPDATE deliveries SET status = 'FORWARDED', acted_at = CURRENT_TIMESTAMP(3), act_note = ?,
       read_at = COALESCE(read_at, CURRENT_TIMESTAMP(3)), read_by_user_id = COALESCE(read_by_user_id, ?) WHERE id = ?`,
    [note, p.userId, d.id],
  );
  await deps.access.grant(em, d.letterId, [{ positionId: d.positionId, reason: 'FORWARDER' }, ...targets.map((t) => ({ positionId: t.positionId, reason: 'RECIPIENT' as const }))]);
  if (input.coverLetterId) await deps.access.grant(em, input.coverLetterId, targets.map((t) => ({ positionId: t.positionId, reason: 'RECIPIENT' as const })));
  await deps.audit.record(em, { userId: p.userId, positionId: d.positionId, capacity, requestId: p.requestId ?? null }, {
    action: 'LETTER_FORWARDED', entityType: 'letter', entityId: d.letterId, officeId: d.officeId,
    before: { deliveryId: d.id, status: d.status },
    after: { deliveryId: d.id, status: 'FORWARDED', transmissionId, note, coverLetterId: input.coverLetterId ?? null, to: targets.map((t) => ({ officeId: t.officeId, positionId: t.positionId, toBeForwarded: t.toBeForwarded })) },
  });
  return { deliveryId: d.id, status: 'FORWARDED', transmissionId, targets };
}

/** A cover letter must be the forwarding office's own, already signed (or sent). */
async function assertCoverLetter(em: EntityManager, coverLetterId: string, officeId: number): Promise<void> {
  const [c] = /^\d{1,19}$/.test(coverLetterId) ? await em.query('SELECT office_id, status FROM letters WHERE id = ?', [coverLetterId]) : [];
  if (!c || Number(c.office_id) !== officeId) throw invalid('coverLetterId', 'surat pengantar harus naskah satker Anda sendiri', 'UNPROCESSABLE', 'INVALID_COVER_LETTER');
  if (!['SIGNED', 'SENT'].includes(c.status)) throw invalid('coverLetterId', `surat pengantar berstatus ${c.status}; harus sudah ditandatangani`, 'UNPROCESSABLE', 'INVALID_COVER_LETTER');
}
