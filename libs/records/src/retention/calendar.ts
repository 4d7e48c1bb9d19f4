import { jakartaParts, toIsoDate as toIsoDateCore } from '@naskah/core';

/** Calendar dates as 'YYYY-MM-DD' strings: retention runs by office calendar days (Asia/Jakarta). */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Today in Asia/Jakarta. */
export function jakartaDate(at: Date): IsoDate {
  const { year, month, day } = jakartaParts(at);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const ny = y + years;
  const leap = (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${pad(ny, 4)}-${pad(m)}-${pad(day)}`;
}

/** A DATE column value as 'YYYY-MM-DD' (the shared helper of libs/core). */
export const toIsoDate: (v: unknown) => IsoDate | null = toIsoDateCore;

/** First and last day of the month and of the quarter containing `date`. */
export function periodsOf(date: IsoDate): { month: [IsoDate, IsoDate]; quarter: [IsoDate, IsoDate] } {
  const [y, m] = date.split('-').map(Number);
  const last = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  const q0 = Math.floor((m - 1) / 3) * 3 + 1;
  return {
    month: [`${pad(y, 4)}-${pad(m)}-01`, `${pad(y, 4)}-${pad(m)}-${pad(last(y, m))}`],
    quarter: [`${pad(y, 4)}-${pad(q0)}-01`, `${pad(y, 4)}-${pad(q0 + 2)}-${pad(last(y, q0 + 2))}`],
  };
}
