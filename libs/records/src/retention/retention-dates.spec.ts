import { addYears, isIsoDate, jakartaDate, periodsOf } from './calendar';
import { computeRetention, isNotShorter, reappraisalStillNeeded, ruleAtScheduling, RuleVersion, rulesInForceFrom, sweepDueOf } from './retention-dates';

const rule = (over: Partial<RuleVersion> = {}): RuleVersion => ({
  ruleId: 7, scheduleVersion: 2, effectiveFrom: '2024-01-01', classificationCode: 'TU.05.1', activeYears: 2, inactiveYears: 8,
  trigger: 'CLOSED', finalAction: 'MUSNAH', source: 'retensi: CONTOH', isDemo: true, ...over,
});

describe('calendar', () => {
  it('adds years, turning 29 February into 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-12-31', 0)).toBe('2026-12-31');
  });
  it('reads today in Jakarta (UTC+7): 18:00 UTC is already tomorrow', () => {
    expect(jakartaDate(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(jakartaDate(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
  it('validates calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-28')).toBe(false);
  });
  it('knows the month and quarter of a date', () => {
    expect(periodsOf('2028-02-10')).toEqual({ month: ['2028-02-01', '2028-02-29'], quarter: ['2028-01-01', '2028-03-31'] });
    expect(periodsOf('2026-11-30').quarter).toEqual(['2026-10-01', '2026-12-31']);
  });
});

describe('retention dates and why', () => {
  it('starts the clock when the dossier is closed: active until +2 years, inactive until +8 more, then destroy', () => {
    const r = computeRetention(rule(), { closedOn: '2026-03-10', eventDate: null });
    expect(r).toMatchObject({ triggerDate: '2026-03-10', activeUntil: '2028-03-10', inactiveUntil: '2036-03-10', finalAction: 'MUSNAH', retentionYears: 10 });
    expect(r.why).toMatchObject({ ruleId: 7, scheduleVersion: 2, effectiveFrom: '2024-01-01', trigger: 'CLOSED', triggerDate: '2026-03-10', isDemo: true, waitingFor: null });
    expect(r.why.text).toContain('JRA versi 2');
    expect(r.why.text).toContain('CONTOH');
    expect(r.why.text).toContain('s.d. 2036-03-10');
  });

  it('runs from a past closing date and says it was closed retroactively, and why', () => {
    const r = computeRetention(rule(), { closedOn: '2019-06-30', eventDate: null, retroactive: { recordedOn: '2026-03-02', reason: 'Arsip Pemilu 2019' } });
    expect(r).toMatchObject({ triggerDate: '2019-06-30', activeUntil: '2021-06-30', inactiveUntil: '2029-06-30' });
    expect(r.why.closedRetroactively).toEqual({ closedOn: '2019-06-30', recordedOn: '2026-03-02', reason: 'Arsip Pemilu 2019' });
    expect(r.why.text).toContain('berlaku surut per 2019-06-30 (dicatat 2026-03-02), alasan: Arsip Pemilu 2019');
    expect(computeRetention(rule(), { closedOn: '2026-03-10', eventDate: null }).why.closedRetroactively).toBeNull();
  });

  it('waits for closing, or for the event date when the rule is triggered by an event', () => {
    expect(computeRetention(rule(), { closedOn: null, eventDate: null })).toMatchObject({ activeUntil: null, inactiveUntil: null, why: { waitingFor: 'CLOSING' } });
    const ev = rule({ trigger: 'EVENT' });
    expect(computeRetention(ev, { closedOn: '2026-01-01', eventDate: null }).why.waitingFor).toBe('EVENT_DATE');
    expect(computeRetention(ev, { closedOn: '2026-01-01', eventDate: '2027-06-30' })).toMatchObject({ triggerDate: '2027-06-30', activeUntil: '2029-06-30' });
  });

  it('applies a recorded re-appraisal: extra inactive years and another final action', () => {
    const r = computeRetention(rule({ finalAction: 'DINILAI_KEMBALI' }), { closedOn: '2026-01-01', eventDate: null }, { extraYears: 5, finalActionOverride: 'PERMANEN' });
    expect(r).toMatchObject({ inactiveUntil: '2041-01-01', finalAction: 'PERMANEN', retentionYears: 15, why: { extraYears: 5, finalActionFrom: 'REAPPRAISAL' } });
  });

  it('tells a shortening rule from one that keeps records at least as long', () => {
    const base = rule();
    expect(isNotShorter(base, rule({ inactiveYears: 9 }))).toBe(true);
    expect(isNotShorter(base, rule({ finalAction: 'PERMANEN' }))).toBe(true);
    expect(isNotShorter(base, rule({ inactiveYears: 7 }))).toBe(false);
    expect(isNotShorter(base, rule({ activeYears: 1, inactiveYears: 20 }))).toBe(false);
    expect(isNotShorter(rule({ finalAction: 'PERMANEN' }), rule({ inactiveYears: 30 }))).toBe(false);
    expect(isNotShorter(base, rule({ trigger: 'EVENT' }))).toBe(false);
  });

  it('schedules under the rule in force unless it would shorten the pinned one', () => {
    const pinned = rule();
    expect(ruleAtScheduling(pinned, null)).toMatchObject({ rule: pinned, switched: false, reappraisalNeeded: false });
    const longer = rule({ ruleId: 9, inactiveYears: 10 });
    expect(ruleAtScheduling(pinned, longer)).toMatchObject({ rule: longer, switched: true });
    const shorter = rule({ ruleId: 9, inactiveYears: 3 });
    expect(ruleAtScheduling(pinned, shorter)).toMatchObject({ rule: pinned, switched: false, reappraisalNeeded: true });
  });

  it('is due for the sweep at the end of the current period only', () => {
    const d = { activeUntil: '2028-03-10', inactiveUntil: '2036-03-10' };
    expect(sweepDueOf('CLOSED', d)).toBe('2028-03-10');
    expect(sweepDueOf('INACTIVE', d)).toBe('2036-03-10');
    for (const s of ['ACTIVE', 'REVIEW', 'DESTROYED', 'HANDED_OVER'] as const) expect(sweepDueOf(s, d)).toBeNull();
    // a rejected proposal's pause moves it later, never earlier
    expect(sweepDueOf('CLOSED', d, '2029-01-01')).toBe('2029-01-01');
    expect(sweepDueOf('CLOSED', d, '2027-01-01')).toBe('2028-03-10');
    expect(sweepDueOf('REVIEW', d, '2029-01-01')).toBeNull();
  });

  it('keeps a re-appraisal flag only while a version in force today or later shortens the pinned rule', () => {
    const v = (ruleId: number, scheduleVersion: number, effectiveFrom: string, over: Partial<RuleVersion> = {}) => rule({ ruleId, scheduleVersion, effectiveFrom, ...over });
    const pinned = v(1, 1, '1970-01-01');
    const shorter = v(2, 2, '2026-03-01', { inactiveYears: 2 });
    const restored = v(3, 3, '2026-03-01', { inactiveYears: 8 });
    // version 2 shortens and is in force: needed; version 3 (same day, later) restores it: not needed any more
    expect(reappraisalStillNeeded(pinned, [pinned, shorter], '2026-03-02')).toBe(true);
    expect(reappraisalStillNeeded(pinned, [pinned, shorter, restored], '2026-03-02')).toBe(false);
    // a shortening version coming into force next year still matters, whatever is in force today
    const future = v(4, 4, '2027-01-01', { inactiveYears: 2 });
    expect(reappraisalStillNeeded(pinned, [pinned, restored, future], '2026-03-02')).toBe(true);
    // ... unless a later version for the same day shadows it
    const shadow = v(5, 5, '2027-01-01', { inactiveYears: 9 });
    expect(reappraisalStillNeeded(pinned, [pinned, restored, future, shadow], '2026-03-02')).toBe(false);
    expect(rulesInForceFrom([pinned, shorter, restored, future, shadow], '2026-03-02').map((x) => x.ruleId)).toEqual([3, 5]);
  });
});
