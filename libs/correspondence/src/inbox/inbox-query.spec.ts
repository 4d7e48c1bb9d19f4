import {
  HELD_D, inboxCountQuery, inboxDestroyedCountQuery, inboxSortedPageQuery, sortSpec, INBOX_SORTS,
  fullTextQuery, inboxIdsQuery, inboxIndexedSearchQuery, inboxPageQuery, indexedWords, jakartaDayStart, searchPattern, searchWindowQuery, SEARCH_WINDOW,
} from './inbox-query';

/** The pattern as JavaScript reads it (PCRE's inline (?i) becomes the i flag; u for \p{L}). */
const asRegExp = (pattern: string) => new RegExp(pattern.replace(/^\(\?i\)/, ''), 'iu');

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

  it('searches subject, number and sender with the text as a pattern, never a LIKE', () => {
    const q = inboxIdsQuery([1], { q: 'Pemilu' });
    expect(q.sql).toContain('d.subject REGEXP ? OR d.number REGEXP ? OR d.sender_name REGEXP ?');
    expect(q.sql).not.toContain('LIKE');
    expect(q.params).toEqual([1, searchPattern('Pemilu'), searchPattern('Pemilu'), searchPattern('Pemilu')]);
  });
});

describe('the text of a search', () => {
  it('matches from the beginning of a word, case-insensitively, across spaces and punctuation as typed', () => {
    const rapat = asRegExp(searchPattern('rapat koor'));
    expect(rapat.test('Undangan Rapat Koordinasi tahapan')).toBe(true);
    expect(rapat.test('rapat koordinasi')).toBe(true);
    expect(rapat.test('Undangan rapat  koordinasi')).toBe(false);
    expect(asRegExp(searchPattern('gistik')).test('Distribusi logistik')).toBe(false);
    expect(asRegExp(searchPattern('Ékspor')).test('surat ékspor')).toBe(true);
    expect(asRegExp(searchPattern('kspor')).test('surat Ékspor')).toBe(false);
    // a number, from its start or from a separator inside it
    const number = '123/PY.01.1-SD/5204/2026';
    expect(asRegExp(searchPattern(number)).test(number)).toBe(true);
    expect(asRegExp(searchPattern(number)).test(`1${number}`)).toBe(false);
    expect(asRegExp(searchPattern('/5204/2026')).test(number)).toBe(true);
  });

  it('takes every character literally: regular-expression, LIKE and FULLTEXT syntax alike', () => {
    const nasty = ['50%', 'a_b', '\\', '.*', '+rapat -umum', '"kutip"', '(x)', '<a> ~b @3', 'a|b', '[x]', '{2}', '^$', '?', '#1', "O'Brien", 'x\ny'];
    for (const t of nasty) {
      const re = asRegExp(searchPattern(t));
      expect(re.test(`hal ${t} akhir`)).toBe(true);
      expect(re.test(t)).toBe(true);
    }
    expect(asRegExp(searchPattern('50%')).test('500')).toBe(false);
    expect(asRegExp(searchPattern('a_b')).test('axb')).toBe(false);
    expect(asRegExp(searchPattern('.*')).test('apa saja')).toBe(false);
    expect(asRegExp(searchPattern('a|b')).test('b')).toBe(false);
  });

  it('asks the index for every word of the text, short ones and stopwords too, operators dropped, longest first', () => {
    expect(indexedWords('Rapat RI ke-2 tentang pemilihan umum', [7])).toEqual(['pemilihan', 'tentang', 'rapat', 'umum', 'ri', 'ke', '2']);
    expect(indexedWords('+rapat -"koordinasi" (logistik*) ~x @3 <abc >def', [7])).toEqual(['koordinasi', 'logistik', 'rapat', 'abc', 'def', 'x', '3']);
    expect(indexedWords('und the a', [7])).toEqual(['und', 'the', 'a']);
    expect(indexedWords('Rapat rapat RAPAT', [7])).toEqual(['rapat']);
    expect(indexedWords('123/PY.01.1-SD/5204/2026', [7])).toEqual(['5204', '2026', '123', 'py', '01', 'sd', '1']);
    expect(indexedWords('Ékspor naïve', [7])).toEqual(['ékspor', 'naïve']);
    expect(indexedWords('%(-) "" ~', [7])).toEqual([]);
  });

  it('leaves out a word the index cannot hold with a position prefix (innodb_ft_min/max_token_size)', () => {
    // p7_ + 78 characters = 81 ≤ 84; with p12345_ it is 85
    const long = 'x'.repeat(78);
    expect(indexedWords(`${long} surat`, [7])).toEqual([long, 'surat']);
    expect(indexedWords(`${long} surat`, [7, 12345])).toEqual(['surat']);
    expect(indexedWords('a kpu', [7], { minToken: 5, maxToken: 84 })).toEqual(['kpu']);
  });

  it('builds a boolean-mode query of word prefixes within the caller’s positions', () => {
    expect(fullTextQuery(['pemilihan', 'rapat'], [7])).toBe('+p7_pemilihan* +p7_rapat*');
    expect(fullTextQuery(['rapat', 'ri'], [7, 9])).toBe('+(p7_rapat* p9_rapat*) +(p7_ri* p9_ri*)');
  });
});

