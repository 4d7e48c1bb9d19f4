// views/disposition-detail.js — one disposition (#/disposisi/:id) with the recipient's and the author's actions,
// the issue / re-dispose / prepare pages, a prepared disposition (#/disposisi/disiapkan/:id) and a letter's tree.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, DISPOSITION_STATUS, PREPARED_STATUS, URGENCY, CAPACITY, STATUS, label, badge, notify, ask, confirmDialog, busy, showErrors, clearErrors } from '../ui.js';
import { state, loadInstructions, instructionLabel, positionsOf, loadMaster } from '../state.js';
import { page, errorBox, refresh } from '../shell.js';
import { dt, downloadButton, actionButton, field } from './parts.js';
import { dispositionForm } from './disposition-form.js';
import { dispositionBadges } from './dispositions.js';
/** Positions that may sign a letter (the compose page of the new app uses the same list). */
const SIGNING_KINDS = ['KETUA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG'];

const ACTION_TEXT = {
  DISPOSITION_ISSUED: 'Disposisi diberikan', DISPOSITION_READ: 'Dibaca', DISPOSITION_STARTED: 'Mulai dikerjakan', DISPOSITION_FOLLOW_UP: 'Laporan tindak lanjut',
  DISPOSITION_FOLLOWED_UP: 'Laporan tindak lanjut', DISPOSITION_COMPLETED: 'Selesai', DISPOSITION_CANCELLED: 'Dibatalkan', DISPOSITION_DEADLINE_CHANGED: 'Batas waktu diubah',
  DISPOSITION_REMINDED: 'Pengingat dikirim', DISPOSITION_FILE_ADDED: 'Lampiran laporan diunggah', DISPOSITION_REPLY_DRAFTED: 'Konsep jawaban dibuat', DISPOSITION_ESCALATED: 'Eskalasi keterlambatan', DISPOSITION_PREPARED: 'Disiapkan TU', DISPOSITION_CONFIRMED: 'Disahkan pimpinan',
};

