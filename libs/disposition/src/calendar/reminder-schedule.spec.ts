import { atWib, dueAtOf, isOverdue, reminderPlan } from './reminder-schedule';
import { calendarOf } from './working-days';

const cal = calendarOf(['2026-12-24', '2026-12-25']);

describe('reminder schedule of a deadline', () => {
  it('reminds at 08:00 WIB the working day before and on the day, escalates when the day is over', () => {
    const plan = reminderPlan('2026-12-28', cal, new Date('2026-12-01T00:00:00Z'));
    expect(plan.map((p) => [p.kind, p.runAt.toISOString()])).toEqual([
      ['BEFORE', '2026-12-23T01:00:00.000Z'], // Wed 23 Dec 08:00 WIB: 24 (cuti bersama), 25 (Natal) and the weekend are skipped
      ['DUE', '2026-12-28T01:00:00.000Z'],
      ['ESCALATE', '2026-12-28T17:00:00.000Z'], // Tue 29 Dec 00:00 WIB
    ]);
  });

  it('leaves out what is already past', () => {
    expect(reminderPlan('2026-12-28', cal, new Date('2026-12-23T01:00:00Z')).map((p) => p.kind)).toEqual(['DUE', 'ESCALATE']);
    expect(reminderPlan('2026-12-28', cal, new Date('2026-12-28T03:00:00Z')).map((p) => p.kind)).toEqual(['ESCALATE']);
    expect(reminderPlan('2026-12-28', cal, new Date('2026-12-28T17:00:00Z'))).toEqual([]);
  });

  it('is overdue from 00:00 WIB after the deadline day', () => {
    expect(dueAtOf('2026-12-28').toISOString()).toBe('2026-12-28T17:00:00.000Z');
    expect(isOverdue('2026-12-28', new Date('2026-12-28T16:59:59.999Z'))).toBe(false);
    expect(isOverdue('2026-12-28', new Date('2026-12-28T17:00:00.000Z'))).toBe(true);
    expect(isOverdue(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(atWib('2026-01-01', 8).toISOString()).toBe('2026-01-01T01:00:00.000Z');
  });
});
