// views/draft-form.js — #/buat and #/naskah/:id/ubah: draft a letter (Buat Naskah) or edit it, with route preview.
import { api, ApiError } from '../api.js';
import { h, badge, notify, showErrors, clearErrors, busy } from '../ui.js';
import { state, loadMaster, positionsOf, positionName, resolveNames } from '../state.js';
import { page, errorBox } from '../shell.js';

export const SIGNING_KINDS = ['KETUA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG'];

export async function viewCompose(_m, letterId) {
  const master = await loadMaster();
  const me = state.me;
  const letter = letterId ? await api.get(`/api/letters/${letterId}`) : null;
  const own = await positionsOf(me.office.id);
  const recipients = letter ? letter.recipients.map((r) => ({ ...r })) : [];
  const reviewers = letter ? [...letter.reviewerPositionIds] : [];
  await resolveNames(recipients);
  const officeNames = state.offices;

  const field = (name, labelText, input, hint) => h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: input.id }, labelText), hint ? h('p', { class: 'hint', id: `${input.id}-hint` }, hint) : null, input);
  const opt = (v, t, sel) => h('option', { value: v, selected: sel }, t);

  const typeSel = h('select', { id: 'c-type', name: 'typeCode', required: true }, opt('', '— pilih jenis —'), master.types.map((t) => opt(t.code, `${t.name} (${t.code})`, letter?.typeCode === t.code)));
  const subject = h('input', { id: 'c-subject', name: 'subject', required: true, minlength: 3, maxlength: 500, value: letter?.subject || '' });
  const summary = h('textarea', { id: 'c-summary', name: 'summary', rows: 2, maxlength: 5000 }, letter?.summary || '');
  const body = h('textarea', { id: 'c-body', name: 'body', rows: 10, required: true }, letter?.body || '');
  const secSel = h('select', { id: 'c-sec', name: 'securityClass' }, master.security.map((s) => opt(s.code, s.name, (letter?.securityClass || 'B') === s.code)));
  const urgSel = h('select', { id: 'c-urg', name: 'urgency' }, master.urgencies.map((u) => opt(u.code, u.name, (letter?.urgency || 'BIASA') === u.code)));
  const clsInput = h('input', { id: 'c-cls', name: 'classificationCode', list: 'c-cls-list', required: true, autocomplete: 'off', value: letter?.classificationCode || '', 'aria-describedby': 'c-cls-hint c-cls-title' });
  const clsList = h('datalist', { id: 'c-cls-list' }, master.classifications.map((c) => h('option', { value: c.code }, `${c.code} — ${c.title}`)));
  const clsTitle = h('p', { id: 'c-cls-title', class: 'muted small', 'aria-live': 'polite' });
  const updateCls = () => {
    const c = master.classifications.find((x) => x.code === clsInput.value.trim());
    clsTitle.textContent = c ? `${c.title}${c.isDemo ? ' (retensi CONTOH)' : ''}` : clsInput.value ? 'Kode tidak ditemukan di daftar klasifikasi (hanya kode terendah).' : '';
  };
  clsInput.addEventListener('input', updateCls);
  updateCls();

  // --- recipients
  const recipList = h('ul', { class: 'chips', 'aria-label': 'Tujuan dan tembusan' });
  const describeRecipient = (r) => r.externalName ? `Pihak luar: ${r.externalName}`
    : r.positionId ? positionName(r.positionId) + (state.positions.get(r.positionId) ? ` (${officeNames.get(state.positions.get(r.positionId).officeId) || 'satker #' + state.positions.get(r.positionId).officeId})` : '')
      : `Pimpinan ${officeNames.get(r.officeId) || `satker #${r.officeId}`}`;
  const drawRecipients = () => {
    recipList.replaceChildren(...recipients.map((r, i) => h('li', {},
      badge(r.kind === 'TO' ? 'Kepada' : 'Tembusan', r.kind === 'TO' ? '' : 'copy'), ' ', describeRecipient(r), ' ',
      h('button', { type: 'button', class: 'link', 'aria-label': `Hapus ${describeRecipient(r)}`, onclick: () => { recipients.splice(i, 1); drawRecipients(); } }, 'Hapus'))));
    if (!recipients.length) recipList.append(h('li', { class: 'muted' }, 'Belum ada tujuan.'));
  };
  const kindSel = h('select', { id: 'r-kind' }, opt('TO', 'Kepada (TO)'), opt('CC', 'Tembusan (CC)'));
  const officeQ = h('input', { id: 'r-office-q', type: 'search', placeholder: 'nama atau kode, mis. Sumbawa, 52', autocomplete: 'off' });
  const levelSel = h('select', { id: 'r-level' }, opt('', 'Semua tingkat'), opt('RI', 'KPU RI'), opt('PROVINSI', 'KPU Provinsi'), opt('KABKOTA', 'KPU Kabupaten/Kota'));
  const officeSel = h('select', { id: 'r-office', disabled: true }, opt('', '— cari satker dulu —'));
  const posSel = h('select', { id: 'r-pos', disabled: true }, opt('', '— pimpinan satker —'));
  const extName = h('input', { id: 'r-ext', maxlength: 300, placeholder: 'mis. Bupati Sumbawa' });
  let searchTimer;
  const searchOffices = async () => {
    let q = officeQ.value.trim();
    let level = levelSel.value;
    if (/^(kpu\s*)?ri$/i.test(q)) { q = ''; level = 'RI'; }
    if (q.length < 2 && !level) return;
    try {
      const res = await api.get('/api/offices', { q: q || undefined, level: level || undefined, limit: 100 });
      officeSel.replaceChildren(opt('', `— ${res.items.length} satker ditemukan —`), ...res.items.map((o) => { officeNames.set(o.id, o.name); return opt(String(o.id), `${o.name} (${o.code})`); }));
      officeSel.disabled = !res.items.length;
    } catch (e) { notify(e.message, 'error'); }
  };
  officeQ.addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(searchOffices, 300); });
  levelSel.addEventListener('change', searchOffices);
  officeQ.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); searchOffices(); } });
  officeSel.addEventListener('change', async () => {
    posSel.replaceChildren(opt('', '— pimpinan satker —'));
    posSel.disabled = true;
    if (!officeSel.value) return;
    const list = await positionsOf(Number(officeSel.value));
    posSel.append(...list.map((p) => opt(String(p.id), `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ''}`)));
    posSel.disabled = false;
  });
  const addOffice = h('button', { type: 'button', class: 'secondary', onclick: () => {
    if (!officeSel.value) { notify('Pilih satker tujuan terlebih dahulu.', 'error'); officeQ.focus(); return; }
    const r = posSel.value ? { kind: kindSel.value, positionId: Number(posSel.value) } : { kind: kindSel.value, officeId: Number(officeSel.value) };
    if (recipients.some((x) => x.kind === r.kind && x.positionId === r.positionId && x.officeId === r.officeId)) return;
    recipients.push(r); drawRecipients();
  } }, 'Tambah satker/jabatan');
  const addExt = h('button', { type: 'button', class: 'secondary', onclick: () => {
    const name = extName.value.trim();
    if (name.length < 2) { notify('Nama pihak luar minimal 2 karakter.', 'error'); extName.focus(); return; }
    recipients.push({ kind: kindSel.value, externalName: name }); extName.value = ''; drawRecipients();
  } }, 'Tambah pihak luar');

  // --- reviewers and signer (own office)
  const revList = h('ol', { class: 'chips ordered', 'aria-label': 'Urutan pemeriksa' });
  const revSel = h('select', { id: 'c-rev' }, opt('', '— pilih jabatan —'), own.filter((p) => p.id !== me.position?.id).map((p) => opt(String(p.id), `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ''}`)));
  const drawReviewers = () => {
    revList.replaceChildren(...reviewers.map((id, i) => h('li', {}, `${i + 1}. ${positionName(id)} `,
      h('button', { type: 'button', class: 'link', disabled: i === 0, 'aria-label': `Naikkan ${positionName(id)}`, onclick: () => { [reviewers[i - 1], reviewers[i]] = [reviewers[i], reviewers[i - 1]]; drawReviewers(); } }, '↑'),
      h('button', { type: 'button', class: 'link', disabled: i === reviewers.length - 1, 'aria-label': `Turunkan ${positionName(id)}`, onclick: () => { [reviewers[i + 1], reviewers[i]] = [reviewers[i], reviewers[i + 1]]; drawReviewers(); } }, '↓'),
      h('button', { type: 'button', class: 'link', 'aria-label': `Hapus pemeriksa ${positionName(id)}`, onclick: () => { reviewers.splice(i, 1); drawReviewers(); } }, 'Hapus'))));
    if (!reviewers.length) revList.append(h('li', { class: 'muted' }, 'Tanpa pemeriksa (langsung ke penandatangan).'));
  };
  const addRev = h('button', { type: 'button', class: 'secondary', onclick: () => {
    const id = Number(revSel.value);
    if (!id) { revSel.focus(); return; }
    if (reviewers.includes(id)) { notify('Jabatan ini sudah menjadi pemeriksa.', 'error'); return; }
    if (reviewers.length >= 10) { notify('Paling banyak 10 pemeriksa.', 'error'); return; }
    reviewers.push(id); drawReviewers();
  } }, 'Tambah pemeriksa');
  const signers = own.filter((p) => SIGNING_KINDS.includes(p.kind));
  const signerSel = h('select', { id: 'c-signer', name: 'signerPositionId', required: true }, opt('', '— pilih penandatangan —'),
    signers.map((p) => opt(String(p.id), `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ''}`, letter?.signerPositionId === p.id)));

  const routeOut = h('div', { class: 'route-preview', 'aria-live': 'polite' });
  const collect = () => ({
    typeCode: typeSel.value, subject: subject.value.trim(), summary: summary.value.trim() || undefined, body: body.value,
    securityClass: secSel.value, urgency: urgSel.value, classificationCode: clsInput.value.trim(),
    recipients: recipients.map((r) => ({ ...r })), reviewerPositionIds: [...reviewers], signerPositionId: Number(signerSel.value) || undefined,
  });
  const previewBtn = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    if (!recipients.length) { routeOut.replaceChildren(h('p', { class: 'field-error' }, 'Tambahkan tujuan terlebih dahulu.')); return; }
    await busy(previewBtn, async () => {
      try {
        const strip = ({ kind: _k, ...r }) => r;
        const to = recipients.filter((r) => r.kind === 'TO');
        const cc = recipients.filter((r) => r.kind === 'CC');
        const res = await api.post('/api/letters/route-preview', { to: to.map(strip), cc: cc.map(strip) });
        routeOut.replaceChildren(h('h3', {}, 'Pratinjau rute'), renderRoutePreview(res, describeRecipient, [...to, ...cc]));
      } catch (e) { routeOut.replaceChildren(errorBox(e.status === 404 ? 'Pratinjau rute belum tersedia di server ini.' : e)); }
    });
  } }, 'Pratinjau rute');

  const form = h('form', { class: 'card compose', novalidate: true },
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'grid2' },
      field('typeCode', 'Jenis naskah', typeSel),
      field('classificationCode', 'Kode klasifikasi arsip', clsInput, 'Ketik kode atau judul, pilih kode terendah.')),
    clsList, clsTitle,
    field('subject', 'Hal (perihal)', subject),
    field('summary', 'Ringkasan (opsional)', summary),
    field('body', 'Isi naskah', body),
    h('div', { class: 'grid2' }, field('securityClass', 'Klasifikasi keamanan', secSel), field('urgency', 'Sifat (kesegeraan)', urgSel)),
    h('fieldset', { dataset: { field: 'recipients' } }, h('legend', {}, 'Tujuan (Kepada) dan Tembusan'),
      recipList,
      h('div', { class: 'grid3' },
        h('div', { class: 'field' }, h('label', { for: 'r-kind' }, 'Sebagai'), kindSel),
        h('div', { class: 'field' }, h('label', { for: 'r-level' }, 'Tingkat satker'), levelSel),
        h('div', { class: 'field' }, h('label', { for: 'r-office-q' }, 'Cari satker (nama/kode)'), officeQ)),
      h('div', { class: 'grid3' },
        h('div', { class: 'field' }, h('label', { for: 'r-office' }, 'Satker'), officeSel),
        h('div', { class: 'field' }, h('label', { for: 'r-pos' }, 'Jabatan (kosong = pimpinan satker)'), posSel),
        h('div', { class: 'field end' }, addOffice)),
      h('div', { class: 'grid3' },
        h('div', { class: 'field span2' }, h('label', { for: 'r-ext' }, 'Atau pihak luar KPU (nama bebas)'), extName),
        h('div', { class: 'field end' }, addExt)),
      h('div', { class: 'actions' }, previewBtn), routeOut),
    h('fieldset', { dataset: { field: 'reviewerPositionIds' } }, h('legend', {}, `Pemeriksa berurutan (${me.office.name})`),
      revList,
      h('div', { class: 'grid3' }, h('div', { class: 'field span2' }, h('label', { for: 'c-rev' }, 'Jabatan pemeriksa'), revSel), h('div', { class: 'field end' }, addRev))),
    field('signerPositionId', 'Penandatangan', signerSel, 'Pejabat penandatangan di satker Anda.'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, letter ? 'Simpan perubahan' : 'Simpan konsep'),
      h('a', { href: letter ? `#/naskah/${letter.id}` : '#/kotak-keluar/drafts', class: 'button secondary' }, 'Batal')));

  const clearField = (e) => {
    const f = e.target.closest('[data-field]');
    if (!f) return;
    f.querySelectorAll(':scope > .field-error, fieldset > .field-error').forEach((x) => x.remove());
    f.querySelectorAll('[aria-invalid]').forEach((x) => { x.removeAttribute('aria-invalid'); x.removeAttribute('aria-describedby'); });
  };
  form.addEventListener('input', clearField);
  form.addEventListener('change', clearField);
  form.addEventListener('click', (e) => { if (e.target.matches('fieldset button')) clearField(e); });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const data = collect();
    const local = [];
    if (!data.typeCode) local.push({ field: 'typeCode', reason: 'pilih jenis naskah' });
    if (data.subject.length < 3) local.push({ field: 'subject', reason: 'minimal 3 karakter' });
    if (!data.body.trim()) local.push({ field: 'body', reason: 'wajib diisi' });
    if (!data.classificationCode) local.push({ field: 'classificationCode', reason: 'wajib diisi' });
    if (!data.recipients.some((r) => r.kind === 'TO')) local.push({ field: 'recipients', reason: 'minimal satu tujuan (Kepada)' });
    if (!data.signerPositionId) local.push({ field: 'signerPositionId', reason: 'pilih penandatangan' });
    if (local.length) { showErrors(form, new ApiError(400, { message: 'Periksa kembali isian yang ditandai.', details: { fields: local } })); return; }
    await busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const saved = letter ? await api.patch(`/api/letters/${letter.id}`, { ...data, version: letter.version }) : await api.post('/api/letters', data);
        notify(letter ? 'Perubahan disimpan.' : 'Konsep naskah disimpan.');
        location.hash = `#/naskah/${saved.id}`;
      } catch (err) { showErrors(form, err); }
    });
  });

  drawRecipients();
  drawReviewers();
  page(letter ? `Ubah naskah: ${letter.subject}` : 'Buat Naskah', form);
}

