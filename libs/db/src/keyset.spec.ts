import { decodeCursor, encodeCursor, keysetInMemory, keysetPage, WorkCursor } from './keyset';

describe('keyset pages of a work queue', () => {
  const at = new Date('2026-12-04T03:00:00.123Z');

  it('round-trips a cursor and refuses anything it did not make (400 naming cursor)', () => {
    expect(decodeCursor(encodeCursor({ rank: 3, at, id: '42' }))).toEqual({ rank: 3, at, id: '42' });
    for (const bad of ['', 'not a cursor', Buffer.from('[1,2]').toString('base64url'), Buffer.from('[1,2,"01"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'cursor' })] } }));
    }
  });

  it('continues strictly after the cursor in the sort’s order', () => {
    const src = { sql: 'SELECT 1', params: ['x'] };
    expect(keysetPage(src, 'date', { rank: 2, at, id: '9' }, 20)).toEqual({
      sql: 'SELECT q.* FROM (SELECT 1) q WHERE (q.sort_at < ? OR (q.sort_at = ? AND q.sort_id < ?)) ORDER BY q.sort_at DESC, q.sort_id DESC LIMIT 21',
      params: ['x', at, at, '9'],
    });
    expect(keysetPage(src, 'urgency', null, 5).sql).toBe('SELECT q.* FROM (SELECT 1) q  ORDER BY q.sort_rank DESC, q.sort_at DESC, q.sort_id DESC LIMIT 6');
  });

  it('pages rows computed in code the same way, without gaps or repeats', () => {
    const rows = [1, 2, 3, 4, 5].map((i) => ({ sortRank: i % 3, sortAt: new Date(at.getTime() + (i % 2) * 1000), sortId: String(i) }));
    for (const sort of ['date', 'urgency'] as const) {
      const seen: string[] = [];
      let cursor: WorkCursor | null = null;
      for (;;) {
        const page: { rows: typeof rows; hasMore: boolean } = keysetInMemory(rows, sort, cursor, 2);
        seen.push(...page.rows.map((r) => r.sortId));
        if (!page.hasMore) break;
        const last: (typeof rows)[number] = page.rows[page.rows.length - 1];
        cursor = { rank: last.sortRank, at: last.sortAt, id: last.sortId };
      }
      expect([...seen].sort()).toEqual(['1', '2', '3', '4', '5']);
      expect(seen).toEqual(keysetInMemory(rows, sort, null, 10).rows.map((r) => r.sortId));
    }
    expect(keysetInMemory(rows, 'urgency', null, 10).rows.map((r) => r.sortRank)).toEqual([2, 2, 1, 1, 0]);
  });
});
