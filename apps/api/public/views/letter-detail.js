// views/letter-detail.js — #/naskah/:id: one outgoing letter with its workflow actions, reviewers, history and revisions.
import { api } from '../api.js';
import { h, fmtDateTime, STATUS, DECISION, CAPACITY, ACTIONS, label, badge, notify, ask, confirmDialog, busy } from '../ui.js';
import { state, loadMaster, myPositionIds, positionsOf, positionName, resolveNames } from '../state.js';
import { page, errorBox, refresh } from '../shell.js';
import { dt, letterBody, pdfButton } from './parts.js';
import { hasRole } from '../state.js';
import { fileIntoDossierButton } from './records.js';

export async function viewLetter(m) {
  const id = m[1];
  await loadMaster();
  const l = await api.get(`/api/letters/${id}`);
  await positionsOf(l.officeId).catch(() => null);
  await resolveNames(l.recipients);
  const mine = myPositionIds();
  const isDrafter = mine.includes(l.drafterPositionId);
  const isSigner = mine.includes(l.signerPositionId);
  const pending = (l.reviews || []).find((r) => r.round === l.reviewRound && r.step === l.currentStep && r.decision === 'PENDING');
  const isReviewer = pending && mine.includes(pending.positionId);

  const act = (text, cls, fn) => h('button', { type: 'button', class: cls, onclick: async (e) => {
    await busy(e.currentTarget, async () => {
      try { const msg = await fn(); if (msg) { notify(msg); refresh(); } } catch (err) { notify(err.message, 'error'); }
    });
  } }, text);
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  if (['DRAFT', 'RETURNED'].includes(l.status) && isDrafter) {
    actions.append(
      h('a', { href: `#/naskah/${l.id}/ubah`, class: 'button secondary' }, 'Ubah'),
      act('Ajukan', 'primary', async () => { await api.post(`/api/letters/${l.id}/submit`); return 'Naskah diajukan.'; }));
  }
  if (l.status === 'IN_REVIEW' && isReviewer) {
    actions.append(
      act('Setujui', 'primary', async () => {
        const note = await ask({ title: 'Setujui naskah', labelText: 'Catatan (opsional)', multiline: true, confirmText: 'Setujui' });
        if (note === null) return null;
        await api.post(`/api/letters/${l.id}/review`, { decision: 'APPROVE', ...(note.trim() ? { note: note.trim() } : {}) });
        return 'Naskah disetujui.';
      }),
      act('Kembalikan', 'danger', async () => {
        const note = await ask({ title: 'Kembalikan ke konseptor', labelText: 'Catatan perbaikan', multiline: true, required: true, confirmText: 'Kembalikan' });
        if (note === null) return null;
        await api.post(`/api/letters/${l.id}/review`, { decision: 'RETURN', note: note.trim() });
        return 'Naskah dikembalikan ke konseptor.';
      }));
  }
  if (l.status === 'APPROVED' && isSigner) {
    actions.append(act('Tandatangani', 'primary', async () => {
      const pw = await ask({ title: 'Tandatangani naskah', labelText: 'Kata sandi Anda', type: 'password', required: true, confirmText: 'Tandatangani',
        hint: 'Tanda tangan elektronik tidak tersertifikasi. Masukkan kata sandi untuk konfirmasi.' });
      if (pw === null) return null;
      await api.post(`/api/letters/${l.id}/sign`, { password: pw });
      return 'Naskah ditandatangani. PDF sedang dibuat.';
    }));
  }
  if (l.status === 'SIGNED' && (isDrafter || isSigner || (state.me.roles || []).includes('REGISTRAR'))) {
    actions.append(act('Kirim', 'primary', async () => {
      if (!(await confirmDialog('Kirim naskah', 'Kirim naskah ke semua tujuan dan tembusan sesuai aturan rute?', 'Kirim'))) return null;
      await api.post(`/api/letters/${l.id}/send`);
      return 'Naskah dikirim.';
    }));
  }
  if (!['SIGNED', 'SENT', 'CANCELLED'].includes(l.status) && isDrafter) {
    actions.append(act('Batalkan', 'danger', async () => {
      const reason = await ask({ title: 'Batalkan naskah', labelText: 'Alasan pembatalan (minimal 3 karakter)', multiline: true, required: true, confirmText: 'Batalkan naskah' });
      if (reason === null) return null;
      await api.post(`/api/letters/${l.id}/cancel`, { reason: reason.trim() });
      return 'Naskah dibatalkan.';
    }));
  }
  if (l.status === 'SENT' && hasRole('ARCHIVIST', 'LEADER', 'DRAFTER', 'REGISTRAR')) actions.append(fileIntoDossierButton({ letterId: String(l.id) }));
  if (l.documentFileId) actions.append(pdfButton(l.id));
  if (l.verificationToken) {
    actions.append(h('a', { class: 'button secondary', href: `/verifikasi.html?t=${encodeURIComponent(l.verificationToken)}`, target: '_blank', rel: 'noopener' }, 'Tautan verifikasi publik'));
  }
  else if (['SIGNED', 'SENT'].includes(l.status)) actions.append(h('span', { class: 'muted' }, 'PDF sedang dibuat; muat ulang sebentar lagi.'));

  const reviewRows = (l.reviews || []).filter((r) => r.round === l.reviewRound || l.reviewRound === 0).map((r) => h('li', { class: r === pending ? 'current' : '' },
    `${r.step}. ${positionName(r.positionId)} — `, badge(label(DECISION, r.decision), r.decision === 'RETURNED' ? 'danger' : r.decision === 'APPROVED' ? 'ok' : ''),
    r.actedAt ? ` ${fmtDateTime(r.actedAt)}` : '', r.note ? h('div', { class: 'note' }, `Catatan: ${r.note}`) : null));
  const olderReviews = (l.reviews || []).filter((r) => r.round !== l.reviewRound && r.decision !== 'PENDING');

  const histBox = h('section', { 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, 'Riwayat'), h('p', { class: 'muted' }, 'Memuat…'));
  const revBox = h('section', { 'aria-labelledby': 'rev-h' }, h('h2', { id: 'rev-h' }, 'Revisi'), h('p', { class: 'muted' }, 'Memuat…'));

  page(l.subject,
    h('div', { class: 'badges' }, badge(label(STATUS, l.status), `st-${l.status}`), badge(`Revisi ${l.revision}`)),
    lateDelivery(l.delivery),
    actions,
    h('div', { class: 'cols' },
      h('div', {},
        letterBody(l, false),
        h('section', { class: 'card', 'aria-labelledby': 'parties-h' }, h('h2', { id: 'parties-h' }, 'Pihak'),
          h('dl', { class: 'meta' },
            dt('Konseptor', positionName(l.drafterPositionId)),
            dt('Penandatangan', positionName(l.signerPositionId)),
            dt('Kepada', recipientText(l.recipients.filter((r) => r.kind === 'TO'))),
            dt('Tembusan', recipientText(l.recipients.filter((r) => r.kind === 'CC')) || '—')),
          h('h3', {}, `Pemeriksa${l.reviewRound ? ` (putaran ${l.reviewRound})` : ''}`),
          reviewRows.length ? h('ol', { class: 'reviews' }, reviewRows) : h('p', { class: 'muted' }, l.reviewerPositionIds.length ? l.reviewerPositionIds.map(positionName).join(' → ') : 'Tanpa pemeriksa.'),
          olderReviews.length ? h('details', {}, h('summary', {}, 'Putaran sebelumnya'), h('ul', {}, olderReviews.map((r) => h('li', {}, `Putaran ${r.round}, ${r.step}. ${positionName(r.positionId)}: ${label(DECISION, r.decision)}${r.note ? ` — ${r.note}` : ''}`)))) : null)),
      h('div', {}, histBox, revBox)));

  api.get(`/api/letters/${id}/history`).then((events) => {
    histBox.replaceChildren(histBox.firstChild, events.length ? h('ol', { class: 'timeline' }, events.map((ev) => h('li', {},
      h('strong', {}, label(ACTIONS, ev.action)), ' ', h('span', { class: 'muted' }, fmtDateTime(ev.occurredAt)),
      h('div', { class: 'small' }, ev.actorPositionId ? positionName(ev.actorPositionId) : ev.capacity === 'SYSTEM' || !ev.actorUserId ? 'Sistem' : `Pengguna #${ev.actorUserId}`,
        ev.capacity && !['SENDIRI', 'SYSTEM'].includes(ev.capacity) ? ` (${label(CAPACITY, ev.capacity)})` : ''),
      historyDetail(ev)))) : h('p', { class: 'muted' }, 'Belum ada riwayat.'));
  }).catch((e) => histBox.replaceChildren(histBox.firstChild, errorBox(e)));
  api.get(`/api/letters/${id}/revisions`).then((revs) => {
    revBox.replaceChildren(revBox.firstChild, h('ol', { class: 'revisions' }, revs.map((r, i) => h('li', {},
      h('strong', {}, `Revisi ${r.revision}`), ` — ${fmtDateTime(r.createdAt)}`,
      h('details', {}, h('summary', {}, `Hal: ${r.snapshot?.subject ?? ''}`),
        i > 0 ? changedFields(revs[i - 1].snapshot, r.snapshot) : null,
        h('div', { class: 'body-text small' }, r.snapshot?.body ?? ''))))));
  }).catch((e) => revBox.replaceChildren(revBox.firstChild, errorBox(e)));
}

