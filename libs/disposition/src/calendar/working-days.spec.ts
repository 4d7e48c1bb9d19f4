import fc from 'fast-check';
import { addDays, addWorkingDays, calendarOf, isIsoDate, isWorkingDay, jakartaDate, previousWorkingDay, workingDaysBetween } from './working-days';

// Part of the 2026 SKB list: Natal and its cuti bersama, Idul Fitri 1447 H with Nyepi around it.
const cal = calendarOf(['2026-12-24', '2026-12-25', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24', '2027-01-01']);
const none = calendarOf([]);

describe('working days (Asia/Jakarta, holiday calendar)', () => {
  it('counts Monday to Friday and skips weekends', () => {
    expect(addWorkingDays('2026-11-23', 1, none)).toBe('2026-11-24'); // Mon → Tue
    expect(addWorkingDays('2026-11-27', 1, none)).toBe('2026-11-30'); // Fri → Mon
    expect(addWorkingDays('2026-11-28', 1, none)).toBe('2026-11-30'); // Sat → Mon
    expect(addWorkingDays('2026-11-27', 3, none)).toBe('2026-12-02'); // Fri → Wed
    expect(addWorkingDays('2026-11-23', 5, none)).toBe('2026-11-30');
  });

  it('skips national holidays and cuti bersama', () => {
    expect(addWorkingDays('2026-12-23', 1, cal)).toBe('2026-12-28'); // Wed → Mon over Natal + cuti bersama + weekend
    expect(addWorkingDays('2026-03-17', 1, cal)).toBe('2026-03-25'); // Lebaran and Nyepi: a week off
    expect(addWorkingDays('2026-12-30', 2, cal)).toBe('2027-01-04'); // over New Year's Day and the weekend
  });

  it('finds the working day before a deadline', () => {
    expect(previousWorkingDay('2026-12-28', cal)).toBe('2026-12-23');
    expect(previousWorkingDay('2026-11-24', none)).toBe('2026-11-23');
    expect(previousWorkingDay('2026-11-30', none)).toBe('2026-11-27');
    expect(previousWorkingDay('2026-03-25', cal)).toBe('2026-03-17');
  });

  it('tells working days, and counts them between two dates', () => {
    expect(isWorkingDay('2026-12-25', cal)).toBe(false);
    expect(isWorkingDay('2026-12-26', cal)).toBe(false);
    expect(isWorkingDay('2026-12-28', cal)).toBe(true);
    expect(workingDaysBetween('2026-12-23', '2026-12-28', cal)).toBe(1);
    expect(workingDaysBetween('2026-12-28', '2026-12-23', cal)).toBe(0);
  });

  it('takes the calendar day in Jakarta, not in UTC', () => {
    expect(jakartaDate(new Date('2026-12-27T16:59:59.999Z'))).toBe('2026-12-27');
    expect(jakartaDate(new Date('2026-12-27T17:00:00.000Z'))).toBe('2026-12-28');
  });

  it('rejects bad dates and bad counts', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 0, none)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5, none)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 261, none)).toThrow(RangeError);
  });

  it('stops on a calendar without working days instead of looping for ever', () => {
    const everything = { isHoliday: () => true };
    expect(() => addWorkingDays('2026-11-23', 1, everything)).toThrow(/no working days/);
    expect(() => previousWorkingDay('2026-11-23', everything)).toThrow(/no working days/);
  });

  it('always lands on a working day after the start, n working days on (property)', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const to = addWorkingDays(from, n, cal);
        return to > from && isWorkingDay(to, cal) && workingDaysBetween(from, to, cal) === n && (n === 1 || previousWorkingDay(to, cal) > from);
      }),
    );
  });
});
