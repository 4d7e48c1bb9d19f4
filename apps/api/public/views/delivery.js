// views/delivery.js — #/surat-masuk/:id: one received letter, its route, forward/return actions.
import { api } from '../api.js';
import { h, fmtDateTime, DELIVERY_STATUS, ARRIVED_BY, label, badge, notify, ask, busy } from '../ui.js';
import { page, errorBox, refresh } from '../shell.js';
import { dt, letterBody, routeTimeline, downloadButton } from './parts.js';
import { state, hasRole } from '../state.js';
import { fileIntoDossierButton } from './records.js';

export async function viewDelivery(m) {
  const id = m[1];
  let d = await api.get(`/api/deliveries/${id}`);
  if (d.mine && !d.readAt) d = await api.post(`/api/deliveries/${id}/read`).catch(() => d);
  const routeBox = h('section', { 'aria-labelledby': 'route-h' }, h('h2', { id: 'route-h' }, 'Rute naskah'), h('p', { class: 'muted' }, 'Memuat…'));
  const canAct = d.mine && d.toBeForwarded && !['FORWARDED', 'RETURNED'].includes(d.status);
  const actions = h('div', { class: 'actions' });
  if (canAct) {
    actions.append(
      h('button', { type: 'button', class: 'primary', onclick: async (e) => {
        const note = await ask({ title: 'Teruskan naskah', labelText: 'Catatan penerusan (opsional)', multiline: true, confirmText: 'Teruskan' });
        if (note === null) return;
        await busy(e.target, async () => {
          try { await api.post(`/api/deliveries/${id}/forward`, note.trim() ? { note: note.trim() } : {}); notify('Naskah diteruskan.'); refresh(); } catch (err) { notify(err.message, 'error'); }
        });
      } }, 'Teruskan'),
      h('button', { type: 'button', class: 'danger', onclick: async (e) => {
        const reason = await ask({ title: 'Kembalikan naskah ke pengirim', labelText: 'Alasan pengembalian', multiline: true, required: true, confirmText: 'Kembalikan' });
        if (reason === null) return;
        await busy(e.target, async () => {
          try { await api.post(`/api/deliveries/${id}/return`, { reason: reason.trim() }); notify('Naskah dikembalikan ke pengirim.'); refresh(); } catch (err) { notify(err.message, 'error'); }
        });
      } }, 'Kembalikan'));
  }
  // dispositions: the recipient (a leader, or a Plt/Plh) disposes; TU prepares one for the leader; anyone who sees it gets the tree and the sheet
  const disp = h('div', { class: 'actions', role: 'group', 'aria-label': 'Disposisi dan arsip' });
  if (d.mine && hasRole('LEADER')) disp.append(h('a', { class: 'button primary', href: `#/surat-masuk/${id}/disposisi` }, 'Disposisikan'));
  if (!d.mine && (hasRole('REGISTRAR') || ['SEKRETARIS', 'SEKRETARIS_JENDERAL'].includes(state.me?.position?.kind))) {
    disp.append(h('a', { class: 'button secondary', href: `#/surat-masuk/${id}/siapkan` }, 'Siapkan disposisi untuk pimpinan'));
  }
  disp.append(h('a', { class: 'button secondary', href: `#/naskah/${d.letterId}/disposisi` }, 'Pohon disposisi'),
    downloadButton('Lembar disposisi (PDF)', `/api/deliveries/${id}/disposition-sheet`, `lembar-disposisi-${id}.pdf`, { open: true }));
  if (hasRole('ARCHIVIST', 'LEADER', 'REGISTRAR')) disp.append(fileIntoDossierButton({ deliveryId: String(id) }));
  page(d.subject,
    h('div', { class: 'badges' },
      badge(label(DELIVERY_STATUS, d.status)),
      d.isCopy ? badge('Tembusan', 'copy') : null,
      d.toBeForwarded ? badge(['FORWARDED', 'RETURNED'].includes(d.status) ? 'Sudah ditindaklanjuti' : 'Perlu diteruskan', 'warn') : null),
    h('dl', { class: 'meta' },
      dt('No. agenda', `${d.agendaNumber}/${d.agendaYear}`),
      dt('Penerima', `${d.position?.title || ''} — ${d.office?.name || ''}`),
      dt('Pengirim', d.sender?.name),
      d.via ? dt(label(ARRIVED_BY, d.arrivedBy) + ' oleh', `${d.via.officeName}${d.via.note ? ` — “${d.via.note}”` : ''}`) : null,
      dt('Diterima', fmtDateTime(d.deliveredAt)),
      dt('Dibaca', fmtDateTime(d.readAt)),
      d.actNote ? dt('Catatan tindak lanjut', d.actNote) : null),
    actions,
    disp,
    letterBody(d.letter),
    routeBox,
    h('p', {}, h('a', { href: '#/kotak-masuk' }, '‹ Kembali ke Kotak Masuk')));
  try {
    const r = await api.get(`/api/deliveries/${id}/route`);
    routeBox.replaceChildren(routeBox.firstChild, routeTimeline(r.hops || []));
  } catch (e) { routeBox.replaceChildren(routeBox.firstChild, errorBox(e)); }
}
