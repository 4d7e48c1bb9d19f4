// views/records.js — Arsip: the retention dashboard (#/arsip), dossiers (#/arsip/berkas, /baru, /:id) with their
// computed dates and why, and the "file into a dossier" dialog used by the letter and delivery views.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, DOSSIER_STATUS, FINAL_ACTION, TRIGGER, PROPOSAL_KIND, PROPOSAL_STATUS, SECURITY, label, badge, notify, busy, showErrors, clearErrors, ask } from '../ui.js';
import { state, hasRole, loadMaster } from '../state.js';
import { page, errorBox, refresh } from '../shell.js';
import { dt, table, field, actionButton, downloadButton } from './parts.js';

export function recordsTabs(current) {
  const tabs = [['', 'Ringkasan'], ['berkas', 'Berkas'], ['usulan', 'Usulan'], ['pembekuan', 'Pembekuan'], ['jra', 'Jadwal retensi (JRA)']];
  return h('nav', { class: 'tabs', 'aria-label': 'Arsip' }, tabs.map(([k, name]) => h('a', { href: `#/arsip${k ? `/${k}` : ''}`, 'aria-current': k === current ? 'page' : null }, name)));
}

const units = new Map();
export async function officeUnits() {
  const id = state.me.office.id;
  if (!units.has(id)) units.set(id, await api.get(`/api/offices/${id}/units`));
  return units.get(id);
}

// ---------------------------------------------------------------- #/arsip
export async function viewRecordsDashboard() {
  const box = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Arsip — ringkasan retensi', recordsTabs(''), box);
  const [d, runs] = await Promise.all([api.get('/api/records/reports/dashboard'), api.get('/api/records/sweep/runs').catch(() => ({ items: [] }))]);
  const kinds = Object.keys(PROPOSAL_KIND);
  const sweepBtn = hasRole('ARCHIVIST', 'ADMIN') ? actionButton('Jalankan penyusutan sekarang', 'secondary', async () => {
    await api.post('/api/records/sweep/run');
    return 'Penyusutan dijadwalkan; usulan baru muncul di tab Usulan setelah selesai.';
  }) : null;
  box.replaceChildren(
    d.demoSchedule ? h('p', { class: 'notice warn-box', role: 'note' }, h('strong', {}, 'Perhatian: '), 'tanggal retensi dihitung dari jadwal CONTOH, bukan JRA resmi. Impor JRA resmi di tab Jadwal retensi.') : null,
    h('div', { class: 'stat-grid' },
      stat('Berkas aktif/ditutup', (d.byStatus.ACTIVE || 0) + (d.byStatus.CLOSED || 0)),
      stat('Berkas inaktif', d.byStatus.INACTIVE || 0),
      stat('Pembekuan berlaku', `${d.holdsInForce} (${d.heldDossiers} berkas)`),
      stat('Perlu dinilai kembali', d.reappraisalNeeded)),
    h('section', { class: 'card', 'aria-labelledby': 'due-h' }, h('h2', { id: 'due-h' }, `Jatuh tempo (per ${fmtDate(d.today)})`),
      table(['Tindakan', `Bulan ini (s.d. ${fmtDate(d.month.to)})`, `Triwulan ini (s.d. ${fmtDate(d.quarter.to)})`, 'Terlewat'],
        kinds.map((k) => h('tr', {}, h('th', { scope: 'row' }, label(PROPOSAL_KIND, k)), h('td', {}, d.dueThisMonth[k] ?? 0), h('td', {}, d.dueThisQuarter[k] ?? 0),
          h('td', {}, d.overdue[k] ? badge(String(d.overdue[k]), 'danger') : '0'))), 'Jatuh tempo retensi'),
      h('p', { class: 'muted small' }, 'Nasib akhir: ', Object.entries(d.byFinalAction || {}).map(([k, v]) => `${label(FINAL_ACTION, k)} ${v}`).join(' · ') || '—')),
    h('section', { class: 'card', 'aria-labelledby': 'op-h' }, h('h2', { id: 'op-h' }, 'Usulan terbuka'),
      d.openProposals?.length ? h('ul', {}, d.openProposals.map((p) => h('li', {}, h('a', { href: `#/arsip/usulan/${p.id}` }, `${label(PROPOSAL_KIND, p.kind)} #${p.id}`), ` — ${label(PROPOSAL_STATUS, p.status)}${p.itemCount !== undefined ? `, ${p.itemCount} berkas` : ''}`)))
        : h('p', { class: 'muted' }, 'Tidak ada.')),
    h('section', { class: 'card', 'aria-labelledby': 'sw-h' }, h('h2', { id: 'sw-h' }, 'Penyusutan harian (01.00 WIB)'),
      h('div', { class: 'actions' }, sweepBtn,
        downloadButton('Daftar Arsip Aktif (XLSX)', '/api/records/reports/daftar-arsip?kind=AKTIF', 'daftar-arsip-aktif.xlsx'),
        downloadButton('Daftar Arsip Inaktif (XLSX)', '/api/records/reports/daftar-arsip?kind=INAKTIF', 'daftar-arsip-inaktif.xlsx')),
      runs.items?.length ? table(['Jalan', 'Per tanggal', 'Selesai', 'Diperiksa', 'Diusulkan'], runs.items.slice(0, 5).map((r) => h('tr', {},
        h('td', {}, r.trigger === 'MANUAL' ? 'Manual' : 'Terjadwal'), h('td', {}, r.asOf ? fmtDate(r.asOf) : '—'), h('td', {}, r.finishedAt ? fmtDateTime(r.finishedAt) : 'berjalan…'),
        h('td', {}, r.scanned), h('td', {}, r.proposed))), 'Riwayat penyusutan') : h('p', { class: 'muted' }, 'Belum pernah dijalankan.')));
}
function stat(name, value) { return h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, String(value)), h('div', { class: 'muted small' }, name)); }

