import { jakartaParts } from '@naskah/core';

/** Today's date in Asia/Jakarta as YYYY-MM-DD: delegations run by office calendar days. */
export function jakartaToday(now: Date): string {
  const { year, month, day } = jakartaParts(now);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
