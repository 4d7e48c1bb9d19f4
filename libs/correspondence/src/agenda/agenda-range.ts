import { DomainError, isCalendarDate } from '@naskah/core';

/** The longest range one register may cover (a leap year and a day to spare). */
export const AGENDA_MAX_DAYS = 366;
export const AGENDA_FORMATS = ['xlsx', 'pdf'] as const;
export type AgendaFormat = (typeof AGENDA_FORMATS)[number];

export interface AgendaRange {
  from: string;
  to: string;
  /** from 00:00 WIB of `from` (inclusive) … */
  start: Date;
  /** … to 00:00 WIB of the day after `to` (exclusive) */
  end: Date;
}

const bad = (field: string, reason: string) =>
  new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: ${reason}`, { fields: [{ field, reason }] });

const WIB_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/**
 * A register's date range: two real calendar days (YYYY-MM-DD, days in WIB, both inclusive),
 * `to` not before `from`, at most {@link AGENDA_MAX_DAYS} days; the format xlsx or pdf.
 * Every refusal is a 400 naming the field.
 */
export function agendaRange(q: { from?: unknown; to?: unknown; format?: unknown }): AgendaRange & { format: AgendaFormat } {
  const date = (field: 'from' | 'to', v: unknown) => {
    if (v === undefined || v === null || v === '') throw bad(field, 'wajib diisi, tanggal YYYY-MM-DD (required)');
    if (!isCalendarDate(v)) throw bad(field, 'harus tanggal yang ada di kalender, YYYY-MM-DD (must be a real calendar date)');
    return String(v);
  };
  const from = date('from', q.from);
  const to = date('to', q.to);
  if (to < from) throw bad('to', 'tidak boleh sebelum from (must not be before from)');
  const start = new Date(Date.parse(`${from}T00:00:00Z`) - WIB_MS);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS - WIB_MS);
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days > AGENDA_MAX_DAYS) throw bad('to', `rentang paling lama ${AGENDA_MAX_DAYS} hari, diminta ${days} hari (range at most ${AGENDA_MAX_DAYS} days)`);
  const format = q.format === undefined || q.format === '' ? 'xlsx' : q.format;
  if (!AGENDA_FORMATS.includes(format as AgendaFormat)) throw bad('format', `harus salah satu dari ${AGENDA_FORMATS.join(', ')} (one of ${AGENDA_FORMATS.join(', ')})`);
  return { from, to, start, end, format: format as AgendaFormat };
}
