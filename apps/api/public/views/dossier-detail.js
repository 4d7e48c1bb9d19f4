// views/dossier-detail.js — one dossier (#/arsip/berkas/:id): its computed retention dates and why, its
// records, and what may be done to it (edit, event date, close, re-appraisal), with its history.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, DOSSIER_STATUS, FINAL_ACTION, TRIGGER, PROPOSAL_KIND, SECURITY, label, badge, notify, busy, showErrors, clearErrors } from '../ui.js';
import { state } from '../state.js';
import { page, errorBox, refresh } from '../shell.js';
import { dt, table, field, actionButton } from './parts.js';
import { recordsTabs } from './records.js';
export async function viewDossier(m, params) {
  const id = m[1];
  const d = await api.get(`/api/records/dossiers/${id}`);
  const r = d.retention || {};
  const why = r.why || {};
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  // the form of the action chosen below (edit, re-appraise, event date) opens here, one at a time
  const panel = h('div', {});
  const opens = (text, cls, build) => {
    const btn = h('button', { type: 'button', class: cls, 'aria-expanded': 'false', onclick: () => showPanel(panel, btn, build) }, text);
    return btn;
  };
  if (d.status === 'ACTIVE') actions.append(opens('Tutup berkas', 'primary', (close) => closeForm(d, close)));
  const finished = ['DESTROYED', 'HANDED_OVER'].includes(d.status);
  if (!finished) actions.append(opens('Ubah data berkas', 'secondary', (close) => dossierEditForm(d, close)));
  // the API takes the event date once, while the dossier is ACTIVE or CLOSED; changing it later is a re-appraisal
  if (why.trigger === 'EVENT' && !d.eventDate && ['ACTIVE', 'CLOSED'].includes(d.status)) {
    actions.append(opens('Catat tanggal peristiwa', 'secondary', (close) => eventDateForm(d, close)));
  }
  const reappraisable = ['CLOSED', 'INACTIVE', 'REVIEW'].includes(d.status);
  const blockedBy = d.openProposal && d.openProposal.kind !== 'REVIEW' ? d.openProposal : null;
  let reappraiseBtn = null;
  if (reappraisable && mayAppraise(d) && !blockedBy) {
    reappraiseBtn = opens(d.status === 'REVIEW' ? 'Catat hasil penilaian kembali' : 'Nilai kembali', d.status === 'REVIEW' ? 'primary' : 'secondary', (close) => reappraisalForm(d, close));
    actions.append(reappraiseBtn);
  }
  page(d.title,
    h('div', { class: 'badges' }, badge(label(DOSSIER_STATUS, d.status)), d.holdCount ? badge(`Dibekukan (${d.holdCount})`, 'danger') : null,
      why.isDemo ? badge('Retensi CONTOH', 'warn') : null, d.reappraisalNeeded ? badge('Perlu dinilai kembali', 'warn') : null),
    recordsTabs('berkas'),
    actions,
    reappraisable && mayAppraise(d) && blockedBy ? h('p', { class: 'muted small' }, 'Penilaian kembali tidak dapat dicatat selama berkas ada dalam ',
      h('a', { href: `#/arsip/usulan/${blockedBy.id}` }, `${label(PROPOSAL_KIND, blockedBy.kind)} #${blockedBy.id}`), '; keluarkan dahulu dari usulan itu.') : null,
    panel,
    h('div', { class: 'cols' },
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'ret-h' }, h('h2', { id: 'ret-h' }, 'Retensi'),
          h('dl', { class: 'meta' },
            dt('Aktif sampai', r.activeUntil ? fmtDate(r.activeUntil) : 'belum berjalan'),
            dt('Inaktif sampai', r.inactiveUntil ? fmtDate(r.inactiveUntil) : '—'),
            dt('Nasib akhir', `${label(FINAL_ACTION, r.finalAction)}${why.finalActionFrom && why.finalActionFrom !== 'RULE' ? ' (hasil penilaian kembali)' : ''}`),
            dt('Masa retensi', r.retentionYears ? `${r.retentionYears} tahun (aktif ${why.activeYears} + inaktif ${why.inactiveYears}${why.extraYears ? ` + perpanjangan ${why.extraYears}` : ''})` : '—'),
            dt('Pemicu', `${label(TRIGGER, why.trigger)}${why.triggerDate ? `: ${fmtDate(why.triggerDate)}` : ''}`),
            dt('Aturan', `JRA versi ${why.scheduleVersion ?? '—'} (berlaku ${why.effectiveFrom ? fmtDate(why.effectiveFrom) : '—'}), kode ${why.classificationCode ?? d.classificationCode}${why.isDemo ? ' — nilai CONTOH' : ''}`)),
          why.text ? h('p', { class: 'note' }, h('strong', {}, 'Mengapa: '), why.text) : null,
          r.provisional ? h('p', { class: 'muted small' }, 'Tanggal bersifat sementara: dihitung dengan aturan yang berlaku sekarang sampai jadwal berjalan.') : null),
        h('section', { class: 'card', 'aria-labelledby': 'it-h' }, h('h2', { id: 'it-h' }, `Isi berkas (${d.items?.length ?? 0})`),
          d.items?.length ? table(['Arsip', 'Nomor', 'Tanggal', 'Jenis', ''], d.items.map((it) => h('tr', {},
            h('td', {}, it.restricted ? h('span', { class: 'muted' }, `(terbatas: klasifikasi ${label(SECURITY, it.securityClass)})`) : h('a', { href: it.deliveryId ? `#/surat-masuk/${it.deliveryId}` : `/naskah/${it.letterId}` }, it.subject),
              it.contentDestroyedAt ? h('div', {}, badge('Isi dimusnahkan', 'danger')) : null, it.dispositions ? h('div', { class: 'muted small' }, `${it.dispositions} disposisi`) : null),
            h('td', {}, it.number || '—'), h('td', {}, fmtDate(it.date)), h('td', {}, it.kind === 'INCOMING' ? 'Masuk' : 'Keluar'),
            h('td', {}, d.status === 'ACTIVE' ? actionButton('Keluarkan', 'link', async () => { await api.del(`/api/records/dossiers/${id}/items/${it.id}`); return 'Arsip dikeluarkan dari berkas.'; }) : null))), 'Isi berkas')
            : h('p', { class: 'muted' }, 'Belum ada arsip. Berkaskan dari halaman surat (tombol "Berkaskan").'))),
      h('div', {},
        h('section', { class: 'card', 'aria-labelledby': 'bm-h' }, h('h2', { id: 'bm-h' }, 'Data berkas'),
          h('dl', { class: 'meta' },
            dt('Klasifikasi', `${d.classificationCode} — ${d.classificationTitle || ''}`),
            dt('Unit kerja', d.unit?.name),
            d.description ? dt('Uraian', d.description) : null,
            dt('Periode', `${fmtDate(d.periodStart)} – ${d.periodEnd ? fmtDate(d.periodEnd) : '…'}`),
            why.trigger === 'EVENT' || d.eventDate ? dt('Tanggal peristiwa', d.eventDate ? `${fmtDate(d.eventDate)}${d.eventNote ? ` — ${d.eventNote}` : ''}` : 'belum dicatat') : null,
            dt('Keamanan', label(SECURITY, d.securityClass)),
            dt('Lokasi', d.location || '—'),
            dt('Dibuat', fmtDateTime(d.createdAt)),
            d.closedAt ? dt('Ditutup', d.backdateReason ? `${fmtDate(d.closedOn)} (berlaku surut, dicatat ${fmtDateTime(d.closedAt)}) — ${d.backdateReason}` : fmtDateTime(d.closedAt)) : null,
            d.rejection ? dt('Usulan ditolak', `${d.rejection.text}${d.rejection.note ? ` — ${d.rejection.note}` : ''}`) : null,
            d.openProposal ? dt('Usulan', h('a', { href: `#/arsip/usulan/${d.openProposal.id}` }, `${label(PROPOSAL_KIND, d.openProposal.kind)} #${d.openProposal.id}`)) : null)),
        d.holds?.length ? h('section', { class: 'card', 'aria-labelledby': 'hd-h' }, h('h2', { id: 'hd-h' }, 'Pembekuan'),
          h('ul', {}, d.holds.map((x) => h('li', {}, x.caseName || `#${x.id}`, x.status ? ` — ${x.status}` : '')))) : null,
        dossierHistory(id))));
  if (params?.get('nilai') && reappraiseBtn) reappraiseBtn.click();
}