describe('the page in one statement', () => {
  it('reads the first page of one position straight from its ordered index range, joined as read', () => {
    const q = inboxPageQuery([7], { pageSize: 20, unread: true });
    expect(q.sql).toMatch(/^SELECT STRAIGHT_JOIN d\.id, .* FROM deliveries d FORCE INDEX \(ix_deliveries_inbox_unread\) JOIN transmissions t /s);
    expect(q.sql).toContain(`WHERE d.position_id = ? AND d.read_at IS NULL AND ${HELD_D} ORDER BY d.id DESC LIMIT 21`);
    expect(q.params).toEqual([7]);
    expect({ pageSize: q.pageSize, offset: q.offset }).toEqual({ pageSize: 20, offset: 0 });
  });

  it('continues from a keyset cursor the same way', () => {
    const q = inboxPageQuery([1], { page: 5, before: '12345', pageSize: 10 });
    expect(q.sql).toContain(`WHERE d.position_id = ? AND d.id < ? AND ${HELD_D} ORDER BY d.id DESC LIMIT 11`);
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

describe('text search', () => {
  it('finds, per position, where the directly examined newest deliveries end', () => {
    const w = searchWindowQuery([3, 4], '900');
    expect(w.sql.match(new RegExp(`OFFSET ${SEARCH_WINDOW - 1}\\b`, 'g'))).toHaveLength(2);
    expect(w.sql).toContain('UNION ALL');
    expect(w.params).toEqual([3, 3, '900', 4, 4, '900']);
    expect(searchWindowQuery([3], undefined, 500).sql).toContain('LIMIT 1 OFFSET 499');
  });

  it('searches only down to the floor directly, and leaves a date range to the optimizer', () => {
    const q = inboxIdsQuery([3], { q: 'x', before: '900' }, '500');
    expect(q.sql).toContain('d.id < ? AND d.id >= ?');
    expect(q.params.slice(-2)).toEqual(['900', '500']);
    expect(inboxIdsQuery([3], { from: '2026-01-01' }).sql).not.toContain('FORCE INDEX');
  });

  it('below the floor, asks the FULLTEXT index for the caller’s positions, then checks position and text on each row', () => {
    const q = inboxIndexedSearchQuery([3, 4], { q: 'rapat RI', before: '500', unread: true }, ['rapat', 'ri'], 21);
    expect(q.sql).toContain('WHERE MATCH (d.search_words) AGAINST (? IN BOOLEAN MODE)');
    expect(q.sql).toContain(`AND d.position_id IN (?, ?) AND d.read_at IS NULL AND (d.subject REGEXP ? OR d.number REGEXP ? OR d.sender_name REGEXP ?) AND d.id < ? AND ${HELD_D}`);
    expect(q.sql).toContain('ORDER BY d.id DESC LIMIT 21 OFFSET 0) pg JOIN deliveries d ON d.id = pg.id');
    expect(q.sql).not.toContain('FORCE INDEX');
    const p = searchPattern('rapat RI');
    expect(q.params).toEqual(['+(p3_rapat* p4_rapat*) +(p3_ri* p4_ri*)', 3, 4, p, p, p, '500']);
    expect(inboxIndexedSearchQuery([3], { q: 'rapat', page: 3 }, ['rapat'], 11, 20).sql).toContain('LIMIT 11 OFFSET 20');
    expect(() => inboxIndexedSearchQuery([3], { q: '%' }, [], 21)).toThrow();
  });
});

describe('inbox orders and the total', () => {
  it('reads each order from the position\'s index in that order, ties newest first, and pages by offset', () => {
    const q = inboxSortedPageQuery([7, 9], { sort: '-urgency', page: 2, pageSize: 10 });
    expect(q.sql).toContain('FORCE INDEX (ix_deliveries_inbox_urgency)');
    expect(q.sql).toContain('ORDER BY d.urgency DESC, d.id DESC LIMIT 21)');
    expect(q.sql).toContain('ORDER BY k DESC, id DESC LIMIT 11 OFFSET 10');
    expect(q.params).toEqual([7, 9]);
    expect(inboxSortedPageQuery([7], { sort: 'sender' }).sql).toContain('ORDER BY d.sender_name ASC, d.id DESC');
    expect(inboxSortedPageQuery([7], { sort: 'receivedAt' }).sql).toContain('ORDER BY d.id ASC');
    for (const s of INBOX_SORTS) expect(sortSpec(s).index).toMatch(/^ix_deliveries_inbox/);
  });

  it('counts from the index ranges (stopping at the limit) less the destroyed copies, never row by row', () => {
    const q = inboxCountQuery([7, 9], { unread: true, before: '5', page: 3 }, [], 1001);
    expect(q.sql).not.toContain('NOT EXISTS');
    expect(q.sql).not.toContain('d.id <');
    expect(q.sql).toContain('LIMIT 1001');
    expect(q.params).toEqual([7, 9]);
    const d = inboxDestroyedCountQuery([7, 9], { unread: true, before: '5', page: 3 });
    expect(d.sql).toContain('FROM letter_holdings_ended e JOIN deliveries d');
    expect(d.params).toEqual([7, 9]);
  });
});
