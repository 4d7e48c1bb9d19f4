// views/dispositions.js — #/disposisi/(masuk|keluar|terlambat|disiapkan): the disposition lists (received with filters,
// given, the office's overdue list for its leader, prepared ones awaiting the leader).
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, DISPOSITION_STATUS, PREPARED_STATUS, URGENCY, label, badge } from '../ui.js';
import { hasRole, loadInstructions } from '../state.js';
import { page, errorBox } from '../shell.js';
import { table, pager } from './parts.js';

export const TABS = [
  ['masuk', 'Disposisi masuk', null],
  ['keluar', 'Disposisi keluar', null],
  ['disiapkan', 'Disiapkan TU', null],
  ['terlambat', 'Terlambat (satker)', ['LEADER']],
];

export function dispositionTabs(current) {
  return h('nav', { class: 'tabs', 'aria-label': 'Disposisi' },
    TABS.filter(([, , roles]) => !roles || hasRole(...roles)).map(([k, name]) => h('a', { href: `#/disposisi/${k}`, 'aria-current': k === current ? 'page' : null }, name)));
}

/** Status, priority and deadline badges of one disposition. */
export function dispositionBadges(d) {
  return h('span', { class: 'badges' },
    badge(label(DISPOSITION_STATUS, d.status), `ds-${d.status}`),
    d.priority && d.priority !== 'BIASA' ? badge(label(URGENCY, d.priority), 'urgent') : null,
    d.overdue ? badge('Terlambat', 'danger') : null);
}

export async function viewDispositionList(m, params) {
  const tab = m[1];
  await loadInstructions();
  const f = Object.fromEntries(params.entries());
  const pageNo = Number(f.page || 1);
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  let filters = null;
  if (tab === 'masuk' || tab === 'keluar') {
    filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Saring disposisi' },
      h('div', { class: 'field' }, h('label', { for: 'd-status' }, 'Status'), h('select', { id: 'd-status', name: 'status' }, h('option', { value: '' }, 'Semua'),
        Object.entries(DISPOSITION_STATUS).map(([k, v]) => h('option', { value: k, selected: f.status === k }, v)))),
      h('div', { class: 'field check' }, h('input', { id: 'd-overdue', name: 'overdue', type: 'checkbox', checked: f.overdue === 'true' }), h('label', { for: 'd-overdue' }, 'Terlambat')),
      h('div', { class: 'field check' }, h('input', { id: 'd-soon', name: 'dueSoon', type: 'checkbox', checked: f.dueSoon === 'true' }), h('label', { for: 'd-soon' }, 'Jatuh tempo ≤ 2 hari kerja')),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Terapkan'), h('a', { href: `#/disposisi/${tab}`, class: 'button secondary' }, 'Atur ulang')));
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = new URLSearchParams();
      for (const el of filters.elements) {
        if (!el.name) continue;
        if (el.type === 'checkbox') { if (el.checked) q.set(el.name, 'true'); } else if (el.value) q.set(el.name, el.value);
      }
      location.hash = `#/disposisi/${tab}${q.toString() ? `?${q}` : ''}`;
    });
  }
  page('Disposisi', dispositionTabs(tab), filters, list);

  try {
    if (tab === 'disiapkan') { list.replaceChildren(await preparedTable()); return; }
    const path = { masuk: '/api/dispositions/received', keluar: '/api/dispositions/given', terlambat: '/api/dispositions/overdue' }[tab];
    const query = tab === 'terlambat' ? { page: pageNo, pageSize: 50 }
      : { status: f.status, overdue: f.overdue === 'true' ? 'true' : undefined, dueSoon: f.dueSoon === 'true' ? 'true' : undefined, page: pageNo, pageSize: 20 };
    const res = await api.get(path, query);
    const items = res.items || [];
    if (!items.length) {
      list.replaceChildren(h('p', { class: 'empty' }, { masuk: 'Tidak ada disposisi masuk.', keluar: 'Belum ada disposisi yang Anda berikan.', terlambat: 'Tidak ada disposisi terlambat. ' }[tab]));
      return;
    }
    const rows = items.map((d) => h('tr', { class: d.status === 'UNREAD' && tab === 'masuk' ? 'unread' : '' },
      h('td', {}, d.status === 'UNREAD' && tab === 'masuk' ? h('span', { class: 'sr-only' }, 'Belum dibaca: ') : null,
        h('a', { href: `#/disposisi/${d.id}` }, d.letter?.subject || `Disposisi #${d.id}`),
        h('div', { class: 'muted small' }, d.letter?.number || '')),
      h('td', {}, tab === 'keluar' ? d.recipient?.title : d.author?.title, tab === 'terlambat' ? h('div', { class: 'muted small' }, `kepada ${d.recipient?.title}`) : null),
      h('td', { class: 'small' }, (d.instructions || []).map((i) => i.label).join(', ')),
      h('td', {}, d.deadline ? fmtDate(d.deadline) : '—'),
      h('td', {}, dispositionBadges(d)),
      h('td', { class: 'small' }, fmtDateTime(d.createdAt))));
    list.replaceChildren(
      table(['Surat', tab === 'keluar' ? 'Kepada' : 'Dari', 'Instruksi', 'Batas waktu', 'Status', 'Diberikan'], rows, 'Daftar disposisi'),
      pager(`/disposisi/${tab}`, params, pageNo, res.hasMore));
  } catch (e) { list.replaceChildren(errorBox(e)); }
}

async function preparedTable() {
  const items = await api.get('/api/prepared-dispositions', { status: 'PENDING' });
  if (!items.length) return h('p', { class: 'empty' }, 'Tidak ada disposisi yang menunggu pengesahan.');
  return table(['Surat', 'Untuk pimpinan', 'Disiapkan oleh', 'Penerima', 'Batas waktu', 'Status'], items.map((p) => h('tr', {},
    h('td', {}, h('a', { href: `#/disposisi/disiapkan/${p.id}` }, p.letter?.subject || `#${p.id}`)),
    h('td', {}, p.forPosition?.title),
    h('td', {}, p.preparedBy?.name, h('div', { class: 'muted small' }, fmtDateTime(p.createdAt))),
    h('td', { class: 'small' }, (p.recipients || []).map((r) => r.title).join('; ')),
    h('td', {}, p.deadline ? fmtDate(p.deadline) : '—'),
    h('td', {}, badge(label(PREPARED_STATUS, p.status), 'warn')))), 'Disposisi yang disiapkan');
}
