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
  /** The position that acted (names its holder) and in what capacity (a Plt/Plh): another office's are not shown. */
  actorPositionId?: number | null;
  capacity?: string | null;
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

/** Another office's event without who acted there: no user, no position, no capacity (a system event stays one). */
function anonymous<E extends HistoryEvent>(ev: E): E {
  const out = { ...ev, actorUserId: null };
  if ('actorPositionId' in ev) out.actorPositionId = null;
  if ('capacity' in ev) out.capacity = ev.capacity === 'SYSTEM' ? 'SYSTEM' : null;
  return out;
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
      out.push({ ...anonymous(ev), before: null, after: Object.keys(kept).length ? kept : null });
    } else if (ev.officeId === scope.letterOfficeId && MILESTONES.has(ev.action)) {
      out.push({ ...anonymous(ev), before: null, after: typeof after.number === 'string' ? { number: after.number } : null });
    } else if (ev.action === 'LETTER_FORWARDED' && Array.isArray(after.to) && after.to.some((t) => mine.has(Number(obj(t).officeId)))) {
      out.push({ ...anonymous(ev), before: null, after: typeof after.note === 'string' && after.note ? { note: after.note } : null });
    }
  }
  return out;
}

/**
 * The same rule for the letter itself: the drafting office's review (who approved, who returned it
 * and why, how many rounds it took — a second round means it was returned) and who drafted it (the
 * konseptor: the letter speaks for its signer) are its own; a viewer of another office (a
 * recipient, a relay) reads the letter without them.
 */
export function scopeLetterView<
  L extends { officeId: number; reviews: unknown[]; reviewerPositionIds: number[]; drafterUserId: number; drafterPositionId: number; reviewRound: number; currentStep: number | null },
>(
  letter: L,
  viewerOfficeIds: number[],
): Omit<L, 'drafterUserId' | 'drafterPositionId' | 'reviewRound'> & { drafterUserId: number | null; drafterPositionId: number | null; reviewRound: number | null } {
  if (viewerOfficeIds.includes(letter.officeId)) return letter;
  return { ...letter, reviews: [], reviewerPositionIds: [], drafterUserId: null, drafterPositionId: null, reviewRound: null, currentStep: null };
}

/** A received copy seen by someone not holding it: another office's follow-up note, reader and the note written to it stay there. */
export function scopeDeliveryView<
  D extends { officeId: number; actNote: string | null; readByUserId: number | null; via: { officeId: number; note: string | null } | null },
>(d: D, viewerOfficeIds: number[]): D {
  if (viewerOfficeIds.includes(d.officeId)) return d;
  return { ...d, actNote: null, readByUserId: null, via: d.via && !viewerOfficeIds.includes(d.via.officeId) ? { ...d.via, note: null } : d.via };
}

/**
 * A delivery's route (origin → relays → here) shows a viewer how the letter came to their office
 * whole — who sent or forwarded it and the notes written on the way; past their office's last hop,
 * where it went and when, without who acted there or what they wrote. A viewer on no hop sees none.
 */
export function scopeRoute<H extends { office: { id: number }; by: unknown; note: string | null }>(hops: H[], viewerOfficeIds: number[]): H[] {
  let last = -1;
  hops.forEach((h, i) => {
    if (viewerOfficeIds.includes(h.office.id)) last = i;
  });
  return hops.map((h, i) => (i <= last ? h : { ...h, by: null, note: null }));
}
