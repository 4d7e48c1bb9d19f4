import { addDays, HolidayCalendar, IsoDate, previousWorkingDay } from './working-days';

/**
 * When the reminders of a disposition run. A deadline is a Jakarta calendar day, met until the
 * end of that day:
 *  - BEFORE:   08:00 WIB on the last working day before the deadline ("besok batas waktu");
 *  - DUE:      08:00 WIB on the deadline day ("hari ini batas waktu");
 *  - ESCALATE: 00:00 WIB after the deadline day — it is now overdue: the author and the author's
 *              superior are told.
 * Times already past when the plan is made are left out (a disposition issued at 10:00 for
 * tomorrow gets no "tomorrow" reminder: its own notification just said so).
 */
export type ReminderKind = 'BEFORE' | 'DUE' | 'ESCALATE';

export const REMINDER_HOUR_WIB = 8;
const WIB_OFFSET_HOURS = 7;

export interface PlannedReminder {
  kind: ReminderKind;
  runAt: Date;
}

/** An instant at `hour`:00 WIB on a Jakarta day. */
export function atWib(date: IsoDate, hour: number): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + (hour - WIB_OFFSET_HOURS) * 3600_000);
}

/** The instant a deadline passes: the start (00:00 WIB) of the day after it. */
export function dueAtOf(deadline: IsoDate): Date {
  return atWib(addDays(deadline, 1), 0);
}

export function isOverdue(deadline: IsoDate | null, now: Date): boolean {
  return deadline !== null && now.getTime() >= dueAtOf(deadline).getTime();
}

export function reminderPlan(deadline: IsoDate, cal: HolidayCalendar, now: Date): PlannedReminder[] {
  const plan: PlannedReminder[] = [
    { kind: 'BEFORE', runAt: atWib(previousWorkingDay(deadline, cal), REMINDER_HOUR_WIB) },
    { kind: 'DUE', runAt: atWib(deadline, REMINDER_HOUR_WIB) },
    { kind: 'ESCALATE', runAt: dueAtOf(deadline) },
  ];
  return plan.filter((r) => r.runAt.getTime() > now.getTime());
}
