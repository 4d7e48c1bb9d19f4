// views/proposals.js — #/arsip/usulan and #/arsip/usulan/:id: proposals from the sweep (usul pindah / musnah / serah /
// nilai kembali), their approval steps in order, execution, the handover receipt and the downloadable lists and minutes.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, PROPOSAL_KIND, PROPOSAL_STATUS, APPROVAL_STEP, FINAL_ACTION, DOSSIER_STATUS, CAPACITY, label, badge, notify, ask, confirmDialog, busy, showErrors, clearErrors } from '../ui.js';
import { page, refresh } from '../shell.js';
import { hasRole } from '../state.js';
import { dt, table, field, actionButton, downloadButton } from './parts.js';
import { recordsTabs } from './records.js';

const DOC_KIND = { LIST: 'Daftar arsip', MINUTES: 'Berita acara', MANIFEST: 'Manifes (SHA-256)', PACKAGE: 'Paket penyerahan' };

export async function viewProposals(_m, params) {
  const f = Object.fromEntries(params.entries());
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Saring usulan' },
    h('div', { class: 'field' }, h('label', { for: 'u-kind' }, 'Jenis'), h('select', { id: 'u-kind', name: 'kind' }, h('option', { value: '' }, 'Semua'),
      Object.entries(PROPOSAL_KIND).map(([k, v]) => h('option', { value: k, selected: f.kind === k }, v)))),
    h('div', { class: 'field' }, h('label', { for: 'u-st' }, 'Status'), h('select', { id: 'u-st', name: 'status' }, h('option', { value: '' }, 'Semua'),
      Object.entries(PROPOSAL_STATUS).map(([k, v]) => h('option', { value: k, selected: f.status === k }, v)))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Terapkan'), h('a', { href: '#/arsip/usulan', class: 'button secondary' }, 'Atur ulang'),
      hasRole('ARCHIVIST') ? h('a', { href: '#/arsip/usulan/baru', class: 'button primary' }, 'Susun usulan') : null));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const el of filters.elements) if (el.name && el.value) q.set(el.name, el.value);
    location.hash = `#/arsip/usulan${q.toString() ? `?${q}` : ''}`;
  });
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Arsip — usulan penyusutan', recordsTabs('usulan'), filters, list);
  const res = await api.get('/api/records/proposals', { kind: f.kind, status: f.status, limit: 100 });
  if (!res.items.length) { list.replaceChildren(h('p', { class: 'empty' }, 'Tidak ada usulan. Penyusutan harian menyusunnya dari berkas yang jatuh tempo.')); return; }
  list.replaceChildren(table(['Usulan', 'Asal', 'Berkas', 'Status', 'Dibuat', 'Diajukan'], res.items.map((p) => h('tr', {},
    h('td', {}, h('a', { href: `#/arsip/usulan/${p.id}` }, `${label(PROPOSAL_KIND, p.kind)} #${p.id}`), p.title ? h('div', { class: 'muted small' }, p.title) : null),
    h('td', {}, p.origin === 'SWEEP' ? 'Penyusutan otomatis' : 'Manual'),
    h('td', {}, p.itemCount),
    h('td', {}, badge(label(PROPOSAL_STATUS, p.status), statusClass(p.status))),
    h('td', {}, fmtDateTime(p.createdAt)), h('td', {}, fmtDateTime(p.submittedAt)))), 'Daftar usulan'));
}
const statusClass = (s) => (['APPROVED', 'EXECUTED', 'PACKAGED'].includes(s) ? 'ok' : ['REJECTED', 'CANCELLED'].includes(s) ? 'danger' : s === 'SUBMITTED' ? 'warn' : '');