// ---------------------------------------------------------------- #/arsip/berkas
export async function viewDossiers(_m, params) {
  const f = Object.fromEntries(params.entries());
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Saring berkas' },
    h('div', { class: 'field' }, h('label', { for: 'b-q' }, 'Cari judul'), h('input', { id: 'b-q', name: 'q', type: 'search', value: f.q || '' })),
    h('div', { class: 'field' }, h('label', { for: 'b-cls' }, 'Kode klasifikasi'), h('input', { id: 'b-cls', name: 'classificationCode', value: f.classificationCode || '', placeholder: 'mis. PL.01' })),
    h('div', { class: 'field' }, h('label', { for: 'b-st' }, 'Status'), h('select', { id: 'b-st', name: 'status' }, h('option', { value: '' }, 'Semua'),
      Object.entries(DOSSIER_STATUS).map(([k, v]) => h('option', { value: k, selected: f.status === k }, v)))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Terapkan'), h('a', { href: '#/arsip/berkas', class: 'button secondary' }, 'Atur ulang'),
      h('a', { href: '#/arsip/berkas/baru', class: 'button primary' }, 'Buat berkas')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const el of filters.elements) if (el.name && el.value) q.set(el.name, el.value.trim());
    location.hash = `#/arsip/berkas${q.toString() ? `?${q}` : ''}`;
  });
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Arsip — berkas', recordsTabs('berkas'), filters, list);
  const [res, us] = await Promise.all([api.get('/api/records/dossiers', { ...f, limit: 50 }), officeUnits()]);
  if (!res.items.length) { list.replaceChildren(h('p', { class: 'empty' }, 'Tidak ada berkas.')); return; }
  const unitName = (id) => us.find((u) => u.id === id)?.name || `Unit #${id}`;
  list.replaceChildren(table(['Berkas', 'Klasifikasi', 'Unit', 'Status', 'Aktif s.d.', 'Inaktif s.d.', 'Nasib akhir'], res.items.map((d) => h('tr', {},
    h('td', {}, h('a', { href: `#/arsip/berkas/${d.id}` }, d.title), h('div', { class: 'muted small' }, `${d.itemCount} arsip · periode ${fmtDate(d.periodStart)}`), d.holdCount ? badge('Dibekukan', 'danger') : null),
    h('td', {}, d.classificationCode), h('td', {}, unitName(d.unitId)),
    h('td', {}, badge(label(DOSSIER_STATUS, d.status))),
    h('td', {}, d.activeUntil ? fmtDate(d.activeUntil) : h('span', { class: 'muted' }, 'belum berjalan')),
    h('td', {}, d.inactiveUntil ? fmtDate(d.inactiveUntil) : '—'),
    h('td', {}, label(FINAL_ACTION, d.finalActionOverride || d.finalAction)))), 'Daftar berkas'),
  res.nextAfterId && res.items.length >= 50 ? h('nav', { class: 'pager' }, h('a', { class: 'button secondary', href: `#/arsip/berkas?${new URLSearchParams({ ...f, afterId: res.nextAfterId })}` }, 'Berikutnya ›')) : null);
}