/** The appraisal committee of the dossier's office: its Sekretaris (Sekretaris Jenderal at KPU RI), or whoever acts for one (Plt/Plh). */
function mayAppraise(d) {
  const me = state.me;
  if (!me) return false;
  const own = me.office?.id === d.officeId && ['SEKRETARIS', 'SEKRETARIS_JENDERAL'].includes(me.position?.kind);
  return own || (me.delegations || []).length > 0;
}

/** Opens `build(close)`'s form in the panel under the actions; closing puts the focus back on the button. */
function showPanel(panel, opener, build) {
  const close = () => {
    panel.replaceChildren();
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  };
  document.querySelectorAll('[aria-expanded="true"]').forEach((b) => b.setAttribute('aria-expanded', 'false'));
  const form = build(close);
  panel.replaceChildren(form);
  opener.setAttribute('aria-expanded', 'true');
  form.querySelector('h2')?.focus();
}

function panelForm(title, headingId, ...children) {
  return h('form', { class: 'card', novalidate: true, 'aria-labelledby': headingId },
    h('h2', { id: headingId, tabindex: '-1' }, title),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    ...children);
}

const cancelButton = (close) => h('button', { type: 'button', class: 'secondary', onclick: close }, 'Batal');

/** PATCH /api/records/dossiers/:id: title, description, period end and physical location (only what changed is sent). */
function dossierEditForm(d, close) {
  const title = h('input', { id: 'e-title', required: true, minlength: 3, maxlength: 500, value: d.title });
  const desc = h('textarea', { id: 'e-desc', rows: 2, maxlength: 5000 }, d.description || '');
  const end = h('input', { id: 'e-end', type: 'date', value: d.periodEnd || '', min: d.periodStart });
  const loc = h('input', { id: 'e-loc', maxlength: 300, value: d.location || '', placeholder: 'lemari, rak, boks' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Simpan perubahan');
  const form = panelForm('Ubah data berkas', 'e-h',
    h('p', { class: 'muted small' }, 'Unit kerja, kode klasifikasi dan periode mulai menentukan retensi dan tidak dapat diubah di sini.'),
    field('title', 'Judul berkas', title),
    field('description', 'Uraian (opsional)', desc),
    h('div', { class: 'grid2' }, field('periodEnd', `Periode akhir (mulai ${fmtDate(d.periodStart)})`, end), field('location', 'Lokasi fisik', loc)),
    h('div', { class: 'actions' }, submit, cancelButton(close)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = { version: d.version };
    if (title.value.trim() !== d.title) body.title = title.value.trim();
    if (desc.value.trim() !== (d.description || '')) body.description = desc.value.trim();
    if (end.value && end.value !== (d.periodEnd || '')) body.periodEnd = end.value;
    if (loc.value.trim() !== (d.location || '')) body.location = loc.value.trim();
    const local = [];
    if (body.title !== undefined && body.title.length < 3) local.push({ field: 'title', reason: 'minimal 3 karakter' });
    if (body.periodEnd && body.periodEnd < d.periodStart) local.push({ field: 'periodEnd', reason: 'tidak boleh sebelum periode mulai' });
    if (!end.value && d.periodEnd) local.push({ field: 'periodEnd', reason: 'periode akhir yang sudah diisi tidak dapat dikosongkan' });
    if (local.length) { showErrors(form, { message: 'Periksa isian.', fields: local }); return; }
    if (Object.keys(body).length === 1) { notify('Tidak ada yang berubah.'); close(); return; }
    await busy(submit, async () => {
      try { await api.patch(`/api/records/dossiers/${d.id}`, body); notify('Data berkas disimpan.'); refresh(); } catch (err) { showErrors(form, err); }
    });
  });
  return form;
}

/** POST /api/records/dossiers/:id/event-date: the event that starts a PERISTIWA-triggered retention (once). */
function eventDateForm(d, close) {
  const date = h('input', { id: 'ev-date', type: 'date', required: true });
  const note = h('input', { id: 'ev-note', maxlength: 500, placeholder: 'mis. Keputusan dicabut' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Simpan tanggal peristiwa');
  const form = panelForm('Catat tanggal peristiwa', 'ev-h',
    h('p', { class: 'muted small' }, 'Retensi berkas ini dihitung sejak peristiwa (mis. tidak berlaku lagi). Tanggal hanya dapat dicatat sekali; perubahan sesudahnya melalui penilaian kembali.'),
    h('div', { class: 'grid2' }, field('eventDate', 'Tanggal peristiwa', date), field('note', 'Keterangan (opsional)', note)),
    h('div', { class: 'actions' }, submit, cancelButton(close)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    if (!date.value) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'eventDate', reason: 'wajib diisi' }] }); return; }
    await busy(submit, async () => {
      try {
        await api.post(`/api/records/dossiers/${d.id}/event-date`, { eventDate: date.value, version: d.version, ...(note.value.trim() ? { note: note.value.trim() } : {}) });
        notify('Tanggal peristiwa dicatat.');
        refresh();
      } catch (err) { showErrors(form, err, { EVENT_DATE_ALREADY_SET: 'eventDate' }); }
    });
  });
  return form;
}