export async function viewProposal(m) {
  const id = m[1];
  const p = await api.get(`/api/records/proposals/${id}`);
  const kindName = label(PROPOSAL_KIND, p.kind);
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  const editable = p.status === 'DRAFT' && hasRole('ARCHIVIST');
  if (p.status === 'DRAFT' && p.kind !== 'REVIEW') { // a re-appraisal list is decided dossier by dossier, never submitted
    actions.append(actionButton('Ajukan untuk persetujuan', 'primary', async () => {
      await api.post(`/api/records/proposals/${id}/submit`, { version: p.version });
      return 'Usulan diajukan.';
    }));
  }
  if (editable) { // the API cancels a list only while it is a draft, and only for the office's archivist
    actions.append(actionButton('Batalkan usulan', 'danger', async () => {
      if (!(await confirmDialog('Batalkan usulan', `Batalkan ${kindName} #${id}? Berkasnya kembali dapat diusulkan.`, 'Batalkan usulan'))) return null;
      await api.post(`/api/records/proposals/${id}/cancel`);
      return 'Usulan dibatalkan.';
    }));
  }
  if (p.status === 'SUBMITTED' && p.nextStep) {
    const decide = (decision) => async () => {
      const note = await ask({ title: `${decision === 'APPROVED' ? 'Setujui' : 'Tolak'} sebagai ${label(APPROVAL_STEP, p.nextStep)}`, labelText: decision === 'APPROVED' ? 'Catatan (opsional)' : 'Alasan penolakan', multiline: true, required: decision === 'REJECTED', confirmText: decision === 'APPROVED' ? 'Setujui' : 'Tolak' });
      if (note === null) return null;
      // a rejection keeps the dossiers out of the sweep until this day (empty: one year from today)
      const notBefore = decision === 'REJECTED' ? await ask({ title: 'Tidak diusulkan lagi sebelum', labelText: 'Tanggal (kosongkan untuk satu tahun dari hari ini)', type: 'date', confirmText: 'Tolak', hint: 'Berkas dalam usulan ini tidak diusulkan lagi oleh penyusutan harian sebelum tanggal ini (paling lama 10 tahun).' }) : '';
      if (notBefore === null) return null;
      await api.post(`/api/records/proposals/${id}/approvals`, { decision, ...(note.trim() ? { note: note.trim() } : {}), ...(notBefore ? { notBefore } : {}) });
      return decision === 'APPROVED' ? 'Persetujuan dicatat.' : 'Usulan ditolak.';
    };
    actions.append(actionButton(`Setujui (${label(APPROVAL_STEP, p.nextStep)})`, 'primary', decide('APPROVED')), actionButton('Tolak', 'danger', decide('REJECTED')));
  }
  if (p.status === 'APPROVED' && hasRole('ARCHIVIST')) { // executed by the office's archivist
    actions.append(actionButton({ TRANSFER: 'Laksanakan pemindahan', DESTROY: 'Laksanakan pemusnahan', HANDOVER: 'Siapkan paket penyerahan', REVIEW: 'Laksanakan' }[p.kind] || 'Laksanakan', 'primary', async () => {
      let body = {};
      if (p.kind === 'TRANSFER') {
        const loc = await ask({ title: 'Pemindahan ke pusat arsip', labelText: 'Lokasi simpan di pusat arsip', required: true, confirmText: 'Pindahkan' });
        if (loc === null) return null;
        body = { location: loc.trim() };
      } else if (!(await confirmDialog(kindName, p.kind === 'DESTROY' ? 'Isi arsip dihapus permanen (metadata disimpan sebagai tombstone). Pembekuan diperiksa ulang. Lanjutkan?' : 'Lanjutkan?', 'Laksanakan'))) return null;
      await api.post(`/api/records/proposals/${id}/execute`, body);
      return p.kind === 'TRANSFER' ? 'Berkas dipindahkan.' : 'Pelaksanaan dijadwalkan; muat ulang sebentar lagi untuk berita acara.';
    }));
  }
  const receipt = p.kind === 'HANDOVER' && p.status === 'PACKAGED' ? receiptForm(id) : null;

  const steps = p.requiredSteps || [];
  page(`${kindName} #${p.id}`,
    h('div', { class: 'badges' }, badge(label(PROPOSAL_STATUS, p.status), statusClass(p.status)), p.origin === 'SWEEP' ? badge('Dari penyusutan otomatis') : null),
    recordsTabs('usulan'),
    actions,
    h('div', { class: 'cols' },
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'pi-h' }, h('h2', { id: 'pi-h' }, `Berkas dalam usulan (${p.items.length})`),
          p.items.length ? table(['Berkas', 'Klasifikasi', 'Unit', 'Aktif s.d.', 'Inaktif s.d.', 'Nasib akhir', 'Status', editable || p.kind === 'REVIEW' ? h('span', { class: 'sr-only' }, 'Tindakan') : null].filter(Boolean), p.items.map((it) => h('tr', {},
            h('td', {}, h('a', { href: `#/arsip/berkas/${it.dossierId}` }, it.title), it.holdCount ? h('div', {}, badge('Dibekukan', 'danger')) : null, it.outcome && it.outcome !== 'PENDING' ? h('div', { class: 'muted small' }, { DONE: 'Selesai', REJECTED: 'Ditolak', SKIPPED: 'Dilewati', HELD: 'Ditahan (dibekukan)' }[it.outcome] || it.outcome) : null),
            h('td', {}, it.classificationCode), h('td', {}, it.unitName),
            h('td', {}, fmtDate(it.activeUntil)), h('td', {}, fmtDate(it.inactiveUntil)),
            h('td', {}, `${label(FINAL_ACTION, it.finalAction)} (${it.retentionYears} th)`),
            h('td', {}, label(DOSSIER_STATUS, it.status)),
            editable || p.kind === 'REVIEW' ? h('td', {}, itemAction(p, it, editable)) : null)), 'Berkas dalam usulan') : h('p', { class: 'muted' }, 'Belum ada berkas.')),
        editable ? addItemsForm(p) : null),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'ap-h' }, h('h2', { id: 'ap-h' }, 'Persetujuan'),
          steps.length ? h('ol', { class: 'reviews' }, steps.map((s) => {
            const a = (p.approvals || []).filter((x) => x.step === s).pop();
            return h('li', { class: p.nextStep === s && p.status === 'SUBMITTED' ? 'current' : '' }, label(APPROVAL_STEP, s), ' — ',
              a ? [badge(a.decision === 'APPROVED' ? 'Disetujui' : 'Ditolak', a.decision === 'APPROVED' ? 'ok' : 'danger'), ` ${a.positionTitle} (${a.fullName}${CAPACITY[a.capacity] ? `, ${CAPACITY[a.capacity]}` : ''}) ${fmtDateTime(a.decidedAt)}`, a.note ? h('div', { class: 'note' }, a.note) : null]
                : badge(p.nextStep === s && p.status === 'SUBMITTED' ? 'Menunggu (giliran sekarang)' : 'Menunggu', 'warn'));
          })) : h('p', { class: 'muted' }, 'Usul nilai kembali diputuskan per berkas oleh panitia penilai; tanpa persetujuan daftar.'),
          p.missingSteps?.length && p.status !== 'DRAFT' ? h('p', { class: 'muted small' }, `Belum: ${p.missingSteps.map((s) => label(APPROVAL_STEP, s)).join(', ')}`) : null),
        h('section', { class: 'card', 'aria-labelledby': 'doc-h' }, h('h2', { id: 'doc-h' }, 'Dokumen'),
          h('div', { class: 'actions' },
            downloadButton('Daftar (PDF)', `/api/records/proposals/${id}/list?format=pdf`, `daftar-usulan-${id}.pdf`),
            downloadButton('Daftar (XLSX)', `/api/records/proposals/${id}/list?format=xlsx`, `daftar-usulan-${id}.xlsx`)),
          p.documents?.length ? h('ul', {}, p.documents.map((doc) => h('li', {},
            downloadButton(`${DOC_KIND[doc.kind] || (doc.kind.startsWith('BA_') ? 'Berita acara' : doc.kind)}${doc.number ? ` ${doc.number}` : ''} (${String(doc.format).toUpperCase()})`, `/api/records/proposals/${id}/documents/${doc.id}`, `${doc.kind.toLowerCase()}-${id}.${String(doc.format).toLowerCase()}`, { class: 'link' }),
            h('div', { class: 'muted small mono' }, `SHA-256 ${doc.sha256}`))))
            : h('p', { class: 'muted small' }, 'Berita acara dibuat saat usulan dilaksanakan.')),
        p.receipt ? h('section', { class: 'card' }, h('h2', {}, 'Tanda terima penyerahan'), h('dl', { class: 'meta' },
          dt('Lembaga kearsipan', p.receipt.archiveName), dt('Nomor', p.receipt.receiptNumber), dt('Tanggal', fmtDate(p.receipt.receivedOn)), dt('Diterima oleh', p.receipt.receivedByName))) : null,
        receipt)));
}