// ---------------------------------------------------------------- #/arsip/berkas/baru
export async function viewDossierCreate() {
  const [master, us] = await Promise.all([loadMaster(), officeUnits()]);
  const opt = (v, t, sel) => h('option', { value: v, selected: sel }, t);
  const unit = h('select', { id: 'n-unit', required: true }, opt('', '— pilih unit kerja —'), us.map((u) => opt(String(u.id), u.name)));
  const cls = h('input', { id: 'n-cls', list: 'n-cls-list', required: true, autocomplete: 'off', placeholder: 'mis. PL.01.8' });
  const clsList = h('datalist', { id: 'n-cls-list' }, master.classifications.map((c) => h('option', { value: c.code }, `${c.code} — ${c.title}`)));
  const title = h('input', { id: 'n-title', required: true, maxlength: 500 });
  const desc = h('textarea', { id: 'n-desc', rows: 2, maxlength: 5000 });
  const start = h('input', { id: 'n-start', type: 'date', required: true, value: `${new Date().getFullYear()}-01-01` });
  const end = h('input', { id: 'n-end', type: 'date' });
  const loc = h('input', { id: 'n-loc', maxlength: 300, placeholder: 'lemari, rak, boks' });
  const sec = h('select', { id: 'n-sec' }, opt('', '— ikut JRA —'), Object.entries(SECURITY).map(([k, v]) => opt(k, v)));
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Buat berkas');
  const form = h('form', { class: 'card', novalidate: true },
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'grid2' }, field('unitId', 'Unit kerja', unit), field('classificationCode', 'Kode klasifikasi', cls, 'Kode terendah dari daftar klasifikasi.')), clsList,
    field('title', 'Judul berkas', title), field('description', 'Uraian (opsional)', desc),
    h('div', { class: 'grid3' }, field('periodStart', 'Periode mulai', start), field('periodEnd', 'Periode akhir (opsional)', end), field('securityClass', 'Klasifikasi keamanan', sec)),
    field('location', 'Lokasi fisik (opsional)', loc),
    h('div', { class: 'actions' }, submit, h('a', { class: 'button secondary', href: '#/arsip/berkas' }, 'Batal')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    if (!unit.value) { showErrors(form, { message: 'Periksa isian.', fields: [{ field: 'unitId', reason: 'pilih unit kerja' }] }); return; }
    const body = { unitId: Number(unit.value), classificationCode: cls.value.trim(), title: title.value.trim(), periodStart: start.value };
    if (desc.value.trim()) body.description = desc.value.trim();
    if (end.value) body.periodEnd = end.value;
    if (loc.value.trim()) body.location = loc.value.trim();
    if (sec.value) body.securityClass = sec.value;
    await busy(submit, async () => {
      try { const d = await api.post('/api/records/dossiers', body); notify('Berkas dibuat.'); location.hash = `#/arsip/berkas/${d.id}`; } catch (err) {
        showErrors(form, err, { CLASSIFICATION_NOT_FOUND: 'classificationCode', CLASSIFICATION_NOT_LEAF: 'classificationCode', UNIT_NOT_FOUND: 'unitId', UNIT_OTHER_OFFICE: 'unitId' });
      }
    });
  });
  page('Buat berkas', recordsTabs('berkas'), form);
}