/** POST /api/records/dossiers/:id/close: today, or the past day a legacy dossier really closed (then with its reason). */
function closeForm(d, close) {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // Asia/Jakarta (UTC+7), as the API counts
  const min = d.periodEnd && d.periodEnd <= today ? d.periodEnd : d.periodStart;
  const date = h('input', { id: 'cl-date', type: 'date', required: true, value: today, max: today, min });
  const reason = h('textarea', { id: 'cl-reason', rows: 2, maxlength: 1000, placeholder: 'mis. Arsip Pemilu 2019 yang baru dientri' });
  const reasonBox = field('reason', 'Alasan tanggal tutup lampau (wajib, 5–1000 karakter)', reason);
  const sync = () => { reasonBox.hidden = !date.value || date.value >= today; };
  date.addEventListener('input', sync);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Tutup berkas');
  const form = panelForm('Tutup berkas', 'cl-h',
    h('p', { class: 'muted small' }, `Menutup berkas memulai masa retensinya; arsip baru tidak dapat diberkaskan lagi. Untuk arsip lama (mis. Pemilu 2019) isi tanggal berkas itu sebenarnya ditutup: tidak sesudah hari ini dan tidak sebelum ${fmtDate(min)}.`),
    field('closedOn', 'Tanggal tutup', date), reasonBox,
    h('div', { class: 'actions' }, submit, cancelButton(close)));
  sync();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = { version: d.version };
    if (date.value && date.value !== today) Object.assign(body, { closedOn: date.value, reason: reason.value.trim() });
    const local = [];
    if (!date.value) local.push({ field: 'closedOn', reason: 'wajib diisi' });
    if (body.closedOn && body.reason.length < 5) local.push({ field: 'reason', reason: 'wajib diisi (minimal 5 karakter) untuk tanggal lampau' });
    if (local.length) { showErrors(form, { message: 'Periksa isian.', fields: local }); return; }
    await busy(submit, async () => {
      try { await api.post(`/api/records/dossiers/${d.id}/close`, body); notify('Berkas ditutup; masa retensi mulai berjalan.'); refresh(); } catch (err) { showErrors(form, err); }
    });
  });
  return form;
}

