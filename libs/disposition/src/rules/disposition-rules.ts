import { isBelow } from '@naskah/organisation';
import type { IsoDate } from '../calendar/working-days';

/**
 * The rules of a disposition, in one place:
 *  - recipients are positions strictly below the author's position in the same office;
 *  - a child's deadline may not pass its parent's (without one, it inherits the parent's);
 *  - states UNREAD → READ → IN_PROGRESS → DONE; CANCELLED only while UNREAD, by the author;
 *  - DONE needs a follow-up report and every child DONE or CANCELLED.
 */
export type DispositionStatus = 'UNREAD' | 'READ' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
export type Priority = 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';
export const PRIORITIES: Priority[] = ['BIASA', 'SEGERA', 'AMAT_SEGERA'];
export const OPEN_STATUSES: DispositionStatus[] = ['UNREAD', 'READ', 'IN_PROGRESS'];
export const CLOSED_STATUSES: DispositionStatus[] = ['DONE', 'CANCELLED'];

export interface PositionRef {
  id: number;
  officeId: number;
  path: string;
}

/** A broken rule: a stable code, the HTTP kind and a message naming the rule. */
export interface RuleViolation {
  code: string;
  kind: 'UNPROCESSABLE' | 'CONFLICT' | 'FORBIDDEN';
  message: string;
  details?: Record<string, unknown>;
}

export const RECIPIENT_RULE = 'Disposisi hanya dapat ditujukan kepada jabatan di bawah jabatan pemberi disposisi dalam satker yang sama';

export function recipientViolation(author: PositionRef, recipient: PositionRef, index: number): RuleViolation | null {
  if (recipient.officeId !== author.officeId) {
    return { code: 'RECIPIENT_OTHER_OFFICE', kind: 'UNPROCESSABLE', message: `${RECIPIENT_RULE} (recipient is in another office)`, details: { index, positionId: recipient.id } };
  }
  if (!isBelow(recipient.path, author.path)) {
    return { code: 'RECIPIENT_NOT_BELOW', kind: 'UNPROCESSABLE', message: `${RECIPIENT_RULE} (recipient is not below the author)`, details: { index, positionId: recipient.id } };
  }
  return null;
}

/** The deadline a child gets, or why it may not have it. */
export function childDeadline(requested: IsoDate | null, parent: IsoDate | null): { deadline: IsoDate | null } | RuleViolation {
  if (requested === null) return { deadline: parent };
  if (parent !== null && requested > parent) {
    return {
      code: 'DEADLINE_AFTER_PARENT', kind: 'UNPROCESSABLE',
      message: `Batas waktu disposisi lanjutan (${requested}) tidak boleh melewati batas waktu disposisi induknya (${parent}) (a child's deadline may not pass its parent's)`,
      details: { deadline: requested, parentDeadline: parent },
    };
  }
  return { deadline: requested };
}

/** A new deadline for a node that already has children: it may not fall before any of theirs, nor after its parent's. */
export function changedDeadlineViolation(next: IsoDate, parent: IsoDate | null, children: (IsoDate | null)[]): RuleViolation | null {
  const after = childDeadline(next, parent);
  if ('code' in after) return after;
  const latestChild = children.filter((c): c is IsoDate => c !== null).sort().pop();
  if (latestChild && latestChild > next) {
    return {
      code: 'DEADLINE_BEFORE_CHILD', kind: 'UNPROCESSABLE',
      message: `Batas waktu (${next}) tidak boleh lebih awal dari batas waktu disposisi lanjutannya (${latestChild}) (a parent's deadline may not fall before a child's)`,
      details: { deadline: next, latestChildDeadline: latestChild },
    };
  }
  return null;
}

export type Transition = 'READ' | 'START' | 'COMPLETE' | 'CANCEL';

/** The state after an action, `null` when the action changes nothing (reading twice), or the violation. */
export function transition(from: DispositionStatus, action: Transition): DispositionStatus | null | RuleViolation {
  const closed = (what: string): RuleViolation => ({
    code: 'DISPOSITION_CLOSED', kind: 'CONFLICT', message: `Disposisi berstatus ${from} tidak dapat ${what} (the disposition is ${from})`, details: { status: from },
  });
  switch (action) {
    case 'READ':
      if (from === 'CANCELLED') return closed('dibaca');
      return from === 'UNREAD' ? 'READ' : null;
    case 'START':
      if (CLOSED_STATUSES.includes(from)) return closed('dikerjakan');
      return from === 'IN_PROGRESS' ? null : 'IN_PROGRESS';
    case 'COMPLETE':
      if (CLOSED_STATUSES.includes(from)) return closed('diselesaikan');
      return 'DONE';
    case 'CANCEL':
      if (from === 'UNREAD') return 'CANCELLED';
      if (from === 'CANCELLED') return null;
      return {
        code: 'DISPOSITION_ALREADY_READ', kind: 'CONFLICT',
        message: `Disposisi hanya dapat dibatalkan selama belum dibaca; statusnya ${from} (only an unread disposition can be cancelled)`, details: { status: from },
      };
  }
}

/** Why a node may not be DONE yet: no follow-up report, or open children. */
export function completionViolation(hasReport: boolean, children: { id: string; status: DispositionStatus }[]): RuleViolation | null {
  if (!hasReport) {
    return { code: 'FOLLOW_UP_REQUIRED', kind: 'CONFLICT', message: 'Disposisi hanya dapat diselesaikan dengan laporan tindak lanjut (a follow-up report is required)' };
  }
  const open = children.filter((c) => OPEN_STATUSES.includes(c.status));
  if (open.length) {
    return {
      code: 'OPEN_CHILDREN', kind: 'CONFLICT',
      message: `Masih ada ${open.length} disposisi lanjutan yang belum selesai atau dibatalkan (children still open)`,
      details: { openChildren: open.map((c) => ({ id: c.id, status: c.status })) },
    };
  }
  return null;
}