/** A row's action: take a dossier out of a draft list, or open the re-appraisal of a dossier still pending in a REVIEW list. */
function itemAction(p, it, editable) {
  if (editable) {
    return actionButton('Keluarkan', 'link', async () => {
      await api.del(`/api/records/proposals/${p.id}/items/${it.dossierId}`);
      return `Berkas "${it.title}" dikeluarkan dari usulan.`;
    }, `Keluarkan ${it.title} dari usulan`);
  }
  if (p.kind === 'REVIEW' && (it.outcome === 'PENDING' || it.open)) {
    return h('a', { href: `#/arsip/berkas/${it.dossierId}?nilai=1`, 'aria-label': `Nilai kembali ${it.title}` }, 'Nilai kembali');
  }
  return null;
}

/** What each list asks of a dossier (the API checks it again: status, due date, final action, holds, no other open list). */
const WANTS = {
  TRANSFER: { status: 'CLOSED', due: 'activeUntil' },
  DESTROY: { status: 'INACTIVE', due: 'inactiveUntil', finalAction: 'MUSNAH', noHold: true },
  HANDOVER: { status: 'INACTIVE', due: 'inactiveUntil', finalAction: 'PERMANEN', noHold: true },
  REVIEW: { status: 'INACTIVE', due: 'inactiveUntil', finalAction: 'DINILAI_KEMBALI' },
};
const todayJakarta = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