export const REAPPRAISAL_DECISION = { EXTEND: 'Perpanjang masa retensi inaktif', CHANGE_FINAL_ACTION: 'Ubah nasib akhir', APPLY_RULE: 'Terapkan aturan JRA yang berlaku sekarang' };

/**
 * POST /api/records/dossiers/:id/reappraisals — the appraisal committee's recorded decision: extend retention by
 * N years, change the final action, or move to the rule in force; always with its reason.
 */
function reappraisalForm(d, close) {
  const r = d.retention || {};
  const radio = (v) => h('li', {}, h('input', { type: 'radio', name: 'ra-decision', id: `ra-${v}`, value: v, checked: v === 'EXTEND' }), h('label', { for: `ra-${v}` }, REAPPRAISAL_DECISION[v]));
  const decision = h('fieldset', { dataset: { field: 'decision' } }, h('legend', {}, 'Keputusan'), h('ul', { class: 'checks' }, Object.keys(REAPPRAISAL_DECISION).map(radio)));
  const years = h('input', { id: 'ra-years', type: 'number', min: 1, max: 100, value: '5', inputmode: 'numeric' });
  const yearsBox = field('extraYears', 'Tambahan masa inaktif (tahun, 1–100)', years);
  const current = r.finalAction || d.finalAction;
  const action = h('select', { id: 'ra-final' }, Object.entries(FINAL_ACTION).map(([k, v]) => h('option', { value: k, selected: k === (current === 'DINILAI_KEMBALI' ? 'PERMANEN' : current) }, v)));
  const actionBox = field('finalAction', 'Nasib akhir baru', action);
  const reason = h('textarea', { id: 'ra-reason', rows: 3, maxlength: 2000, required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Catat penilaian kembali');
  const chosen = () => decision.querySelector('input:checked')?.value;
  const sync = () => { yearsBox.hidden = chosen() !== 'EXTEND'; actionBox.hidden = chosen() !== 'CHANGE_FINAL_ACTION'; };
  decision.addEventListener('change', sync);
  const form = panelForm(d.status === 'REVIEW' ? 'Hasil penilaian kembali' : 'Penilaian kembali', 'ra-h',
    h('p', { class: 'muted small' }, `Saat ini: inaktif sampai ${r.inactiveUntil ? fmtDate(r.inactiveUntil) : '—'}, nasib akhir ${label(FINAL_ACTION, current)}${r.retentionYears ? `, retensi ${r.retentionYears} tahun` : ''}. Dicatat atas nama Panitia Penilai Arsip satker.`),
    d.status === 'REVIEW' ? h('p', { class: 'notice' }, 'Berkas sedang dinilai kembali: hasilnya harus memperpanjang retensi atau menetapkan nasib akhir Musnah / Permanen; sesudahnya berkas kembali inaktif dengan tanggal barunya.') : null,
    decision, yearsBox, actionBox,
    field('reason', 'Alasan (wajib, 5–2000 karakter)', reason),
    h('div', { class: 'actions' }, submit, cancelButton(close)));
  sync();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = { decision: chosen(), reason: reason.value.trim(), version: d.version };
    const local = [];
    if (body.decision === 'EXTEND') {
      body.extraYears = Number(years.value);
      if (!Number.isInteger(body.extraYears) || body.extraYears < 1 || body.extraYears > 100) local.push({ field: 'extraYears', reason: 'bilangan bulat 1–100' });
    }
    if (body.decision === 'CHANGE_FINAL_ACTION') {
      body.finalAction = action.value;
      if (body.finalAction === current) local.push({ field: 'finalAction', reason: 'pilih nasib akhir yang berbeda dari sekarang' });
    }
    if (body.reason.length < 5) local.push({ field: 'reason', reason: 'minimal 5 karakter' });
    if (local.length) { showErrors(form, { message: 'Periksa isian.', fields: local }); return; }
    await busy(submit, async () => {
      try {
        const res = await api.post(`/api/records/dossiers/${d.id}/reappraisals`, body);
        const b = res.before || {};
        const a = res.after || {};
        notify(`Penilaian kembali dicatat: inaktif sampai ${fmtDate(b.inactiveUntil)} → ${fmtDate(a.inactiveUntil)}; nasib akhir ${label(FINAL_ACTION, b.finalAction)} → ${label(FINAL_ACTION, a.finalAction)}.`);
        refresh();
      } catch (err) {
        showErrors(form, err, { REVIEW_NEEDS_OUTCOME: 'decision', RULE_UNCHANGED: 'decision', IN_OPEN_PROPOSAL: 'decision' });
      }
    });
  });
  return form;
}

