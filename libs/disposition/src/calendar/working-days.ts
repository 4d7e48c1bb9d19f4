import { jakartaParts } from '@naskah/core';

/**
 * Working days on the office calendar (Asia/Jakarta): Monday to Friday, except national holidays
 * and cuti bersama. Dates are ISO strings `YYYY-MM-DD` (Jakarta calendar days); nothing here
 * reads the clock or the database, so the rule is easy to test and to change.
 */
export type IsoDate = string;

export interface HolidayCalendar {
  isHoliday(date: IsoDate): boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** No deadline is further away than this; also bounds every walk over the calendar. */
export const MAX_WORKING_DAYS = 260;
const MAX_WALK_DAYS = 3660;

export function calendarOf(dates: Iterable<IsoDate>): HolidayCalendar {
  const set = new Set(dates);
  return { isHoliday: (d) => set.has(d) };
}

export function isIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parse(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return new Date(`${date}T00:00:00.000Z`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Jakarta calendar day of an instant. */
export function jakartaDate(at: Date): IsoDate {
  const { year, month, day } = jakartaParts(at);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isWeekend(date: IsoDate): boolean {
  const dow = parse(date).getUTCDay();
  return dow === 0 || dow === 6;
}

export function isWorkingDay(date: IsoDate, cal: HolidayCalendar): boolean {
  return !isWeekend(date) && !cal.isHoliday(date);
}

/** The n-th working day after `from` (which itself is not counted): 3 working days from a Friday is the Wednesday after. */
export function addWorkingDays(from: IsoDate, n: number, cal: HolidayCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) throw new RangeError(`working days must be an integer from 1 to ${MAX_WORKING_DAYS}`);
  let d = from;
  for (let counted = 0, walked = 0; counted < n; walked++) {
    if (walked > MAX_WALK_DAYS) throw new RangeError('the holiday calendar leaves no working days');
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) counted++;
  }
  return d;
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate, cal: HolidayCalendar): IsoDate {
  let d = date;
  for (let walked = 0; ; walked++) {
    if (walked > MAX_WALK_DAYS) throw new RangeError('the holiday calendar leaves no working days');
    d = addDays(d, -1);
    if (isWorkingDay(d, cal)) return d;
  }
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: HolidayCalendar): number {
  let n = 0;
  for (let d = from, walked = 0; d < to && walked <= MAX_WALK_DAYS; walked++) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) n++;
  }
  return n;
}
