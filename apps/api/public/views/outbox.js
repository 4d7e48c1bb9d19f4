// views/outbox.js — #/kotak-keluar/:box: sent and in-progress letters (Kotak Keluar) by box, with delivery status.
import { api } from '../api.js';
import { h, fmtDateTime, STATUS, DELIVERY_STATUS, URGENCY, SECURITY, ARRIVED_BY, label, badge } from '../ui.js';
import { loadMaster, typeName } from '../state.js';
import { page, errorBox } from '../shell.js';
import { table } from './parts.js';
import { cursorOf, keysetPager } from './keyset-pager.js';

const BOXES = [
  ['drafts', 'Konsep'],
  ['in-review', 'Dalam proses'],
  ['awaiting-review', 'Menunggu pemeriksaan saya'],
  ['awaiting-signature', 'Menunggu tanda tangan saya'],
  ['sent', 'Terkirim'],
];
export async function viewOutbox(m, params) {
  await loadMaster();
  const box = BOXES.some(([k]) => k === m[1]) ? m[1] : 'drafts';
  const cursor = cursorOf(params);
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Kotak keluar' },
    BOXES.map(([k, name]) => h('a', { href: `#/kotak-keluar/${k}`, 'aria-current': k === box ? 'page' : null }, name)));
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Kotak Keluar', tabs, list);
  let res;
  try { res = await api.get('/api/outbox', { box, before: cursor.before || undefined, pageSize: 20 }); } catch (e) {
    list.replaceChildren(e.status === 404 ? h('p', { class: 'notice' }, 'Kotak keluar belum tersedia di server ini.') : errorBox(e));
    return;
  }
  const items = res.items || [];
  if (!items.length) { list.replaceChildren(h('p', { class: 'empty' }, 'Tidak ada naskah di kotak ini.')); return; }
  const rows = items.flatMap((l) => {
    const main = h('tr', {},
      h('td', {}, h('a', { href: `#/naskah/${l.id}` }, l.subject),
        h('div', { class: 'badges' }, l.urgency !== 'BIASA' ? badge(label(URGENCY, l.urgency), 'urgent') : null, l.securityClass !== 'B' ? badge(label(SECURITY, l.securityClass), 'secret') : null)),
      h('td', {}, l.number || '—', h('div', { class: 'muted small' }, typeName(l.typeCode))),
      h('td', {}, badge(label(STATUS, l.status), `st-${l.status}`)),
      h('td', {}, fmtDateTime(l.sentAt || l.updatedAt)),
      h('td', {}, l.deliveryCounts ? deliverySummary(l.deliveryCounts) : '—'));
    if (!l.deliveries?.length) return [main];
    const detail = h('tr', { class: 'sub' }, h('td', { colspan: 5 },
      h('details', {}, h('summary', {}, `Status pengiriman (${l.deliveries.length})`),
        table(['Tujuan', 'Cara', 'Status', 'Diterima', 'Dibaca', 'Catatan'], l.deliveries.map((d) => h('tr', {},
          h('td', {}, `${d.position.title} — ${d.office.name}`, d.kind === 'CC' ? [' ', badge('Tembusan', 'copy')] : null, d.toBeForwarded ? [' ', badge('Untuk diteruskan', 'warn')] : null),
          h('td', {}, label(ARRIVED_BY, d.arrivedBy)),
          h('td', {}, label(DELIVERY_STATUS, d.status)),
          h('td', {}, fmtDateTime(d.deliveredAt)),
          h('td', {}, fmtDateTime(d.readAt)),
          h('td', {}, d.actNote || '—'))), 'Status pengiriman'))));
    return [main, detail];
  });
  const pager = keysetPager(h, `#/kotak-keluar/${box}`, params, cursor, res);
  list.replaceChildren(table(['Hal', 'Nomor / jenis', 'Status', 'Terakhir', 'Pengiriman'], rows, 'Daftar naskah keluar'), pager);
}
function deliverySummary(c) {
  return h('span', { class: 'small' }, `${c.total} tujuan: `, [
    c.DELIVERED ? `${c.DELIVERED} diterima` : null, c.READ ? `${c.READ} dibaca` : null,
    c.FORWARDED ? `${c.FORWARDED} diteruskan` : null, c.RETURNED ? `${c.RETURNED} dikembalikan` : null,
  ].filter(Boolean).join(', ') || 'menunggu');
}
