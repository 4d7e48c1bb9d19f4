import { addYears, IsoDate, isIsoDate } from './calendar';

/**
 * THE rule for the day a dossier's retention clock starts when it is closed, and for the pause a
 * rejected proposal puts on a dossier. Pure: the caller passes today (Asia/Jakarta).
 *
 * Closing: today by default. Records of earlier elections entered now may be closed on a past
 * date (`closedOn`), with a reason: never after today, never before the dossier's period start,
 * and — "the period end counts" — never before its recorded period end, since records were still
 * being added until then (a wrong period end is corrected first, PATCH periodEnd). The check is
 * refused rather than silently moved to the period end, so the archivist sees the mismatch.
 */
export interface ClosingRequest {
  closedOn?: string;
  reason?: string;
}

export type ClosingDecision =
  | { ok: true; closedOn: IsoDate; retroactive: boolean; reason: string | null }
  | { ok: false; field: 'closedOn' | 'reason'; code: string; kind: 'VALIDATION' | 'UNPROCESSABLE'; reason: string };

export const MIN_REASON = 5;

export function closingDate(req: ClosingRequest, d: { today: IsoDate; periodStart: IsoDate; periodEnd: IsoDate | null }): ClosingDecision {
  if (req.closedOn === undefined) return { ok: true, closedOn: d.today, retroactive: false, reason: null };
  const closedOn = req.closedOn;
  if (!isIsoDate(closedOn)) return { ok: false, field: 'closedOn', code: 'VALIDATION_FAILED', kind: 'VALIDATION', reason: 'tanggal kalender YYYY-MM-DD' };
  if (closedOn > d.today) return { ok: false, field: 'closedOn', code: 'CLOSED_ON_IN_FUTURE', kind: 'UNPROCESSABLE', reason: `tidak boleh sesudah hari ini (${d.today})` };
  if (closedOn < d.periodStart) return { ok: false, field: 'closedOn', code: 'CLOSED_ON_BEFORE_PERIOD', kind: 'UNPROCESSABLE', reason: `tidak boleh sebelum periode mulai berkas (${d.periodStart})` };
  if (closedOn === d.today) return { ok: true, closedOn, retroactive: false, reason: null };
  if (d.periodEnd && closedOn < d.periodEnd) {
    return { ok: false, field: 'closedOn', code: 'CLOSED_ON_BEFORE_PERIOD_END', kind: 'UNPROCESSABLE', reason: `tidak boleh sebelum periode akhir berkas (${d.periodEnd}); ubah periode akhir dahulu bila keliru` };
  }
  const reason = req.reason?.trim() ?? '';
  if (reason.length < MIN_REASON) return { ok: false, field: 'reason', code: 'CLOSE_REASON_REQUIRED', kind: 'VALIDATION', reason: `wajib diisi (minimal ${MIN_REASON} karakter) bila berkas ditutup dengan tanggal lampau` };
  return { ok: true, closedOn, retroactive: true, reason };
}

/**
 * A rejected proposal: its dossiers are not proposed again before `notBefore` — chosen by the
 * rejecting approver, after today and at most 10 years ahead; one year from today by default.
 */
export const NOT_BEFORE_MAX_YEARS = 10;

export function rejectionPause(notBefore: string | undefined, today: IsoDate): { ok: true; notBefore: IsoDate } | { ok: false; reason: string } {
  if (notBefore === undefined) return { ok: true, notBefore: addYears(today, 1) };
  if (!isIsoDate(notBefore)) return { ok: false, reason: 'tanggal kalender YYYY-MM-DD' };
  const max = addYears(today, NOT_BEFORE_MAX_YEARS);
  if (notBefore <= today || notBefore > max) return { ok: false, reason: `harus sesudah hari ini (${today}) dan paling lambat ${max}` };
  return { ok: true, notBefore };
}
