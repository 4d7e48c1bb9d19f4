// views/schedule.js — #/arsip/jra: the retention schedule in force (JRA) with its version, the CONTOH warning,
// CSV export, and CSV import as a new version (every bad line listed when the file is rejected).
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, FINAL_ACTION, SECURITY, label, badge, notify, busy, showErrors, clearErrors } from '../ui.js';
import { hasRole, state, loadMaster } from '../state.js';
import { page, refresh } from '../shell.js';
import { table, field, downloadButton } from './parts.js';
import { recordsTabs } from './records.js';

export async function viewSchedule(_m, params) {
  const q = params.get('q') || '';
  const [cur, versions] = await Promise.all([api.get('/api/records/schedule', { q: q || undefined }), api.get('/api/records/schedule/versions')]);
  const search = h('form', { class: 'filters', role: 'search', 'aria-label': 'Cari klasifikasi' },
    h('div', { class: 'field' }, h('label', { for: 'j-q' }, 'Cari kode atau judul'), h('input', { id: 'j-q', name: 'q', type: 'search', value: q })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Cari'), downloadButton('Ekspor CSV', '/api/records/schedule/export', 'jra.csv')));
  search.addEventListener('submit', (e) => { e.preventDefault(); location.hash = `#/arsip/jra${search.q.value.trim() ? `?q=${encodeURIComponent(search.q.value.trim())}` : ''}`; });
  const v = cur.version || {};
  const rows = (cur.items || []).map((r) => h('tr', { class: r.ruleId ? '' : 'group' },
    h('td', { class: 'mono' }, r.code), h('td', {}, r.title),
    h('td', {}, r.activeYears ?? '—'), h('td', {}, r.inactiveYears ?? '—'),
    h('td', {}, r.finalAction ? label(FINAL_ACTION, r.finalAction) : '—'),
    h('td', {}, r.securityClass ? label(SECURITY, r.securityClass) : '—'),
    h('td', {}, r.trigger === 'EVENT' ? 'Peristiwa' : r.trigger === 'CLOSED' ? 'Berkas ditutup' : '—'),
    h('td', {}, r.isDemo ? badge('CONTOH', 'warn') : r.ruleId ? (r.source || '') : '')));
  page('Arsip — jadwal retensi (JRA)', recordsTabs('jra'),
    cur.demoSchedule ? h('div', { class: 'notice warn-box', role: 'note' }, h('strong', {}, 'Jadwal CONTOH dimuat. '),
      'Nilai retensi bertanda CONTOH adalah nilai demo, bukan JRA resmi (PKPU 17/2023). Tanggal retensi berkas yang dihitung darinya tidak boleh dipakai untuk pemusnahan. Impor JRA resmi dengan format CSV di bawah.') : null,
    h('p', {}, `Versi berlaku: ${v.version ?? '—'} — ${v.label || ''} (berlaku sejak ${v.effectiveFrom ? fmtDate(v.effectiveFrom) : '—'}). Hari ini ${fmtDate(cur.today)}.`),
    search,
    rows.length ? table(['Kode', 'Judul', 'Aktif (th)', 'Inaktif (th)', 'Nasib akhir', 'Keamanan', 'Pemicu', 'Sumber'], rows, 'Aturan retensi yang berlaku') : h('p', { class: 'empty' }, 'Tidak ada klasifikasi yang cocok.'),
    h('details', {}, h('summary', {}, `Riwayat versi (${versions.length})`),
      table(['Versi', 'Label', 'Berlaku sejak', 'Dibuat', ''], versions.map((x) => h('tr', {}, h('td', {}, x.version), h('td', {}, x.label), h('td', {}, fmtDate(x.effectiveFrom)), h('td', {}, fmtDateTime(x.createdAt)), h('td', {}, x.isDemo ? badge('CONTOH', 'warn') : ''))), 'Versi JRA')),
    hasRole('ARCHIVIST', 'ADMIN') ? importForm() : null);
}

function importForm() {
  const file = h('input', { id: 'j-file', type: 'file', accept: '.csv,text/csv', required: true });
  const eff = h('input', { id: 'j-eff', type: 'date', required: true });
  const lbl = h('input', { id: 'j-label', maxlength: 200, placeholder: 'mis. JRA PKPU 17/2023' });
  const problems = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Impor sebagai versi baru');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'imp-h' }, h('h2', { id: 'imp-h' }, 'Impor JRA (CSV)'),
    h('p', { class: 'hint' }, 'Kolom: kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber[,pemicu]. Seluruh berkas diimpor atau tidak sama sekali. Hanya arsiparis KPU RI atau administrator.'),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'grid3' }, field('file', 'Berkas CSV', file), field('effectiveFrom', 'Berlaku sejak', eff), field('label', 'Label (opsional)', lbl)),
    h('div', { class: 'actions' }, submit), problems);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    problems.replaceChildren();
    const local = [];
    if (!file.files[0]) local.push({ field: 'file', reason: 'pilih berkas CSV' });
    if (!eff.value) local.push({ field: 'effectiveFrom', reason: 'isi tanggal berlaku' });
    if (local.length) { showErrors(form, { message: 'Periksa isian.', fields: local }); return; }
    const fd = new FormData();
    fd.append('effectiveFrom', eff.value);
    if (lbl.value.trim()) fd.append('label', lbl.value.trim());
    fd.append('file', file.files[0], file.files[0].name);
    await busy(submit, async () => {
      try {
        const r = await api.upload('/api/records/schedule/import/upload', fd);
        notify(`JRA diimpor: versi ${r.version?.version ?? r.version ?? ''}${r.rules !== undefined ? `, ${r.rules} aturan` : ''}.`);
        state.master = null;
        await loadMaster().catch(() => null); // re-reads demoSchedule: the banner follows
        refresh();
      } catch (err) {
        showErrors(form, err);
        if (err.problems.length) {
          problems.replaceChildren(h('h3', {}, `${err.problems.length} baris bermasalah — tidak ada yang diimpor`),
            table(['Baris', 'Masalah'], err.problems.map((p) => h('tr', {}, h('td', {}, p.line), h('td', {}, p.reason))), 'Baris bermasalah'));
        }
      }
    });
  });
  return form;
}
