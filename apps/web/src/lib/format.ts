import dayjs from 'dayjs';
import 'dayjs/locale/id';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('id');

/** KPU works in WIB (Asia/Jakarta): every time users read is in WIB, whatever the PC's own zone. */
export const ZONE = 'Asia/Jakarta';
export { dayjs };

/** "4 Desember 2026 19.05 WIB" */
export function dateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v).tz(ZONE);
  return d.isValid() ? `${d.format('D MMMM YYYY HH.mm')} WIB` : '—';
}

/** "4 Des 2026, 19.05 WIB" for lists (UI.md: a time users read always says its zone). */
export function shortDateTime(v: string | Date | null | undefined): string {
  if (!v) return '—';
  const d = dayjs(v).tz(ZONE);
  return d.isValid() ? `${d.format('D MMM YYYY, HH.mm')} WIB` : '—';
}

/** A calendar date (YYYY-MM-DD or an instant): "4 Desember 2026". */
export function date(v: string | null | undefined): string {
  if (!v) return '—';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayjs(v) : dayjs(v).tz(ZONE);
  return day.isValid() ? day.format('D MMMM YYYY') : v;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;
}