// ---------------------------------------------------------------- #/disposisi/:id
export async function viewDisposition(m) {
  const id = m[1];
  const instructions = await loadInstructions();
  let d = await api.get(`/api/dispositions/${id}`);
  if (d.mine?.asRecipient && d.status === 'UNREAD') d = { ...d, ...(await api.post(`/api/dispositions/${id}/read`).catch(() => ({}))) };
  const open = ['UNREAD', 'READ', 'IN_PROGRESS'].includes(d.status);
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  if (d.mine?.asRecipient && open) {
    if (d.status === 'UNREAD') actions.append(actionButton('Tandai dibaca', 'secondary', async () => { await api.post(`/api/dispositions/${id}/read`); return 'Disposisi ditandai dibaca.'; }));
    if (d.status !== 'IN_PROGRESS') actions.append(actionButton('Mulai kerjakan', 'primary', async () => { await api.post(`/api/dispositions/${id}/start`); return 'Disposisi sedang dikerjakan.'; }));
    actions.append(h('a', { class: 'button secondary', href: `#/disposisi/${id}/lanjut` }, 'Disposisikan lanjut'));
    // "Siapkan jawaban": one reply draft per disposition, offered while none is linked
    const asksReply = (d.instructions || []).some((i) => instructions.find((x) => x.code === i.code)?.offersReply);
    if (asksReply && !d.replyLetterId) {
      const btn = h('button', { type: 'button', class: 'primary', onclick: () => replyDialog(d, btn) }, 'Siapkan jawaban');
      actions.append(btn);
    }
    actions.append(actionButton('Selesaikan', 'primary', async () => {
      if (!d.followUps.length) { notify('Tulis laporan tindak lanjut terlebih dahulu (formulir di bawah), lalu selesaikan.', 'error'); document.getElementById('fu-body')?.focus(); return null; }
      if (!(await confirmDialog('Selesaikan disposisi', 'Tandai disposisi ini selesai? Semua disposisi lanjutan harus sudah selesai atau dibatalkan.', 'Selesaikan'))) return null;
      await api.post(`/api/dispositions/${id}/complete`, {});
      return 'Disposisi selesai.';
    }));
  }
  if (d.mine?.asAuthor && d.status === 'UNREAD') {
    actions.append(actionButton('Batalkan disposisi', 'danger', async () => {
      const reason = await ask({ title: 'Batalkan disposisi', labelText: 'Alasan (opsional)', multiline: true, confirmText: 'Batalkan disposisi' });
      if (reason === null) return null;
      await api.post(`/api/dispositions/${id}/cancel`, reason.trim() ? { reason: reason.trim() } : {});
      return 'Disposisi dibatalkan.';
    }));
  }
  if (d.mine?.asAuthor && open) {
    actions.append(actionButton('Ubah batas waktu', 'secondary', async () => {
      const v = await ask({ title: 'Ubah batas waktu', labelText: 'Tanggal batas waktu baru', type: 'date', required: true, confirmText: 'Simpan', hint: 'Pengingat dijadwalkan ulang otomatis.' });
      if (v === null) return null;
      await api.patch(`/api/dispositions/${id}/deadline`, { deadline: v, version: d.version });
      return 'Batas waktu diubah.';
    }));
  }

  const replies = await replyLetters(d);
  const r = d.rollup;
  page(`Disposisi: ${d.letter?.subject || `#${d.id}`}`,
    dispositionBadges(d),
    actions,
    h('div', { class: 'cols' },
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'disp-h' }, h('h2', { id: 'disp-h' }, 'Isi disposisi'),
          h('dl', { class: 'meta' },
            dt('Surat', h('span', {}, d.letter?.subject || '—', d.letter?.number ? ` (${d.letter.number})` : '')),
            dt('Dari', `${d.author?.title} — ${d.author?.userName}${d.author?.capacity && d.author.capacity !== 'SENDIRI' ? ` (${label(CAPACITY, d.author.capacity)})` : ''}`),
            dt('Kepada', d.recipient?.title),
            dt('Instruksi', (d.instructions || []).map((i) => i.label || instructionLabel(i.code)).join(', ')),
            dt('Catatan', d.note || '—'),
            dt('Prioritas', label(URGENCY, d.priority)),
            dt('Batas waktu', d.deadline ? h('span', {}, fmtDate(d.deadline), d.overdue ? [' ', badge('Terlambat', 'danger')] : null) : '—'),
            dt('Diberikan', fmtDateTime(d.createdAt)),
            dt('Dibaca', fmtDateTime(d.readAt)),
            d.startedAt ? dt('Mulai dikerjakan', fmtDateTime(d.startedAt)) : null,
            d.completedAt ? dt('Selesai', fmtDateTime(d.completedAt)) : null,
            d.cancelledAt ? dt('Dibatalkan', fmtDateTime(d.cancelledAt)) : null),
          h('p', {}, h('a', { href: `#/naskah/${d.letter?.id}/disposisi` }, 'Pohon disposisi surat ini'), ' · ',
            d.deliveryId ? downloadButton('Lembar disposisi (PDF)', `/api/deliveries/${d.deliveryId}/disposition-sheet`, `lembar-disposisi-${d.deliveryId}.pdf`, { open: true, class: 'link' }) : null)),
        replies.length ? replySection(d, replies) : null,
        followUpSection(d, replies),
        d.mine?.asRecipient && open ? followUpForm(d, replies) : null),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'kids-h' }, h('h2', { id: 'kids-h' }, 'Disposisi lanjutan'),
          d.children?.length
            ? h('ul', { class: 'tree' }, d.children.map((c) => h('li', {}, h('a', { href: `#/disposisi/${c.id}` }, c.recipient?.title), ' ', dispositionBadges(c), c.deadline ? h('span', { class: 'muted small' }, ` s.d. ${fmtDate(c.deadline)}`) : null)))
            : h('p', { class: 'muted' }, 'Belum ada.'),
          r && r.total ? rollupText(r) : null),
        historySection(id))));
}

export function rollupText(r) {
  return h('p', { class: 'rollup' }, h('strong', {}, `${r.percentDone}% selesai`), ` — ${r.byStatus.DONE} dari ${r.total - r.byStatus.CANCELLED} disposisi di bawahnya selesai, ${r.open} terbuka`,
    r.overdue ? [', ', badge(`${r.overdue} terlambat`, 'danger')] : '', r.latestOpenDeadline ? `; batas terakhir yang terbuka ${fmtDate(r.latestOpenDeadline)}` : '', r.levels > 1 ? ` (${r.levels} tingkat)` : '');
}

