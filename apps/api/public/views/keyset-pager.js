// views/keyset-pager.js — paging by keyset: the page is named by `before` (the previous page's
// nextBefore), and `trail` keeps the cursors of the pages before it ('-' for the first page), so
// "Sebelumnya" goes back without page numbers (an offset would re-read every skipped row).

/** The cursor of the shown page and the pages before it, from the route's query. */
export function cursorOf(params) {
  const before = params.get('before') || '';
  const trail = (params.get('trail') || '').split(',').filter(Boolean);
  return { before, trail, pageNo: trail.length + 1 };
}

/** Links to the previous and next page of `path` (its other query parameters kept). */
export function keysetPager(h, path, params, cursor, res) {
  const link = (before, trail) => {
    const p = new URLSearchParams(params);
    p.delete('page');
    if (before) p.set('before', before); else p.delete('before');
    if (trail.length) p.set('trail', trail.join(',')); else p.delete('trail');
    const qs = p.toString();
    return `${path}${qs ? `?${qs}` : ''}`;
  };
  const prev = cursor.trail.length ? cursor.trail[cursor.trail.length - 1] : null;
  return h('nav', { class: 'pager', 'aria-label': 'Halaman' },
    prev !== null ? h('a', { class: 'button secondary', href: link(prev === '-' ? '' : prev, cursor.trail.slice(0, -1)) }, '‹ Sebelumnya') : null,
    h('span', {}, `Halaman ${cursor.pageNo}`),
    res.hasMore && res.nextBefore ? h('a', { class: 'button secondary', href: link(res.nextBefore, [...cursor.trail, cursor.before || '-']) }, 'Berikutnya ›') : null);
}
