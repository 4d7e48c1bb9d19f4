/** The only source of "now" in domain code, so tests can move time instead of sleeping. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests can set and advance. */
export class ControllableClock extends Clock {
  private offsetMs = 0;
  private fixed: Date | null = null;
  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime() + this.offsetMs) : new Date(Date.now() + this.offsetMs);
  }
  set(at: Date): void {
    this.fixed = at;
    this.offsetMs = 0;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

const JAKARTA_OFFSET_MS = 7 * 3600 * 1000;
/** Calendar parts of an instant in Asia/Jakarta (UTC+7, no DST). */
export function jakartaParts(at: Date): { year: number; month: number; day: number } {
  const d = new Date(at.getTime() + JAKARTA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** A DATE column value as 'YYYY-MM-DD' (mysql2 gives a Date at UTC midnight with timezone 'Z', or a string). */
export function toIsoDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}