function followUpSection(d, replies = []) {
  return h('section', { class: 'card', 'aria-labelledby': 'fu-h' }, h('h2', { id: 'fu-h' }, 'Laporan tindak lanjut'),
    d.followUps?.length ? h('ol', { class: 'timeline' }, d.followUps.map((f) => h('li', {},
      h('strong', {}, f.author?.title), ' ', h('span', { class: 'muted' }, fmtDateTime(f.createdAt)),
      h('div', { class: 'body-text small' }, f.body),
      f.attachmentFileIds?.length ? h('div', { class: 'actions' }, f.attachmentFileIds.map((fid, i) => downloadButton(`Lampiran ${i + 1}`, `/api/dispositions/${d.id}/files/${fid}`, `lampiran-${fid}`, { class: 'link' }))) : null,
      f.replyLetterId ? h('div', {}, 'Naskah jawaban: ', replyLink(replies.find((x) => x.id === f.replyLetterId) || { id: f.replyLetterId })) : null)))
      : h('p', { class: 'muted' }, 'Belum ada laporan.'));
}

function followUpForm(d, replies = []) {
  const body = h('textarea', { id: 'fu-body', rows: 4, maxlength: 10000, required: true });
  const visible = replies.filter((x) => x.letter);
  const reply = visible.length ? h('select', { id: 'fu-reply' }, h('option', { value: '' }, '— tanpa naskah jawaban —'),
    visible.map((x, i) => h('option', { value: x.id, selected: i === 0 }, `${x.letter.subject} (${label(STATUS, x.letter.status)}${x.letter.number ? `, ${x.letter.number}` : ''})`))) : null;
  const files = h('input', { id: 'fu-files', type: 'file', multiple: true });
  const done = h('input', { id: 'fu-done', type: 'checkbox' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Kirim laporan');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'fuf-h' },
    h('h2', { id: 'fuf-h' }, 'Tulis laporan tindak lanjut'),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    field('body', 'Laporan (minimal 3 karakter)', body),
    field('file', 'Lampiran (opsional; PDF, gambar, DOCX, XLSX)', files),
    reply ? field('replyLetterId', 'Rujuk naskah jawaban', reply, 'Laporan ini menyebut naskah jawaban yang disiapkan dari disposisi ini.') : null,
    h('div', { class: 'field check' }, done, h('label', { for: 'fu-done' }, 'Sekaligus selesaikan disposisi')),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    if (body.value.trim().length < 3) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'body', reason: 'wajib diisi, minimal 3 karakter' }] }); return; }
    await busy(submit, async () => {
      try {
        const ids = [];
        for (const file of files.files) {
          const fd = new FormData();
          fd.append('file', file, file.name);
          const up = await api.upload(`/api/dispositions/${d.id}/files`, fd);
          ids.push(String(up.id ?? up.file?.id));
        }
        const input = { body: body.value.trim(), ...(ids.length ? { attachmentFileIds: ids } : {}), ...(reply?.value ? { replyLetterId: reply.value } : {}) };
        if (done.checked) await api.post(`/api/dispositions/${d.id}/complete`, input);
        else await api.post(`/api/dispositions/${d.id}/follow-ups`, input);
        notify(done.checked ? 'Laporan dikirim dan disposisi selesai.' : 'Laporan tindak lanjut dikirim.');
        refresh();
      } catch (err) { showErrors(form, err, { FOLLOW_UP_REQUIRED: 'body', CHILDREN_OPEN: 'body', UNKNOWN_REPLY_LETTER: 'replyLetterId' }); }
    });
  });
  return form;
}

/**
 * The reply letters linked to the disposition ("Siapkan jawaban") or named by its reports, each with the
 * letter when the viewer may see it: [{ id, letter | null }].
 */
async function replyLetters(d) {
  const ids = [...new Set([d.replyLetterId, ...(d.followUps || []).map((f) => f.replyLetterId)].filter(Boolean).map(String))];
  return Promise.all(ids.map(async (lid) => ({ id: lid, letter: await api.get(`/api/letters/${lid}`).catch(() => null) })));
}

function replyLink(x) {
  if (!x.letter) return h('span', { class: 'muted' }, `Naskah #${x.id} (tidak dapat Anda lihat)`);
  return h('span', {}, h('a', { href: `/naskah/${x.id}` }, x.letter.subject), ' ', badge(label(STATUS, x.letter.status), ['SENT', 'SIGNED', 'APPROVED'].includes(x.letter.status) ? 'ok' : x.letter.status === 'RETURNED' ? 'warn' : ''));
}

