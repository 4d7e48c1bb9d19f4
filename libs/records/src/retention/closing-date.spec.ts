import { closingDate, rejectionPause } from './closing-date';

const dossier = { today: '2026-03-02', periodStart: '2019-01-01', periodEnd: null as string | null };

describe('closing date of a dossier', () => {
  it('is today when none is given, and today given explicitly is not retroactive', () => {
    expect(closingDate({}, dossier)).toEqual({ ok: true, closedOn: '2026-03-02', retroactive: false, reason: null });
    expect(closingDate({ closedOn: '2026-03-02' }, dossier)).toEqual({ ok: true, closedOn: '2026-03-02', retroactive: false, reason: null });
  });

  it('may be a past date with a reason (legacy records)', () => {
    expect(closingDate({ closedOn: '2019-06-30', reason: '  Arsip Pemilu 2019  ' }, dossier)).toEqual({ ok: true, closedOn: '2019-06-30', retroactive: true, reason: 'Arsip Pemilu 2019' });
    expect(closingDate({ closedOn: '2019-06-30' }, dossier)).toMatchObject({ ok: false, field: 'reason', code: 'CLOSE_REASON_REQUIRED', kind: 'VALIDATION' });
    expect(closingDate({ closedOn: '2019-06-30', reason: ' ab ' }, dossier)).toMatchObject({ ok: false, field: 'reason' });
  });

  it('is a real calendar day, never after today, never before the period start', () => {
    expect(closingDate({ closedOn: '2019-02-29', reason: 'lama sekali' }, dossier)).toMatchObject({ ok: false, field: 'closedOn', kind: 'VALIDATION' });
    expect(closingDate({ closedOn: '2026-03-03', reason: 'besok' }, dossier)).toMatchObject({ ok: false, field: 'closedOn', code: 'CLOSED_ON_IN_FUTURE' });
    expect(closingDate({ closedOn: '2018-12-31', reason: 'terlalu awal' }, dossier)).toMatchObject({ ok: false, field: 'closedOn', code: 'CLOSED_ON_BEFORE_PERIOD' });
    expect(closingDate({ closedOn: '2019-01-01', reason: 'hari pertama' }, dossier)).toMatchObject({ ok: true, closedOn: '2019-01-01' });
  });

  it('counts the period end: a back-dated closing before it is refused, on or after it accepted', () => {
    const ended = { ...dossier, periodEnd: '2019-12-31' };
    expect(closingDate({ closedOn: '2019-06-30', reason: 'Pemilu 2019' }, ended)).toMatchObject({ ok: false, field: 'closedOn', code: 'CLOSED_ON_BEFORE_PERIOD_END', reason: expect.stringContaining('2019-12-31') });
    expect(closingDate({ closedOn: '2019-12-31', reason: 'Pemilu 2019' }, ended)).toMatchObject({ ok: true, closedOn: '2019-12-31', retroactive: true });
    // closing today keeps working whatever the recorded period end (as before)
    expect(closingDate({}, { ...dossier, periodEnd: '2026-12-31' })).toMatchObject({ ok: true, closedOn: '2026-03-02' });
  });
});

describe('pause after a rejected proposal', () => {
  it('is one year by default, else a day after today and at most ten years ahead', () => {
    expect(rejectionPause(undefined, '2026-03-02')).toEqual({ ok: true, notBefore: '2027-03-02' });
    expect(rejectionPause(undefined, '2028-02-29')).toEqual({ ok: true, notBefore: '2029-02-28' });
    expect(rejectionPause('2026-03-03', '2026-03-02')).toEqual({ ok: true, notBefore: '2026-03-03' });
    expect(rejectionPause('2036-03-02', '2026-03-02')).toEqual({ ok: true, notBefore: '2036-03-02' });
    for (const bad of ['2026-03-02', '2025-01-01', '2036-03-03', '2027-02-30']) expect(rejectionPause(bad, '2026-03-02')).toMatchObject({ ok: false });
  });
});