/**
 * Dossiers that fit a list of `kind`, as checkboxes (due ones first), plus free dossier ids. Returns
 * { element, selected() → ids, reload(kind) }.
 */
function dossierPicker(uid, kind, exclude = []) {
  const list = h('div', { 'aria-live': 'polite' });
  const other = h('input', { id: `${uid}-other`, inputmode: 'numeric', autocomplete: 'off', placeholder: 'mis. 12, 15' });
  const element = h('div', {},
    h('fieldset', { dataset: { field: 'dossierIds' } }, h('legend', {}, 'Berkas yang sesuai'), list),
    field('other', 'Id berkas lain (opsional, pisahkan dengan koma)', other));
  const reload = async (k) => {
    const want = WANTS[k];
    list.replaceChildren(h('p', { class: 'muted' }, 'Memuat…'));
    try {
      const res = await api.get('/api/records/dossiers', { status: want.status, limit: 200 });
      const today = todayJakarta();
      const fits = res.items.filter((d) => !d.openProposalId && !exclude.includes(String(d.id)) && d[want.due]
        && (!want.finalAction || (d.finalActionOverride || d.finalAction) === want.finalAction) && (!want.noHold || !d.holdCount))
        .sort((a, b) => String(a[want.due]).localeCompare(String(b[want.due])));
      list.replaceChildren(fits.length
        ? h('ul', { class: 'checks' }, fits.map((d) => h('li', {},
          h('input', { type: 'checkbox', id: `${uid}-d${d.id}`, value: String(d.id), checked: d[want.due] <= today }),
          h('label', { for: `${uid}-d${d.id}` }, `${d.title} (${d.classificationCode}) — ${want.due === 'activeUntil' ? 'aktif' : 'inaktif'} s.d. ${fmtDate(d[want.due])}`,
            d[want.due] > today ? [' ', badge('belum jatuh tempo', 'warn')] : null))))
        : h('p', { class: 'muted' }, 'Tidak ada berkas yang sesuai untuk usulan ini.'));
    } catch (e) { list.replaceChildren(h('p', { class: 'field-error' }, e.message)); }
  };
  const selected = () => {
    const ids = [...list.querySelectorAll('input:checked')].map((x) => x.value);
    for (const part of other.value.split(/[\s,;]+/)) if (part) ids.push(part);
    return [...new Set(ids)];
  };
  reload(kind);
  return { element, selected, reload, other };
}

