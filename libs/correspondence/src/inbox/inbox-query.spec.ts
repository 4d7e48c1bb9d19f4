import { escapeLike, inboxIdsQuery, inboxPageQuery, jakartaDayStart, searchWindowQuery, SEARCH_WINDOW } from './inbox-query';

describe('inbox query', () => {
  it('reads one ordered index range for a single position, limited to a page plus one', () => {
    const q = inboxIdsQuery([7], { pageSize: 20 });
    expect(q.sql).toContain('FORCE INDEX (ix_deliveries_inbox)');
    expect(q.sql).toContain('ORDER BY d.id DESC LIMIT 21');
    expect(q.sql).not.toContain('COUNT');
    expect(q.params).toEqual([7]);
  });

  it('merges one range per acting position (own + delegated) with UNION ALL', () => {
    const q = inboxIdsQuery([7, 9], { unread: true, typeCode: 'SD' });
    expect(q.sql.match(/UNION ALL/g)).toHaveLength(1);
    expect(q.sql).toContain('ix_deliveries_inbox_unread');
    expect(q.params).toEqual([7, 'SD', 9, 'SD']);
  });

  it('caps the page size at 100 and turns page numbers into an offset', () => {
    const q = inboxIdsQuery([1], { page: 3, pageSize: 500 });
    expect(q.pageSize).toBe(100);
    expect(q.offset).toBe(200);
    expect(q.sql).toContain('LIMIT 301');
  });

  it('prefers the keyset cursor over the page number', () => {
    const q = inboxIdsQuery([1], { page: 5, before: '12345', pageSize: 10 });
    expect(q.offset).toBe(0);
    expect(q.params).toEqual([1, '12345']);
  });

  it('reads date filters as Jakarta calendar days (UTC+7), the end day inclusive', () => {
    expect(jakartaDayStart('2026-03-01').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    const q = inboxIdsQuery([1], { from: '2026-03-01', to: '2026-03-01' });
    expect(q.params).toEqual([1, new Date('2026-02-28T17:00:00.000Z'), new Date('2026-03-01T17:00:00.000Z')]);
  });

  it('searches subject, number and sender with LIKE wildcards escaped', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    const q = inboxIdsQuery([1], { q: 'Pemilu' });
    expect(q.sql).toContain('d.subject LIKE ? OR d.number LIKE ? OR d.sender_name LIKE ?');
    expect(q.params).toEqual([1, '%Pemilu%', '%Pemilu%', '%Pemilu%']);
  });
});

describe('the page in one statement', () => {
  it('reads the first page of one position straight from its ordered index range, joined as read', () => {
    const q = inboxPageQuery([7], { pageSize: 20, unread: true });
    expect(q.sql).toMatch(/^SELECT STRAIGHT_JOIN d\.id, .* FROM deliveries d FORCE INDEX \(ix_deliveries_inbox_unread\) JOIN transmissions t /s);
    expect(q.sql).toContain('WHERE d.position_id = ? AND d.read_at IS NULL ORDER BY d.id DESC LIMIT 21');
    expect(q.params).toEqual([7]);
    expect({ pageSize: q.pageSize, offset: q.offset }).toEqual({ pageSize: 20, offset: 0 });
  });

  it('continues from a keyset cursor the same way', () => {
    const q = inboxPageQuery([1], { page: 5, before: '12345', pageSize: 10 });
    expect(q.sql).toContain('WHERE d.position_id = ? AND d.id < ? ORDER BY d.id DESC LIMIT 11');
    expect(q.params).toEqual([1, '12345']);
  });

  it('cuts ids to the page plus one before joining their rows for several positions, a page offset, a date range, other filters or a search', () => {
    for (const [positions, f] of [[[7, 9], { pageSize: 10 }], [[7], { page: 3, pageSize: 10 }], [[7], { from: '2026-01-01', pageSize: 10 }], [[7], { typeCode: 'SD', pageSize: 10 }], [[7], { q: 'rapat', pageSize: 10 }]] as const) {
      const q = inboxPageQuery([...positions], f);
      const ids = inboxIdsQuery([...positions], f);
      expect(q.sql).toContain(`FROM (SELECT id FROM (${ids.sql}) u ORDER BY id DESC LIMIT 11 OFFSET ${ids.offset}) pg JOIN deliveries d ON d.id = pg.id`);
      expect(q.sql).toMatch(/JOIN transmissions t .* ORDER BY d\.id DESC$/s);
      expect(q.params).toEqual(ids.params);
    }
    expect(inboxPageQuery([7], { page: 3, pageSize: 10 }).offset).toBe(20);
  });
});

describe('bounded text search', () => {
  it('finds, per position, where the search window of the newest deliveries ends', () => {
    const w = searchWindowQuery([3, 4], '900');
    expect(w.sql.match(new RegExp(`OFFSET ${SEARCH_WINDOW - 1}\\b`, 'g'))).toHaveLength(2);
    expect(w.sql).toContain('UNION ALL');
    expect(w.params).toEqual([3, 3, '900', 4, 4, '900']);
  });

  it('searches only down to the window floor, and leaves a date range to the optimizer', () => {
    const q = inboxIdsQuery([3], { q: 'x', before: '900' }, '500');
    expect(q.sql).toContain('d.id < ? AND d.id >= ?');
    expect(q.params.slice(-2)).toEqual(['900', '500']);
    expect(inboxIdsQuery([3], { from: '2026-01-01' }).sql).not.toContain('FORCE INDEX');
  });
});
