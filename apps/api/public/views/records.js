// views/records.js — Arsip: the retention dashboard (#/arsip), the dossier list and form (#/arsip/berkas, /baru),
// and the "file into a dossier" dialog used by the letter and delivery views (one dossier: dossier-detail.js).
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, DOSSIER_STATUS, FINAL_ACTION, PROPOSAL_KIND, PROPOSAL_STATUS, SECURITY, label, badge, notify, busy, showErrors, clearErrors } from '../ui.js';
import { state, hasRole, loadMaster } from '../state.js';
import { page } from '../shell.js';
import { table, field, actionButton, downloadButton } from './parts.js';

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
