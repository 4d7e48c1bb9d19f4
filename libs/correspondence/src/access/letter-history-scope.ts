/**
 * What of a letter's history (its audit events) a viewer may read. Each office's work on a letter is
 * its own record: the drafting office's review (return notes, revisions, who approved), a receiving
 * office's dispositions, filing and destruction of its copy are not another office's business.
 *
 * - Events recorded at one of the viewer's offices (own office, and the offices of the positions they
 *   act for today): shown whole.
 * - The letter's own office (the drafting or registering office) sees the delivery tracking of other
 *   offices — delivered, read, forwarded, returned to the sender (with the reason, written to it) —
 *   without forwarding notes or the user who acted (the tracking tab names who has read it).
 * - Every other viewer sees the letter's public milestones from its own office — signed (with its
 *   number), sent, registered — and a forwarding addressed to one of their offices with its note
 *   (the note is written to them); nothing else of another office, and never the acting user.
 */
export interface HistoryEvent {
  actorUserId: number | null;
  officeId: number | null;
  action: string;
  before: unknown;
  after: unknown;
}

export interface HistoryScope {
  /** The office the letter belongs to (drafted or registered there). */
  letterOfficeId: number;
  /** The viewer's own office and the offices of the positions they act for. */
  viewerOfficeIds: number[];
}

const TRACKING = new Set(['LETTER_DELIVERED', 'LETTER_READ', 'LETTER_FORWARDED', 'LETTER_RETURNED_TO_SENDER']);
const MILESTONES = new Set(['LETTER_SIGNED', 'LETTER_SENT', 'LETTER_REGISTERED']);

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function scopeLetterHistory<E extends HistoryEvent>(events: E[], scope: HistoryScope): E[] {
  const mine = new Set(scope.viewerOfficeIds);
  const owner = mine.has(scope.letterOfficeId);
  const out: E[] = [];
  for (const ev of events) {
    if (ev.officeId !== null && mine.has(ev.officeId)) {
      out.push(ev);
      continue;
    }
    const after = obj(ev.after);
    if (owner && TRACKING.has(ev.action)) {
      const kept: Record<string, unknown> = {};
      if (typeof after.status === 'string') kept.status = after.status;
      // a return is written to the sender: its reason is theirs to read
      if (ev.action === 'LETTER_RETURNED_TO_SENDER' && typeof after.reason === 'string') kept.reason = after.reason;
      out.push({ ...ev, actorUserId: null, before: null, after: Object.keys(kept).length ? kept : null });
    } else if (ev.officeId === scope.letterOfficeId && MILESTONES.has(ev.action)) {
      out.push({ ...ev, actorUserId: null, before: null, after: typeof after.number === 'string' ? { number: after.number } : null });
    } else if (ev.action === 'LETTER_FORWARDED' && Array.isArray(after.to) && after.to.some((t) => mine.has(Number(obj(t).officeId)))) {
      out.push({ ...ev, actorUserId: null, before: null, after: typeof after.note === 'string' && after.note ? { note: after.note } : null });
    }
  }
  return out;
}