function replySection(d, replies) {
  return h('section', { class: 'card', 'aria-labelledby': 'rl-h' }, h('h2', { id: 'rl-h' }, 'Naskah jawaban'),
    h('ul', {}, replies.map((x) => {
      const l = x.letter;
      const editable = l && ['DRAFT', 'RETURNED'].includes(l.status) && l.drafterUserId === state.me?.user?.id;
      return h('li', {}, replyLink(x),
        x.id === d.replyLetterId ? h('span', { class: 'muted small' }, ' — disiapkan dari disposisi ini') : h('span', { class: 'muted small' }, ' — dirujuk laporan tindak lanjut'),
        l ? h('div', { class: 'muted small' }, l.number ? `Nomor ${l.number}` : '(belum bernomor)', l.sentAt ? ` · dikirim ${fmtDateTime(l.sentAt)}` : ` · diperbarui ${fmtDateTime(l.updatedAt)}`) : null,
        editable ? h('div', {}, h('a', { class: 'button secondary', href: `/naskah/${x.id}/ubah` }, 'Lanjutkan konsep')) : null);
    })));
}

/**
 * "Siapkan jawaban": asks for what the reply draft may take other than its defaults (subject, signer), then
 * POST /api/dispositions/:id/reply-letter → { replyLetterId } and opens the draft in the draft form.
 */
async function replyDialog(d, opener) {
  let positions = [];
  try { positions = await positionsOf(d.officeId); } catch { positions = []; }
  const signers = positions.filter((p) => SIGNING_KINDS.includes(p.kind));
  const uid = `rd-${Date.now()}`;
  const subject = h('input', { id: `${uid}-subject`, maxlength: 500, autocomplete: 'off', placeholder: `Jawaban atas surat nomor ${d.letter?.number || '-'} …` });
  const signer = h('select', { id: `${uid}-signer` }, h('option', { value: '' }, 'Otomatis: pejabat penandatangan terdekat di atas pohon disposisi'),
    signers.map((p) => h('option', { value: String(p.id) }, `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ''}`)));
  const master = await loadMaster().catch(() => ({ classifications: [] }));
  const cls = h('input', { id: `${uid}-cls`, list: `${uid}-cls-list`, autocomplete: 'off', placeholder: 'kosong = sama dengan surat asal' });
  const clsList = h('datalist', { id: `${uid}-cls-list` }, master.classifications.map((c) => h('option', { value: c.code }, `${c.code} — ${c.title}`)));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Buat konsep jawaban');
  const form = h('form', { method: 'dialog', novalidate: true },
    h('h2', { id: `${uid}-t` }, 'Siapkan jawaban'),
    h('p', { class: 'muted' }, `Konsep naskah dinas ditujukan kepada pengirim surat "${d.letter?.subject || ''}", dengan klasifikasi keamanan dan kode klasifikasi yang sama, lalu dibuka di formulir konsep untuk dilengkapi, diperiksa dan ditandatangani seperti biasa.`),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    field('subject', 'Hal (opsional; kosong = otomatis)', subject),
    field('signerPositionId', 'Penandatangan', signer),
    field('classificationCode', 'Kode klasifikasi (wajib bila surat asal tidak berkode, mis. surat dari luar)', cls), clsList,
    h('div', { class: 'actions' }, submit, h('button', { type: 'button', onclick: () => dlg.close('cancel') }, 'Batal')));
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': `${uid}-t` }, form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const input = {};
    if (subject.value.trim()) input.subject = subject.value.trim();
    if (signer.value) input.signerPositionId = Number(signer.value);
    if (cls.value.trim()) input.classificationCode = cls.value.trim();
    if (input.subject && input.subject.length < 3) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'subject', reason: 'minimal 3 karakter' }] }); return; }
    await busy(submit, async () => {
      try {
        const res = await api.post(`/api/dispositions/${d.id}/reply-letter`, input);
        dlg.close('ok');
        notify('Konsep jawaban dibuat dan ditautkan ke disposisi. Lengkapi isinya lalu simpan.');
        location.assign(`/naskah/${res.replyLetterId}/ubah`); // the compose page of the new app
      } catch (err) {
        if (err.code === 'REPLY_EXISTS') { dlg.close('exists'); notify(err.message, 'error'); refresh(); return; }
        showErrors(form, err);
      }
    });
  });
  dlg.addEventListener('close', () => { dlg.remove(); if (dlg.returnValue !== 'ok' && opener?.isConnected) opener.focus(); });
  document.body.append(dlg);
  dlg.showModal();
  subject.focus();
}

