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
export async function viewDossier(m) {
  const id = m[1];
  const d = await api.get(`/api/records/dossiers/${id}`);
  const r = d.retention || {};
  const why = r.why || {};
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  if (d.status === 'ACTIVE') {
    actions.append(actionButton('Tutup berkas', 'primary', async () => {
      const ok = await ask({ title: 'Tutup berkas', labelText: 'Ketik TUTUP untuk menutup berkas', required: true, confirmText: 'Tutup berkas', hint: 'Menutup berkas memulai masa retensinya; arsip baru tidak dapat diberkaskan lagi.' });
      if (ok === null) return null;
      if (ok.trim().toUpperCase() !== 'TUTUP') { notify('Berkas tidak ditutup: konfirmasi tidak sesuai.', 'error'); return null; }
      await api.post(`/api/records/dossiers/${id}/close`, { version: d.version });
      return 'Berkas ditutup; masa retensi mulai berjalan.';
    }));
  }
  if (why.trigger === 'EVENT' && !d.eventDate && !['DESTROYED', 'HANDED_OVER'].includes(d.status)) {
    actions.append(actionButton('Catat tanggal peristiwa', 'secondary', async () => {
      const v = await ask({ title: 'Tanggal peristiwa pemicu retensi', labelText: 'Tanggal (mis. tidak berlaku lagi)', type: 'date', required: true, confirmText: 'Simpan' });
      if (v === null) return null;
      await api.post(`/api/records/dossiers/${id}/event-date`, { eventDate: v, version: d.version });
      return 'Tanggal peristiwa dicatat.';
    }));
  }
  page(d.title,
    h('div', { class: 'badges' }, badge(label(DOSSIER_STATUS, d.status)), d.holdCount ? badge(`Dibekukan (${d.holdCount})`, 'danger') : null,
      why.isDemo ? badge('Retensi CONTOH', 'warn') : null, d.reappraisalNeeded ? badge('Perlu dinilai kembali', 'warn') : null),
    recordsTabs('berkas'),
    actions,
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
            dt('Periode', `${fmtDate(d.periodStart)} – ${d.periodEnd ? fmtDate(d.periodEnd) : '…'}`),
            dt('Keamanan', label(SECURITY, d.securityClass)),
            dt('Lokasi', d.location || '—'),
            dt('Dibuat', fmtDateTime(d.createdAt)),
            d.closedAt ? dt('Ditutup', fmtDateTime(d.closedAt)) : null,
            d.openProposal ? dt('Usulan', h('a', { href: `#/arsip/usulan/${d.openProposal.id}` }, `${label(PROPOSAL_KIND, d.openProposal.kind)} #${d.openProposal.id}`)) : null)),
        d.holds?.length ? h('section', { class: 'card', 'aria-labelledby': 'hd-h' }, h('h2', { id: 'hd-h' }, 'Pembekuan'),
          h('ul', {}, d.holds.map((x) => h('li', {}, x.caseName || `#${x.id}`, x.status ? ` — ${x.status}` : '')))) : null,
        dossierHistory(id))));
}

const DOSSIER_ACTIONS = {
  DOSSIER_CREATED: 'Berkas dibuat', DOSSIER_UPDATED: 'Berkas diubah', DOSSIER_RECORD_FILED: 'Arsip diberkaskan', DOSSIER_RECORD_UNFILED: 'Arsip dikeluarkan',
  DOSSIER_CLOSED: 'Berkas ditutup', DOSSIER_EVENT_DATE_SET: 'Tanggal peristiwa dicatat', DOSSIER_REAPPRAISED: 'Dinilai kembali', DOSSIER_TRANSFERRED: 'Dipindahkan ke pusat arsip',
  DOSSIER_DESTROYED: 'Dimusnahkan', DOSSIER_HANDED_OVER: 'Diserahkan', DOSSIER_HELD: 'Dibekukan', DOSSIER_INACTIVE: 'Menjadi inaktif',
};
function dossierHistory(id) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'dhh' }, h('h2', { id: 'dhh' }, 'Riwayat'), h('p', { class: 'muted' }, 'Memuat…'));
  api.get(`/api/records/dossiers/${id}/history`).then((events) => {
    const list = Array.isArray(events) ? events : events.items || [];
    box.replaceChildren(box.firstChild, list.length ? h('ol', { class: 'timeline' }, list.map((ev) => h('li', {}, h('strong', {}, DOSSIER_ACTIONS[ev.action] || ev.action), ' ', h('span', { class: 'muted small' }, fmtDateTime(ev.occurredAt))))) : h('p', { class: 'muted' }, 'Belum ada riwayat.'));
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