// ---------------------------------------------------------------- #/arsip/berkas/:id
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
  if (d.status === 'ACTIVE') {
    actions.append(actionButton('Tutup berkas', 'primary', async () => {
      const ok = await ask({ title: 'Tutup berkas', labelText: 'Ketik TUTUP untuk menutup berkas', required: true, confirmText: 'Tutup berkas', hint: 'Menutup berkas memulai masa retensinya; arsip baru tidak dapat diberkaskan lagi.' });
      if (ok === null) return null;
      if (ok.trim().toUpperCase() !== 'TUTUP') { notify('Berkas tidak ditutup: konfirmasi tidak sesuai.', 'error'); return null; }
      await api.post(`/api/records/dossiers/${id}/close`, { version: d.version });
      return 'Berkas ditutup; masa retensi mulai berjalan.';
    }));
  }
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
            h('td', {}, it.restricted ? h('span', { class: 'muted' }, `(terbatas: klasifikasi ${label(SECURITY, it.securityClass)})`) : h('a', { href: it.deliveryId ? `#/surat-masuk/${it.deliveryId}` : `#/naskah/${it.letterId}` }, it.subject),
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
            d.closedAt ? dt('Ditutup', fmtDateTime(d.closedAt)) : null,
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
export function fileIntoDossierButton(ref) {
  const btn = h('button', { type: 'button', class: 'secondary', onclick: () => fileDialog(ref, btn) }, 'Berkaskan');
  return btn;
}
async function fileDialog(ref, opener) {
  let sug;
  try { sug = await api.get('/api/records/dossiers/suggest', ref); } catch (e) { notify(e.message, 'error'); return; }
  const id = `fd-${Date.now()}`;
  const sel = h('select', { id }, sug.suggestions.map((s, i) => h('option', { value: s.id, selected: i === 0 }, `${s.title} (${s.classificationCode}) — ${s.reason}`)), h('option', { value: '' }, 'Nomor berkas lain…'));
  const other = h('input', { id: `${id}-o`, inputmode: 'numeric', placeholder: 'id berkas' });
  const otherBox = h('div', { hidden: sug.suggestions.length > 0 }, h('label', { for: other.id }, 'Id berkas'), other);
  sel.addEventListener('change', () => { otherBox.hidden = sel.value !== ''; });
  const err = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': `${id}-t` },
    h('form', { method: 'dialog' },
      h('h2', { id: `${id}-t` }, 'Berkaskan ke berkas'),
      h('p', { class: 'muted' }, `Klasifikasi arsip: ${sug.record?.classificationCode || '—'}. Berkas yang cocok (terbuka, satker Anda) ditampilkan lebih dulu.`),
      sug.suggestions.length ? [h('label', { for: id }, 'Berkas'), sel] : h('p', {}, 'Tidak ada berkas terbuka yang cocok. ', h('a', { href: '#/arsip/berkas/baru' }, 'Buat berkas baru')),
      otherBox, err,
      h('div', { class: 'actions' }, h('button', { type: 'submit', value: 'ok', class: 'primary' }, 'Berkaskan'), h('button', { type: 'button', onclick: () => dlg.close('cancel') }, 'Batal'))));
  dlg.querySelector('form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const target = (sug.suggestions.length && sel.value) || other.value.trim();
    if (!/^\d+$/.test(target)) { err.textContent = 'Pilih berkas atau isi id berkas.'; err.hidden = false; return; }
    try {
      await api.post(`/api/records/dossiers/${target}/items`, ref);
      dlg.close('ok');
      notify('Arsip diberkaskan.');
      location.hash = `#/arsip/berkas/${target}`;
    } catch (x) { err.textContent = x.message; err.hidden = false; }
  });
  dlg.addEventListener('close', () => { dlg.remove(); opener?.focus(); });
  document.body.append(dlg);
  dlg.showModal();
}
