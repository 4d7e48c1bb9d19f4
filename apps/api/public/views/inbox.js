// views/inbox.js — #/kotak-masuk: received letters (Kotak Masuk) with filters, paged by keyset (nextBefore).
import { api } from '../api.js';
import { h, fmtDateTime, DELIVERY_STATUS, URGENCY, SECURITY, ARRIVED_BY, label, badge } from '../ui.js';
import { state, loadMaster, typeName } from '../state.js';
import { page, errorBox } from '../shell.js';
import { table } from './parts.js';
import { cursorOf, keysetPager } from './keyset-pager.js';

/** A search of short words only is read in bounded windows: empty pages that say where to go on are followed this many times. */
const FOLLOW_EMPTY = 10;

export async function viewInbox(_m, params) {
  await loadMaster();
  const f = Object.fromEntries(params.entries());
  const cursor = cursorOf(params);
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Saring kotak masuk' },
    h('div', { class: 'field' }, h('label', { for: 'f-q' }, 'Cari'), h('input', { id: 'f-q', name: 'q', type: 'search', value: f.q || '', placeholder: 'Hal, nomor, pengirim (dari awal kata)' })),
    h('div', { class: 'field' }, h('label', { for: 'f-type' }, 'Jenis'), h('select', { id: 'f-type', name: 'typeCode' }, h('option', { value: '' }, 'Semua'),
      state.master.types.map((t) => h('option', { value: t.code, selected: f.typeCode === t.code }, t.name)))),
    h('div', { class: 'field' }, h('label', { for: 'f-urg' }, 'Sifat'), h('select', { id: 'f-urg', name: 'urgency' }, h('option', { value: '' }, 'Semua'),
      state.master.urgencies.map((u) => h('option', { value: u.code, selected: f.urgency === u.code }, u.name)))),
    h('div', { class: 'field' }, h('label', { for: 'f-from' }, 'Dari tanggal'), h('input', { id: 'f-from', name: 'from', type: 'date', value: f.from || '' })),
    h('div', { class: 'field' }, h('label', { for: 'f-to' }, 'Sampai tanggal'), h('input', { id: 'f-to', name: 'to', type: 'date', value: f.to || '' })),
    h('div', { class: 'field check' }, h('input', { id: 'f-unread', name: 'unread', type: 'checkbox', checked: f.unread === 'true' }), h('label', { for: 'f-unread' }, 'Belum dibaca saja')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Terapkan'), h('a', { href: '#/kotak-masuk', class: 'button secondary' }, 'Atur ulang')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const el of filters.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') { if (el.checked) q.set(el.name, 'true'); } else if (el.value) q.set(el.name, el.value);
    }
    location.hash = `#/kotak-masuk${q.toString() ? `?${q}` : ''}`;
  });
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Kotak Masuk', filters, list);

  const query = { q: f.q, typeCode: f.typeCode, urgency: f.urgency, from: f.from, to: f.to, unread: f.unread === 'true' ? 'true' : undefined, before: cursor.before || undefined, pageSize: 20 };
  let res;
  try {
    res = await api.get('/api/inbox', query);
    for (let i = 0; i < FOLLOW_EMPTY && !res.items?.length && res.hasMore && res.nextBefore; i++) res = await api.get('/api/inbox', { ...query, before: res.nextBefore });
  } catch (e) {
    list.replaceChildren(e.status === 404 ? h('p', { class: 'notice' }, 'Kotak masuk belum tersedia di server ini.') : errorBox(e));
    return;
  }
  const items = res.items || [];
  const pager = keysetPager(h, '#/kotak-masuk', params, cursor, res);
  if (!items.length) {
    list.replaceChildren(res.hasMore
      ? h('p', { class: 'empty' }, 'Belum ditemukan di surat-surat yang sudah diperiksa; lanjutkan ke surat yang lebih lama.')
      : h('p', { class: 'empty' }, f.q ? 'Tidak ada naskah masuk yang cocok.' : 'Tidak ada naskah masuk.'), pager);
    return;
  }
  const rows = items.map((d) => {
    const unread = !d.readAt;
    const link = h('a', { href: `#/surat-masuk/${d.id}` }, d.subject);
    return h('tr', { class: unread ? 'unread' : '' },
      h('td', {}, `${d.agendaNumber}/${d.agendaYear}`),
      h('td', {}, d.sender?.name || '—', d.via ? h('div', { class: 'muted small' }, `${label(ARRIVED_BY, d.arrivedBy)} oleh ${d.via.officeName}`) : null),
      h('td', {}, unread ? h('span', { class: 'sr-only' }, 'Belum dibaca: ') : null, link,
        h('div', { class: 'badges' },
          d.isCopy ? badge('Tembusan', 'copy') : null,
          d.toBeForwarded && !['FORWARDED', 'RETURNED'].includes(d.status) ? badge('Perlu diteruskan', 'warn') : null,
          d.urgency && d.urgency !== 'BIASA' ? badge(label(URGENCY, d.urgency), 'urgent') : null,
          d.securityClass && d.securityClass !== 'B' ? badge(label(SECURITY, d.securityClass), 'secret') : null)),
      h('td', {}, d.number || '—', h('div', { class: 'muted small' }, typeName(d.typeCode))),
      h('td', {}, label(DELIVERY_STATUS, d.status)),
      h('td', {}, fmtDateTime(d.deliveredAt)));
  });
  list.replaceChildren(table(['No. agenda', 'Pengirim', 'Hal', 'Nomor / jenis', 'Status', 'Diterima'], rows, 'Daftar naskah masuk'), pager);
}
