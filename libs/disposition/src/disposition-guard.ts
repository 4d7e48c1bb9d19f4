import type { EntityManager } from 'typeorm';
import type { AccessViewer } from '@naskah/correspondence';
import type { Principal } from '@naskah/identity';
import { isBelow } from '@naskah/organisation';
import type { DispositionContext } from './disposition-context';
import { dispositionNotFound, notTheAuthor, notTheRecipient } from './disposition.errors';
import { DispositionRow, loadDisposition, loadLineage, loadPositions } from './dispositions.repository';

export type ActingCapacity = 'SENDIRI' | 'PLT' | 'PLH';

/**
 * Who sees a disposition: whoever acts for the author or the recipient of it (not once it is cancelled), of any node above it
 * (the chain of instructions that led to them) or of any node below it (what they were asked to do
 * came through it), and a superior (in the office's reporting tree) of its recipient who may see
 * the letter. Siblings' branches stay hidden. Anyone else is told it does not exist (404).
 */
export async function visibleDisposition(em: EntityManager, ctx: DispositionContext, p: Principal, id: string, lock = false): Promise<{ row: DispositionRow; viewer: AccessViewer }> {
  const row = await loadDisposition(em, id, lock);
  if (!row) throw dispositionNotFound(id);
  const viewer = await ctx.access.viewerOf(p);
  if (await maySeeDisposition(em, ctx, viewer, row)) {
    // the office's dispositions are part of its copy of the letter: gone with it (410)
    await ctx.access.assertHeld(row.letterId, row.officeId, em);
    return { row, viewer };
  }
  throw dispositionNotFound(id);
}

export async function maySeeDisposition(em: EntityManager, ctx: DispositionContext, viewer: AccessViewer, row: DispositionRow): Promise<boolean> {
  const mine = new Set(viewer.positionIds);
  if (mine.has(row.authorPositionId)) return true;
  // a cancelled disposition was withdrawn before its recipient read it: its reason to show them anything went with it
  if (mine.has(row.recipientPositionId) && row.status !== 'CANCELLED') return true;
  const lineage = await loadLineage(em, row);
  if (lineage.some((n) => n.id !== row.id && (mine.has(n.authorPositionId) || mine.has(n.recipientPositionId)))) return true;
  if (viewer.positionIds.length) {
    const marks = viewer.positionIds.map(() => '?').join(',');
    const [below] = await em.query(
      `SELECT 1 AS x FROM dispositions d WHERE d.path LIKE ? AND d.id <> ? AND (d.recipient_position_id IN (${marks}) OR d.author_position_id IN (${marks})) LIMIT 1`,
      [`${row.path}%`, row.id, ...viewer.positionIds, ...viewer.positionIds],
    );
    if (below) return true;
  }
  const recipient = (await loadPositions(em, [row.recipientPositionId])).get(row.recipientPositionId);
  if (!recipient || !viewer.positionPaths.some((vp) => isBelow(recipient.path, vp))) return false;
  try {
    await ctx.access.assertVisible(row.letterId, viewer, em);
    return true;
  } catch {
    return false;
  }
}

/** The disposition locked for its recipient (holder or Plt/Plh) to act on; 403 for others who see it, 404 for the rest. */
export async function asRecipient(em: EntityManager, ctx: DispositionContext, p: Principal, id: string): Promise<{ row: DispositionRow; capacity: ActingCapacity }> {
  const row = await loadDisposition(em, id, true);
  if (!row) throw dispositionNotFound(id);
  const capacity = (await ctx.delegations.capacityFor(p.userId, row.recipientPositionId)) as ActingCapacity | null;
  if (capacity) {
    // nothing is written on a copy its office has destroyed: no retention could reach it (410)
    await ctx.access.assertHeld(row.letterId, row.officeId, em);
    return { row, capacity };
  }
  await visibleDisposition(em, ctx, p, id);
  throw notTheRecipient();
}

/** The disposition locked for its author (holder or Plt/Plh of the author position); 403 / 404 otherwise. */
export async function asAuthor(em: EntityManager, ctx: DispositionContext, p: Principal, id: string): Promise<{ row: DispositionRow; capacity: ActingCapacity }> {
  const row = await loadDisposition(em, id, true);
  if (!row) throw dispositionNotFound(id);
  const capacity = (await ctx.delegations.capacityFor(p.userId, row.authorPositionId)) as ActingCapacity | null;
  if (capacity) {
    await ctx.access.assertHeld(row.letterId, row.officeId, em);
    return { row, capacity };
  }
  await visibleDisposition(em, ctx, p, id);
  throw notTheAuthor();
}