function historySection(id) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'dh-h' }, h('h2', { id: 'dh-h' }, 'Riwayat'), h('p', { class: 'muted' }, 'Memuat…'));
  api.get(`/api/dispositions/${id}/history`).then((events) => {
    box.replaceChildren(box.firstChild, events.length ? h('ol', { class: 'timeline' }, events.map((ev) => h('li', {},
      h('strong', {}, ACTION_TEXT[ev.action] || ev.action), ' ', h('span', { class: 'muted small' }, fmtDateTime(ev.occurredAt)),
      ev.after?.status && ev.before?.status ? h('div', { class: 'small' }, `${label(DISPOSITION_STATUS, ev.before.status)} → ${label(DISPOSITION_STATUS, ev.after.status)}`) : null,
      ev.after?.reason ? h('div', { class: 'note' }, `Alasan: ${ev.after.reason}`) : null))) : h('p', { class: 'muted' }, 'Belum ada riwayat.'));
  }).catch((e) => box.replaceChildren(box.firstChild, errorBox(e)));
  return box;
}

// ---------------------------------------------------------------- #/surat-masuk/:id/disposisi and #/surat-masuk/:id/siapkan
export async function viewIssueDisposition(m, _params, prepare = false) {
  const deliveryId = m[1];
  const d = await api.get(`/api/deliveries/${deliveryId}`);
  const form = await dispositionForm({
    author: { officeId: d.officeId, positionId: d.positionId },
    submitText: prepare ? 'Simpan untuk pimpinan' : 'Kirim disposisi',
    onSubmit: async (input) => {
      if (prepare) {
        const p = await api.post('/api/prepared-dispositions', { deliveryId, ...input });
        notify('Disposisi disiapkan; menunggu pengesahan pimpinan.');
        location.hash = `#/disposisi/disiapkan/${p.id}`;
      } else {
        const made = await api.post('/api/dispositions', { deliveryId, ...input });
        notify(`${made.length} disposisi dikirim.`);
        location.hash = `#/naskah/${d.letterId}/disposisi`;
      }
    },
    extraActions: [h('a', { class: 'button secondary', href: `#/surat-masuk/${deliveryId}` }, 'Batal')],
  });
  page(prepare ? 'Siapkan disposisi untuk pimpinan' : 'Disposisikan surat',
    h('p', {}, h('strong', {}, d.subject), h('span', { class: 'muted' }, ` — No. agenda ${d.agendaNumber}/${d.agendaYear}, dari ${d.sender?.name || '—'}`)),
    prepare ? h('p', { class: 'notice' }, `Disposisi ini disiapkan atas nama ${d.position?.title}; terbit setelah disahkan.`) : null,
    form);
}

// ---------------------------------------------------------------- #/disposisi/:id/lanjut
export async function viewRedispose(m) {
  const id = m[1];
  const parent = await api.get(`/api/dispositions/${id}`);
  const form = await dispositionForm({
    author: { officeId: parent.officeId, positionId: parent.recipient.id },
    parentDeadline: parent.deadline,
    submitText: 'Kirim disposisi lanjutan',
    onSubmit: async (input) => {
      const made = await api.post(`/api/dispositions/${id}/dispositions`, input);
      notify(`${made.length} disposisi lanjutan dikirim.`);
      location.hash = `#/disposisi/${id}`;
    },
    extraActions: [h('a', { class: 'button secondary', href: `#/disposisi/${id}` }, 'Batal')],
  });
  page('Disposisi lanjutan', h('p', {}, h('strong', {}, parent.letter?.subject), h('span', { class: 'muted' }, ` — dari ${parent.author?.title}: ${(parent.instructions || []).map((i) => i.label).join(', ')}`)), form);
}

