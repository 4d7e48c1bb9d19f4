import { changedDeadlineViolation, childDeadline, completionViolation, recipientViolation, transition } from './disposition-rules';
import { rollUp } from './rollup';

// KPU Provinsi NTB, as materialised paths: Ketua /1/, Sekretaris /1/3/, Kabag /1/3/5/, Staf /1/3/5/6/, Anggota /1/2/
const ketua = { id: 1, officeId: 52, path: '/1/' };
const sekretaris = { id: 3, officeId: 52, path: '/1/3/' };
const kabag = { id: 5, officeId: 52, path: '/1/3/5/' };
const staf = { id: 6, officeId: 52, path: '/1/3/5/6/' };
const anggota = { id: 2, officeId: 52, path: '/1/2/' };
const otherOffice = { id: 90, officeId: 5204, path: '/88/90/' };

describe('disposition rules', () => {
  it('lets a position dispose to any position strictly below it in its office', () => {
    expect(recipientViolation(ketua, sekretaris, 0)).toBeNull();
    expect(recipientViolation(ketua, staf, 0)).toBeNull();
    expect(recipientViolation(sekretaris, kabag, 0)).toBeNull();
  });

  it('names the rule for a recipient above, beside, itself or in another office', () => {
    expect(recipientViolation(sekretaris, ketua, 0)).toMatchObject({ code: 'RECIPIENT_NOT_BELOW', kind: 'UNPROCESSABLE' });
    expect(recipientViolation(sekretaris, anggota, 1)).toMatchObject({ code: 'RECIPIENT_NOT_BELOW', details: { index: 1, positionId: 2 } });
    expect(recipientViolation(kabag, kabag, 0)).toMatchObject({ code: 'RECIPIENT_NOT_BELOW' });
    expect(recipientViolation(ketua, otherOffice, 0)).toMatchObject({ code: 'RECIPIENT_OTHER_OFFICE' });
    expect(recipientViolation(ketua, otherOffice, 0)!.message).toMatch(/di bawah jabatan pemberi disposisi dalam satker yang sama/);
  });

  it('keeps a child deadline within its parent’s, inheriting it when none is given', () => {
    expect(childDeadline('2026-12-10', '2026-12-11')).toEqual({ deadline: '2026-12-10' });
    expect(childDeadline('2026-12-11', '2026-12-11')).toEqual({ deadline: '2026-12-11' });
    expect(childDeadline(null, '2026-12-11')).toEqual({ deadline: '2026-12-11' });
    expect(childDeadline('2026-12-30', null)).toEqual({ deadline: '2026-12-30' });
    expect(childDeadline('2026-12-12', '2026-12-11')).toMatchObject({ code: 'DEADLINE_AFTER_PARENT', kind: 'UNPROCESSABLE' });
  });

  it('keeps a changed deadline between its parent’s and its children’s', () => {
    expect(changedDeadlineViolation('2026-12-10', '2026-12-11', ['2026-12-09', null])).toBeNull();
    expect(changedDeadlineViolation('2026-12-12', '2026-12-11', [])).toMatchObject({ code: 'DEADLINE_AFTER_PARENT' });
    expect(changedDeadlineViolation('2026-12-08', null, ['2026-12-09'])).toMatchObject({ code: 'DEADLINE_BEFORE_CHILD' });
  });

  it('moves UNREAD → READ → IN_PROGRESS → DONE and refuses to move a closed one', () => {
    expect(transition('UNREAD', 'READ')).toBe('READ');
    expect(transition('READ', 'READ')).toBeNull();
    expect(transition('IN_PROGRESS', 'READ')).toBeNull();
    expect(transition('UNREAD', 'START')).toBe('IN_PROGRESS');
    expect(transition('READ', 'START')).toBe('IN_PROGRESS');
    expect(transition('IN_PROGRESS', 'START')).toBeNull();
    expect(transition('IN_PROGRESS', 'COMPLETE')).toBe('DONE');
    expect(transition('DONE', 'COMPLETE')).toMatchObject({ code: 'DISPOSITION_CLOSED', kind: 'CONFLICT' });
    expect(transition('CANCELLED', 'START')).toMatchObject({ code: 'DISPOSITION_CLOSED' });
  });

  it('cancels only while unread', () => {
    expect(transition('UNREAD', 'CANCEL')).toBe('CANCELLED');
    expect(transition('CANCELLED', 'CANCEL')).toBeNull();
    for (const s of ['READ', 'IN_PROGRESS', 'DONE'] as const) expect(transition(s, 'CANCEL')).toMatchObject({ code: 'DISPOSITION_ALREADY_READ', kind: 'CONFLICT' });
  });

  it('completes only with a report and no open children', () => {
    expect(completionViolation(false, [])).toMatchObject({ code: 'FOLLOW_UP_REQUIRED' });
    expect(completionViolation(true, [{ id: '7', status: 'DONE' }, { id: '8', status: 'READ' }])).toMatchObject({ code: 'OPEN_CHILDREN', details: { openChildren: [{ id: '8', status: 'READ' }] } });
    expect(completionViolation(true, [{ id: '7', status: 'DONE' }, { id: '8', status: 'CANCELLED' }])).toBeNull();
  });
});

describe('roll-up of a subtree', () => {
  const now = new Date('2026-12-10T03:00:00Z'); // 10 Dec 10:00 WIB
  const nodes = [
    { id: '1', parentId: null, status: 'IN_PROGRESS' as const, deadline: '2026-12-20' },
    { id: '2', parentId: '1', status: 'IN_PROGRESS' as const, deadline: '2026-12-15' },
    { id: '3', parentId: '1', status: 'DONE' as const, deadline: '2026-12-05' },
    { id: '4', parentId: '2', status: 'READ' as const, deadline: '2026-12-09' },
    { id: '5', parentId: '2', status: 'CANCELLED' as const, deadline: null },
    { id: '6', parentId: '4', status: 'UNREAD' as const, deadline: '2026-12-09' },
    { id: '9', parentId: null, status: 'UNREAD' as const, deadline: '2026-12-01' }, // another tree
  ];

  it('counts the nodes below the root by status, open, overdue and done', () => {
    const r = rollUp('1', nodes, now);
    expect(r).toMatchObject({ total: 5, open: 3, overdue: 2, levels: 3, latestOpenDeadline: '2026-12-15' });
    expect(r.byStatus).toEqual({ UNREAD: 1, READ: 1, IN_PROGRESS: 1, DONE: 1, CANCELLED: 1 });
    expect(r.percentDone).toBe(25);
  });

  it('rolls up a sub-subtree and an empty one', () => {
    expect(rollUp('2', nodes, now)).toMatchObject({ total: 3, open: 2, overdue: 2, levels: 2 });
    expect(rollUp('6', nodes, now)).toMatchObject({ total: 0, open: 0, percentDone: 100, latestOpenDeadline: null, levels: 0 });
  });
});
