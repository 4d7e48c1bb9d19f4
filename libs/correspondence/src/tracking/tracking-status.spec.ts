import { TRACKING_RULES, TRACKING_STATUS_SQL, TRACKING_STATUSES } from './tracking-status';

describe('tracking status rule', () => {
  it('tries returned, followed up, disposed, forwarded, read in that order, else unread', () => {
    expect(TRACKING_RULES.map((r) => r.status)).toEqual(['RETURNED', 'ACTED', 'DISPOSED', 'FORWARDED', 'READ']);
    expect(TRACKING_STATUS_SQL.indexOf("'ACTED'")).toBeLessThan(TRACKING_STATUS_SQL.indexOf("'DISPOSED'"));
    expect(TRACKING_STATUS_SQL).toMatch(/ELSE 'UNREAD' END\)$/);
  });

  it('names every status it can produce', () => {
    expect(new Set([...TRACKING_RULES.map((r) => r.status), 'UNREAD'])).toEqual(new Set(TRACKING_STATUSES));
  });
});