// ---------------------------------------------------------------- #/disposisi/disiapkan/:id
export async function viewPrepared(m) {
  const id = m[1];
  await loadInstructions();
  const p = await api.get(`/api/prepared-dispositions/${id}`);
  const mine = p.forPosition?.id === state.me?.position?.id || (state.me?.delegations || []).some((x) => [x.positionId, x.fromPositionId, x.delegatorPositionId].includes(p.forPosition?.id));
  const preparer = p.preparedBy?.userId === state.me?.user?.id;
  const pending = p.status === 'PENDING';
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  const editBox = h('div', {});
  if (pending && mine) {
    actions.append(actionButton('Sahkan', 'primary', async () => {
      await api.post(`/api/prepared-dispositions/${id}/confirm`, { version: p.version });
      return 'Disposisi disahkan dan dikirim.';
    }));
  }
  if (pending && (mine || preparer)) {
    actions.append(h('button', { type: 'button', class: 'secondary', onclick: async () => {
      const form = await dispositionForm({
        author: { officeId: p.officeId, positionId: p.forPosition.id }, initial: p,
        submitText: mine ? 'Sahkan dengan perubahan' : 'Simpan perubahan',
        onSubmit: async (input) => {
          if (mine) await api.post(`/api/prepared-dispositions/${id}/confirm`, { version: p.version, changes: input });
          else await api.patch(`/api/prepared-dispositions/${id}`, { ...input, version: p.version });
          notify(mine ? 'Disposisi disahkan dengan perubahan.' : 'Perubahan disimpan.');
          refresh();
        },
      });
      editBox.replaceChildren(h('h2', { id: 'edit-h', tabindex: '-1' }, 'Ubah isian'), form);
      editBox.querySelector('h2').focus();
    } }, mine ? 'Ubah lalu sahkan' : 'Ubah'));
    actions.append(actionButton('Buang', 'danger', async () => {
      const reason = await ask({ title: 'Buang disposisi yang disiapkan', labelText: 'Alasan (opsional)', multiline: true, confirmText: 'Buang' });
      if (reason === null) return null;
      await api.post(`/api/prepared-dispositions/${id}/discard`, { version: p.version, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      return 'Disposisi yang disiapkan dibuang.';
    }));
  }
  page('Disposisi yang disiapkan',
    h('div', { class: 'badges' }, badge(label(PREPARED_STATUS, p.status), p.status === 'PENDING' ? 'warn' : p.status === 'CONFIRMED' ? 'ok' : 'danger')),
    actions,
    h('section', { class: 'card' }, h('dl', { class: 'meta' },
      dt('Surat', p.letter?.subject),
      dt('Untuk pimpinan', p.forPosition?.title),
      dt('Disiapkan oleh', `${p.preparedBy?.name} — ${fmtDateTime(p.createdAt)}`),
      dt('Penerima', (p.recipients || []).map((r) => r.title).join('; ')),
      dt('Instruksi', (p.instructionCodes || []).map(instructionLabel).join(', ')),
      dt('Catatan', p.note || '—'),
      dt('Prioritas', label(URGENCY, p.priority)),
      dt('Batas waktu', p.deadline ? fmtDate(p.deadline) : '—'),
      p.decidedAt ? dt('Diputuskan', fmtDateTime(p.decidedAt)) : null),
      p.dispositionIds?.length ? h('p', {}, 'Disposisi yang terbit: ', p.dispositionIds.map((x, i) => [i ? ', ' : '', h('a', { href: `#/disposisi/${x}` }, `#${x}`)])) : null),
    editBox,
    h('p', {}, h('a', { href: '#/disposisi/disiapkan' }, '‹ Kembali ke daftar')));
}

// ---------------------------------------------------------------- #/naskah/:id/disposisi
export async function viewLetterTree(m) {
  const letterId = m[1];
  const t = await api.get(`/api/letters/${letterId}/dispositions`);
  const roots = t.roots || [];
  const node = (n) => h('li', {},
    h('div', { class: 'node' }, h('a', { href: `#/disposisi/${n.id}` }, `${n.author?.title} → ${n.recipient?.title}`), ' ', dispositionBadges(n),
      h('div', { class: 'muted small' }, (n.instructions || []).map((i) => i.label).join(', '), n.deadline ? ` · batas ${fmtDate(n.deadline)}` : '')),
    n.children?.length ? h('ul', { class: 'tree' }, n.children.map(node)) : null);
  const rollups = h('div', {});
  page('Pohon disposisi',
    roots[0]?.letter ? h('p', {}, h('strong', {}, roots[0].letter.subject), roots[0].letter.number ? ` (${roots[0].letter.number})` : '') : null,
    roots.length ? h('section', { class: 'card', 'aria-label': 'Pohon disposisi' }, h('ul', { class: 'tree root' }, roots.map(node))) : h('p', { class: 'empty' }, 'Belum ada disposisi untuk surat ini di satker Anda.'),
    rollups,
    roots[0]?.deliveryId ? h('p', {}, downloadButton('Lembar disposisi (PDF)', `/api/deliveries/${roots[0].deliveryId}/disposition-sheet`, `lembar-disposisi-${roots[0].deliveryId}.pdf`, { open: true })) : null);
  for (const r of roots) {
    api.get(`/api/dispositions/${r.id}/rollup`).then((x) => {
      if (x.total) rollups.append(h('div', { class: 'card' }, h('h2', {}, `Rekap: ${r.recipient?.title}`), rollupText(x)));
    }).catch(() => null);
  }
}
