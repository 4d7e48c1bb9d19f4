/**
 * Where one delivery of a sent letter stands, for the sender's tracking (issue 12, item 4). The
 * first rule that holds, in this order:
 *  1. RETURNED  (dikembalikan)     the receiving office returned it (deliveries.status RETURNED);
 *  2. ACTED     (ditindaklanjuti)  dispositions were made on it and every one of them made on the
 *                                  delivery itself (top level, not cancelled) is DONE — its
 *                                  follow-up report is in; time: the last of their completions;
 *  3. DISPOSED  (didisposisikan)   at least one such disposition exists (not cancelled); time: the first;
 *  4. FORWARDED (diteruskan)       the receiving position forwarded it (deliveries.status FORWARDED;
 *                                  time: deliveries.acted_at);
 *  5. READ      (dibaca)           opened (deliveries.read_at);
 *  6. UNREAD    (belum dibaca)     none of the above.
 * `deliveries.acted_at` is written only when a delivery is forwarded or returned, so it marks
 * rules 1 and 4, never "ditindaklanjuti" on its own.
 *
 * The rule lives here once, as SQL over `d` (deliveries) and `x` (the delivery's top-level live
 * dispositions, from DISPOSITION_FACTS), used by the list, its filter, the counts and the reminder.
 */
export const TRACKING_STATUSES = ['UNREAD', 'READ', 'FORWARDED', 'DISPOSED', 'ACTED', 'RETURNED'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const TRACKING_STATUS_LABELS: Record<TrackingStatus, string> = {
  UNREAD: 'belum dibaca',
  READ: 'dibaca',
  FORWARDED: 'diteruskan',
  DISPOSED: 'didisposisikan',
  ACTED: 'ditindaklanjuti',
  RETURNED: 'dikembalikan',
};

/** Rules in the order they are tried (see above). */
export const TRACKING_RULES: readonly { status: TrackingStatus; when: string }[] = [
  { status: 'RETURNED', when: "d.status = 'RETURNED'" },
  { status: 'ACTED', when: 'x.live_roots > 0 AND x.done_roots = x.live_roots' },
  { status: 'DISPOSED', when: 'x.live_roots > 0' },
  { status: 'FORWARDED', when: "d.status = 'FORWARDED'" },
  { status: 'READ', when: 'd.read_at IS NOT NULL' },
];

/** The status of `d` as one SQL expression. */
export const TRACKING_STATUS_SQL = `(CASE ${TRACKING_RULES.map((r) => `WHEN ${r.when} THEN '${r.status}'`).join(' ')} ELSE 'UNREAD' END)`;

/** Per delivery of one letter (`:letterId`): its top-level dispositions that are not cancelled. Joined as `x` ON x.delivery_id = d.id. */
export const DISPOSITION_FACTS = `SELECT delivery_id, COUNT(*) AS live_roots, SUM(status = 'DONE') AS done_roots, MIN(created_at) AS disposed_at, MAX(completed_at) AS done_at
  FROM dispositions WHERE letter_id = :letterId AND parent_id IS NULL AND status <> 'CANCELLED' GROUP BY delivery_id`;

export function emptyCounts(): Record<TrackingStatus, number> & { total: number } {
  return { UNREAD: 0, READ: 0, FORWARDED: 0, DISPOSED: 0, ACTED: 0, RETURNED: 0, total: 0 };
}