const DOSSIER_ACTIONS = {
  DOSSIER_CREATED: 'Berkas dibuat', DOSSIER_UPDATED: 'Berkas diubah', DOSSIER_RECORD_FILED: 'Arsip diberkaskan', DOSSIER_RECORD_UNFILED: 'Arsip dikeluarkan',
  DOSSIER_CLOSED: 'Berkas ditutup', DOSSIER_EVENT_DATE_SET: 'Tanggal peristiwa dicatat', DOSSIER_REAPPRAISED: 'Dinilai kembali', DOSSIER_TRANSFERRED: 'Dipindahkan ke pusat arsip',
  DOSSIER_DESTROYED: 'Dimusnahkan', DOSSIER_HANDED_OVER: 'Diserahkan', DOSSIER_HELD: 'Dibekukan', DOSSIER_INACTIVE: 'Menjadi inaktif',
};
const EDITED_FIELD = { title: 'judul', description: 'uraian', location: 'lokasi', period_end: 'periode akhir' };
/** What a history event changed, for the events whose before/after says something a reader needs (a re-appraisal above all). */
function historyDetail(ev) {
  const a = ev.after || {};
  const b = ev.before || {};
  if (ev.action === 'DOSSIER_REAPPRAISED') {
    const what = a.decision === 'EXTEND' ? `${REAPPRAISAL_DECISION.EXTEND} (total perpanjangan ${a.extraYears} tahun)` : REAPPRAISAL_DECISION[a.decision] || a.decision;
    return h('div', { class: 'small' }, h('div', {}, `Keputusan: ${what}`),
      h('div', {}, `Inaktif sampai ${fmtDate(b.inactiveUntil)} → ${fmtDate(a.inactiveUntil)}; nasib akhir ${label(FINAL_ACTION, b.finalAction)} → ${label(FINAL_ACTION, a.finalAction)}${b.status !== a.status ? `; status ${label(DOSSIER_STATUS, b.status)} → ${label(DOSSIER_STATUS, a.status)}` : ''}`),
      a.reason ? h('div', { class: 'note' }, `Alasan: ${a.reason}`) : null);
  }
  if (ev.action === 'DOSSIER_UPDATED') {
    const keys = Object.keys(a);
    return keys.length ? h('div', { class: 'small' }, `Diubah: ${keys.map((k) => EDITED_FIELD[k] || k).join(', ')}`) : null;
  }
  if (ev.action === 'DOSSIER_EVENT_DATE_SET' && a.eventDate) return h('div', { class: 'small' }, `Tanggal peristiwa ${fmtDate(a.eventDate)}${a.note ? ` — ${a.note}` : ''}`);
  return null;
}

function dossierHistory(id) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'dhh' }, h('h2', { id: 'dhh' }, 'Riwayat'), h('p', { class: 'muted' }, 'Memuat…'));
  api.get(`/api/records/dossiers/${id}/history`).then((events) => {
    const list = Array.isArray(events) ? events : events.items || [];
    box.replaceChildren(box.firstChild, list.length ? h('ol', { class: 'timeline' }, list.map((ev) => h('li', {}, h('strong', {}, DOSSIER_ACTIONS[ev.action] || ev.action), ' ', h('span', { class: 'muted small' }, fmtDateTime(ev.occurredAt)),
      historyDetail(ev)))) : h('p', { class: 'muted' }, 'Belum ada riwayat.'));
  }).catch((e) => box.replaceChildren(box.firstChild, errorBox(e)));
  return box;
}

/**
 * "Berkaskan": files a letter (`{ letterId }`) or a received delivery (`{ deliveryId }`) into a dossier,
 * offering the suggested open dossiers of the office first.
 */
