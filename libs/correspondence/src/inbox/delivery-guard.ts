import type { EntityManager } from 'typeorm';
import { DomainError, notFound } from '@naskah/core';
import type { Capacity } from '@naskah/audit';
import type { DelegationsService, Principal } from '@naskah/identity';
import type { LetterAccessService } from '../access/letter-access.service';
import { DeliveryRow, loadDeliveryRow } from './delivery-view';

const missing = (id: string) => notFound('Surat masuk', id, 'DELIVERY');

/** A delivery the caller may look at: it reached a position they act for, or the access policy lets them see its letter. Otherwise 404. */
export async function visibleDelivery(em: EntityManager, access: LetterAccessService, p: Principal, id: string): Promise<{ d: DeliveryRow; mine: boolean }> {
  const d = await loadDeliveryRow(em, id);
  if (!d) throw missing(id);
  const viewer = await access.viewerOf(p);
  if (viewer.positionIds.includes(d.positionId)) {
    await access.assertHeld(d.letterId, d.officeId, em); // 410 once the office destroyed its copy
    return { d, mine: true };
  }
  await visibleOr404(access, d.letterId, viewer, em, id);
  return { d, mine: false };
}

/**
 * A delivery the caller may act on (read receipt, forward, return): it reached a position they
 * hold or hold today by delegation. Locked for the caller's transaction. Someone who may see the
 * letter but is not the recipient gets 403; anyone else 404.
 */
export async function deliveryToActOn(
  em: EntityManager,
  deps: { access: LetterAccessService; delegations: DelegationsService },
  p: Principal,
  id: string,
): Promise<{ d: DeliveryRow; capacity: Capacity }> {
  const d = await loadDeliveryRow(em, id, true);
  if (!d) throw missing(id);
  const capacity = await deps.delegations.capacityFor(p.userId, d.positionId, em);
  if (capacity) {
    await deps.access.assertHeld(d.letterId, d.officeId, em);
    return { d, capacity };
  }
  await visibleOr404(deps.access, d.letterId, await deps.access.viewerOf(p), em, id);
  throw new DomainError('NOT_THE_RECIPIENT', 'FORBIDDEN', 'Hanya penerima surat ini (atau Plt/Plh-nya) yang dapat melakukannya (only the recipient may act)');
}

/** The letter is visible to the viewer (a 410 for a destroyed copy passes through), otherwise the delivery is answered 404. */
async function visibleOr404(access: LetterAccessService, letterId: string, viewer: Awaited<ReturnType<LetterAccessService['viewerOf']>>, em: EntityManager, id: string): Promise<void> {
  try {
    await access.assertVisible(letterId, viewer, em);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'RECORD_DESTROYED') throw err;
    throw missing(id);
  }
}
