import { IsIn, IsInt, Matches, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { DispositionRow, loadDisposition, loadPositions } from '../dispositions.repository';
import { CLOSED_STATUSES } from '../rules/disposition-rules';

const ID = /^\d{1,19}$/;

export class ReminderPayload {
  @Matches(ID) dispositionId: string;
  @IsIn(['BEFORE', 'DUE']) kind: 'BEFORE' | 'DUE';
  @IsInt() @Min(1) deadlineVersion: number;
}

export class EscalationPayload {
  @Matches(ID) dispositionId: string;
  @IsInt() @Min(1) deadlineVersion: number;
}

export class NotifyPayload {
  @IsIn(['ISSUED', 'COMPLETED', 'PREPARED']) event: 'ISSUED' | 'COMPLETED' | 'PREPARED';
  @Matches(ID) id: string;
}

/**
 * Re-reads a disposition for a reminder job, locked: the job does nothing when it is gone, closed
 * (DONE/CANCELLED) or when its deadline has changed since the job was written (stale version).
 */
export async function stillDue(em: EntityManager, id: string, deadlineVersion: number): Promise<{ row: DispositionRow } | { skipped: 'GONE' | 'CLOSED' | 'STALE_VERSION' }> {
  const row = await loadDisposition(em, id, true);
  if (!row) return { skipped: 'GONE' };
  if (CLOSED_STATUSES.includes(row.status)) return { skipped: 'CLOSED' };
  if (row.deadlineVersion !== deadlineVersion) return { skipped: 'STALE_VERSION' };
  return { row };
}

/** Titles shown in a notification about a disposition (no letter content). */
export async function titlesOf(em: EntityManager, row: DispositionRow): Promise<{ from: string; to: string }> {
  const pos = await loadPositions(em, [row.authorPositionId, row.recipientPositionId]);
  return { from: pos.get(row.authorPositionId)?.title ?? '', to: pos.get(row.recipientPositionId)?.title ?? '' };
}
