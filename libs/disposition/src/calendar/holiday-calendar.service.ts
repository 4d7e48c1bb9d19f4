import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, notFound } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';
import { ActingPositionsCache } from '@naskah/identity';
import { isDuplicateKey } from '@naskah/db';
import { fieldError } from '../disposition.errors';
import { addWorkingDays, calendarOf, HolidayCalendar, IsoDate, isIsoDate, isWeekend, isWorkingDay, jakartaDate } from './working-days';
import type { DispositionView } from '../disposition.types';

export type HolidayKind = 'LIBUR_NASIONAL' | 'CUTI_BERSAMA';

export interface HolidayView {
  id: number;
  date: IsoDate;
  kind: HolidayKind;
  name: string;
  source: string | null;
  isEstimate: boolean;
}

/** A deadline as the API takes it: a date, or N working days from today. */
export interface DeadlineInput {
  deadline?: string | null;
  workingDays?: number | null;
}

const CACHE_MS = 60_000;
const HOLIDAYS_TOPIC = 'holidays';

/** The configurable holiday calendar (national holidays and cuti bersama), cached per process for 60 s at most and dropped in every process when it changes. */
@Injectable()
export class HolidayCalendarService {
  private cached: { at: number; cal: HolidayCalendar } | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly changes: ActingPositionsCache,
  ) {
    // a change made by any process drops every process's copy at once (issue 11, item 17)
    changes.onTopic(HOLIDAYS_TOPIC, () => (this.cached = null));
  }

  async calendar(): Promise<HolidayCalendar> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.cal;
    const rows: { d: string }[] = await this.ds.query("SELECT DISTINCT DATE_FORMAT(holiday_date, '%Y-%m-%d') AS d FROM holidays");
    const cal = calendarOf(rows.map((r) => r.d));
    this.cached = { at: now, cal };
    return cal;
  }

  today(): IsoDate {
    return jakartaDate(this.clock.now());
  }

  /** The deadline date of an input, or null for none; 400 for both or a bad date, 422 for a day already past. */
  async resolve(input: DeadlineInput): Promise<IsoDate | null> {
    const { deadline, workingDays } = input;
    if (deadline != null && workingDays != null) throw fieldError('deadline', 'isi deadline atau workingDays, bukan keduanya');
    if (workingDays != null) return addWorkingDays(this.today(), workingDays, await this.calendar());
    if (deadline == null) return null;
    if (!isIsoDate(deadline)) throw fieldError('deadline', 'harus tanggal YYYY-MM-DD');
    if (deadline < this.today()) throw fieldError('deadline', `tanggal ${deadline} sudah lewat`, 'DEADLINE_IN_PAST', 'UNPROCESSABLE');
    return deadline;
  }

  /** A warning when a deadline falls on a weekend or a holiday (null otherwise), naming the day and the next working day. */
  async deadlineWarning(deadline: IsoDate | null): Promise<DispositionView['deadlineWarning']> {
    if (!deadline) return null;
    const cal = await this.calendar();
    if (isWorkingDay(deadline, cal)) return null;
    const [holiday] = isWeekend(deadline)
      ? []
      : await this.ds.query("SELECT name FROM holidays WHERE holiday_date = ? ORDER BY kind LIMIT 1", [deadline]);
    const day = new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${deadline}T00:00:00Z`));
    const why = holiday ? `hari libur (${holiday.name})` : 'akhir pekan';
    const next = addWorkingDays(deadline, 1, cal);
    return { code: 'DEADLINE_NOT_WORKING_DAY', message: `Tenggat ${day} jatuh pada ${why}, bukan hari kerja; hari kerja berikutnya ${next}`, nextWorkingDay: next };
  }

  async list(year?: number): Promise<HolidayView[]> {
    const rows = await this.ds.query(
      `SELECT id, DATE_FORMAT(holiday_date, '%Y-%m-%d') AS d, kind, name, source, is_estimate FROM holidays ${year ? 'WHERE YEAR(holiday_date) = ?' : ''} ORDER BY holiday_date, kind`,
      year ? [year] : [],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: Number(r.id), date: String(r.d), kind: r.kind as HolidayKind, name: String(r.name), source: (r.source as string) ?? null, isEstimate: Boolean(Number(r.is_estimate)),
    }));
  }

  async add(actor: Actor, input: { date: IsoDate; kind: HolidayKind; name: string; source?: string }): Promise<HolidayView> {
    if (!isIsoDate(input.date)) throw fieldError('date', 'harus tanggal YYYY-MM-DD');
    const id = await this.ds.transaction(async (em) => {
      let res: { insertId: number };
      try {
        res = await em.query('INSERT INTO holidays (holiday_date, kind, name, source) VALUES (?, ?, ?, ?)', [input.date, input.kind, input.name, input.source ?? null]);
      } catch (err) {
        if (isDuplicateKey(err, 'uq_holidays_date_kind')) throw fieldError('date', `${input.date} sudah tercatat sebagai ${input.kind}`, 'HOLIDAY_EXISTS', 'UNPROCESSABLE');
        throw err;
      }
      await this.audit.record(em, actor, { action: 'HOLIDAY_ADDED', entityType: 'holiday', entityId: res.insertId, after: input });
      return Number(res.insertId);
    });
    await this.changes.announce(HOLIDAYS_TOPIC);
    return (await this.list()).find((h) => h.id === id)!;
  }

  async remove(actor: Actor, id: number): Promise<void> {
    await this.ds.transaction(async (em: EntityManager) => {
      const [row] = await em.query("SELECT id, DATE_FORMAT(holiday_date, '%Y-%m-%d') AS d, kind, name FROM holidays WHERE id = ? FOR UPDATE", [id]);
      if (!row) throw notFound('Hari libur', id);
      await em.query('DELETE FROM holidays WHERE id = ?', [id]);
      await this.audit.record(em, actor, { action: 'HOLIDAY_REMOVED', entityType: 'holiday', entityId: id, before: { date: row.d, kind: row.kind, name: row.name } });
    });
    await this.changes.announce(HOLIDAYS_TOPIC);
  }

  /** Previews a deadline N working days from a day (default today), with the days it skipped. */
  async preview(workingDays: number, from?: IsoDate): Promise<{ from: IsoDate; workingDays: number; deadline: IsoDate }> {
    const start = from ?? this.today();
    if (!isIsoDate(start)) throw fieldError('from', 'harus tanggal YYYY-MM-DD');
    return { from: start, workingDays, deadline: addWorkingDays(start, workingDays, await this.calendar()) };
  }
}