/** The API's reasons per dossier (DOSSIER_NOT_ELIGIBLE: [{dossierId, reason}]), listed under the form. */
function showProblems(form, box, err) {
  const problems = err.problems || [];
  showErrors(form, problems.length ? { message: `${problems.length} berkas tidak dapat dimasukkan ke usulan (rinciannya di bawah daftar).`, code: err.code, fields: err.fields } : err);
  box.replaceChildren(problems.length ? h('ul', { class: 'small' }, problems.map((x) => h('li', {}, `Berkas #${x.dossierId}: ${x.reason}`))) : '');
}

function addItemsForm(p) {
  const uid = 'pa';
  const picker = dossierPicker(uid, p.kind, p.items.map((it) => String(it.dossierId)));
  const problems = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Tambahkan ke usulan');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'pa-h' },
    h('h2', { id: 'pa-h' }, 'Tambah berkas'),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    picker.element, problems,
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    problems.replaceChildren();
    const ids = picker.selected();
    if (!ids.length) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'dossierIds', reason: 'pilih minimal satu berkas' }] }); return; }
    if (ids.some((x) => !/^\d+$/.test(x))) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'other', reason: 'id berkas berupa angka' }] }); return; }
    await busy(submit, async () => {
      try {
        await api.post(`/api/records/proposals/${p.id}/items`, { dossierIds: ids });
        notify(`${ids.length} berkas ditambahkan ke usulan.`);
        refresh();
      } catch (err) { showProblems(form, problems, err); }
    });
  });
  return form;
}

// ---------------------------------------------------------------- #/arsip/usulan/baru
export async function viewProposalCreate() {
  const uid = 'pn';
  const kind = h('select', { id: `${uid}-kind` }, Object.entries(PROPOSAL_KIND).map(([k, v]) => h('option', { value: k }, v)));
  const title = h('input', { id: `${uid}-title`, maxlength: 300 });
  const picker = dossierPicker(uid, kind.value);
  kind.addEventListener('change', () => picker.reload(kind.value));
  const problems = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Simpan sebagai konsep');
  const form = h('form', { class: 'card', novalidate: true },
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'grid2' }, field('kind', 'Jenis usulan', kind), field('title', 'Judul (opsional)', title)),
    picker.element, problems,
    h('div', { class: 'actions' }, submit, h('a', { class: 'button secondary', href: '#/arsip/usulan' }, 'Batal')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    problems.replaceChildren();
    const ids = picker.selected();
    if (!ids.length) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'dossierIds', reason: 'pilih minimal satu berkas' }] }); return; }
    if (ids.some((x) => !/^\d+$/.test(x))) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'other', reason: 'id berkas berupa angka' }] }); return; }
    await busy(submit, async () => {
      try {
        const made = await api.post('/api/records/proposals', { kind: kind.value, dossierIds: ids, ...(title.value.trim() ? { title: title.value.trim() } : {}) });
        notify(`${label(PROPOSAL_KIND, made.kind)} #${made.id} disusun sebagai konsep.`);
        location.hash = `#/arsip/usulan/${made.id}`;
      } catch (err) { showProblems(form, problems, err); }
    });
  });
  page('Susun usulan', recordsTabs('usulan'),
    h('p', { class: 'muted' }, 'Penyusutan harian menyusun usulan otomatis; di sini arsiparis menyusunnya sendiri dari berkas yang sudah jatuh tempo.'),
    form);
}

function receiptForm(id) {
  const i = (n, type = 'text') => h('input', { id: `rc-${n}`, type });
  const inputs = { archiveName: i('archiveName'), receiptNumber: i('receiptNumber'), receivedOn: i('receivedOn', 'date'), receivedByName: i('receivedByName') };
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Catat tanda terima');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'rc-h' }, h('h2', { id: 'rc-h' }, 'Catat tanda terima lembaga kearsipan'),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    field('archiveName', 'Nama lembaga kearsipan', inputs.archiveName), field('receiptNumber', 'Nomor tanda terima', inputs.receiptNumber),
    field('receivedOn', 'Tanggal diterima', inputs.receivedOn), field('receivedByName', 'Diterima oleh', inputs.receivedByName),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
    await busy(submit, async () => {
      try { await api.post(`/api/records/proposals/${id}/receipt`, body); notify('Tanda terima dicatat; berkas berstatus diserahkan.'); refresh(); } catch (err) { showErrors(form, err); }
    });
  });
  return form;
}