/** POST /api/letters/route-preview → [{kind, recipient, mode, toBeForwarded, deliverTo, hops[{name, code, level}], explanation}], in to-then-cc order. */
function renderRoutePreview(res, describe, recipients) {
  const routes = Array.isArray(res) ? res : res.items || [];
  if (!routes.length) return h('p', { class: 'muted' }, 'Tidak ada rute.');
  const MODE = { DIRECT: ['Langsung', 'ok'], VIA_PARENT: ['Melalui satker induk', 'warn'], FORBIDDEN: ['Tidak diizinkan', 'danger'] };
  return h('ol', { class: 'route-list' }, routes.map((r, i) => {
    const rec = recipients[i] || { kind: r.kind, ...r.recipient };
    const [modeText, modeCls] = MODE[r.mode] || [r.mode, ''];
    const stops = (r.hops || []).map((s) => s.name || s.code || '?');
    return h('li', {},
      badge(r.kind === 'CC' ? 'Tembusan' : 'Kepada', r.kind === 'CC' ? 'copy' : ''), ' ', h('strong', {}, describe(rec)), ' ', badge(modeText, modeCls),
      stops.length ? h('div', { class: 'hops', 'aria-label': 'Rute' }, stops.join(' → ')) : null,
      r.deliverTo ? h('div', { class: 'small' }, `Diterima pertama oleh: ${r.deliverTo.positionTitle || 'pimpinan'} — ${r.deliverTo.officeName}${r.toBeForwarded ? ' (untuk diteruskan)' : ''}`) : null,
      r.explanation ? h('div', { class: 'note' }, r.explanation) : null);
  }));
}