/** A sending not yet turned into deliveries past PIPELINE_LATE_SECONDS (the API says `late`): the sender is told, with its age. */
function lateDelivery(d) {
  if (!d || d.state !== 'WAITING' || !d.late) return null;
  const m = Math.floor(d.ageSeconds / 60);
  const age = m >= 60 ? `${Math.floor(m / 60)} jam ${m % 60} menit` : m >= 1 ? `${m} menit` : `${d.ageSeconds} detik`;
  return h('p', { class: 'notice warn', role: 'status' }, `Menunggu pengiriman sejak ${fmtDateTime(d.since)} (${age}). Naskah terkirim otomatis begitu layanan pengiriman pulih; tidak perlu dikirim ulang.`);
}

const FIELD_NAMES = { typeCode: 'jenis', subject: 'hal', summary: 'ringkasan', body: 'isi', securityClass: 'klasifikasi keamanan', urgency: 'sifat', classificationCode: 'kode klasifikasi', recipients: 'tujuan', reviewerPositionIds: 'pemeriksa', signerPositionId: 'penandatangan' };
function changedFields(a = {}, b = {}) {
  const keys = Object.keys(FIELD_NAMES).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return h('p', { class: 'muted small' }, keys.length ? `Berubah: ${keys.map((k) => FIELD_NAMES[k]).join(', ')}` : 'Tidak ada perubahan isian.');
}
function historyDetail(ev) {
  const a = ev.after || {};
  const parts = [];
  if (a.reason) parts.push(`Alasan: ${a.reason}`);
  if (a.note) parts.push(`Catatan: ${a.note}`);
  if (a.number) parts.push(`Nomor: ${a.number}`);
  if (a.status && ev.before?.status) parts.push(`${label(STATUS, ev.before.status)} → ${label(STATUS, a.status)}`);
  if (a.revision && ev.action === 'LETTER_REVISED') parts.push(`revisi ${a.revision}`);
  return parts.length ? h('div', { class: 'note' }, parts.join(' · ')) : null;
}
function recipientText(list) {
  return list.map((r) => r.externalName || (r.positionId ? `${positionName(r.positionId)}${officeOfPosition(r.positionId)}` : `Pimpinan ${state.offices.get(r.officeId) || `satker #${r.officeId}`}`)).join('; ');
}
function officeOfPosition(pid) {
  const p = state.positions.get(pid);
  return p && state.offices.has(p.officeId) ? ` (${state.offices.get(p.officeId)})` : '';
}
