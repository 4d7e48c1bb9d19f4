// views/holds.js — #/arsip/pembekuan: holds (legal / audit freezes): preview a scope, apply, list, lift.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, HOLD_STATUS, DOSSIER_STATUS, label, badge, notify, ask, busy, showErrors, clearErrors } from '../ui.js';
import { hasRole } from '../state.js';
import { page, refresh } from '../shell.js';
import { table, field, actionButton } from './parts.js';
import { recordsTabs, officeUnits } from './records.js';

export async function viewHolds() {
  const [res, us] = await Promise.all([api.get('/api/records/holds'), officeUnits()]);
  const unitName = (id) => us.find((u) => u.id === id)?.name || `Unit #${id}`;
  const scopeText = (s) => [s.classificationCode && `klasifikasi ${s.classificationCode}`, s.unitId && unitName(s.unitId), (s.from || s.to) && `periode ${s.from || '…'} s.d. ${s.to || '…'}`, s.listedDossiers && 'berkas terdaftar'].filter(Boolean).join(', ') || '—';
  const rows = res.items.map((x) => h('tr', {},
    h('td', {}, h('strong', {}, x.caseName), h('div', { class: 'small' }, x.reason)),
    h('td', { class: 'small' }, scopeText(x.scope || {})),
    h('td', {}, badge(label(HOLD_STATUS, x.status), x.status === 'IN_FORCE' ? 'danger' : x.status === 'APPLYING' ? 'warn' : ''), x.appliedCount ? h('div', { class: 'muted small' }, `${x.appliedCount} berkas`) : null),
    h('td', { class: 'small' }, fmtDateTime(x.createdAt), x.liftedAt ? h('div', {}, `Dicabut ${fmtDateTime(x.liftedAt)}: ${x.liftReason || ''}`) : null),
    h('td', {}, x.status !== 'LIFTED' && hasRole('LEADER') ? actionButton('Cabut', 'danger', async () => {
      const reason = await ask({ title: `Cabut pembekuan "${x.caseName}"`, labelText: 'Alasan pencabutan (minimal 3 karakter)', multiline: true, required: true, confirmText: 'Cabut pembekuan' });
      if (reason === null) return null;
      await api.post(`/api/records/holds/${x.id}/lift`, { reason: reason.trim() });
      return 'Pembekuan dicabut.';
    }) : null)));

  const i = (id, attrs = {}) => h('input', { id, ...attrs });
  const caseName = i('h-case', { maxlength: 300 });
  const reason = h('textarea', { id: 'h-reason', rows: 2, maxlength: 5000 });
  const cls = i('h-cls', { placeholder: 'mis. KU atau KU.01' });
  const unit = h('select', { id: 'h-unit' }, h('option', { value: '' }, 'Semua unit'), us.map((u) => h('option', { value: String(u.id) }, u.name)));
  const from = i('h-from', { type: 'date' });
  const to = i('h-to', { type: 'date' });
  const ids = i('h-ids', { placeholder: 'mis. 12, 15, 31' });
  const preview = h('div', { 'aria-live': 'polite' });
  const scope = () => {
    const s = {};
    if (cls.value.trim()) s.classificationCode = cls.value.trim();
    if (unit.value) s.unitId = Number(unit.value);
    if (from.value) s.from = from.value;
    if (to.value) s.to = to.value;
    const list = ids.value.split(/[\s,;]+/).filter(Boolean);
    if (list.length) s.dossierIds = list;
    return s;
  };
  const previewBtn = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    clearErrors(form);
    await busy(previewBtn, async () => {
      try {
        const r = await api.post('/api/records/holds/preview', { scope: scope() });
        preview.replaceChildren(h('p', {}, h('strong', {}, `${r.count} berkas`), ` akan dibekukan (${r.inactive} inaktif).`),
          r.sample.length ? table(['Berkas', 'Klasifikasi', 'Status', 'Periode'], r.sample.map((d) => h('tr', {},
            h('td', {}, h('a', { href: `#/arsip/berkas/${d.id}` }, d.title)), h('td', {}, d.classificationCode), h('td', {}, label(DOSSIER_STATUS, d.status)), h('td', {}, fmtDate(d.periodStart)))), 'Contoh berkas yang terkena') : null,
          r.count > r.sample.length ? h('p', { class: 'muted small' }, `Menampilkan ${r.sample.length} dari ${r.count}.`) : null);
      } catch (err) { showErrors(form, err); }
    });
  } }, 'Pratinjau');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Terapkan pembekuan');
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'hn-h' }, h('h2', { id: 'hn-h' }, 'Pembekuan baru'),
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'grid2' }, field('caseName', 'Nama perkara / pemeriksaan', caseName), field('reason', 'Alasan', reason)),
    h('fieldset', { dataset: { field: 'scope' } }, h('legend', {}, 'Cakupan (minimal satu kriteria)'),
      h('div', { class: 'grid3' }, field('scope.classificationCode', 'Kode klasifikasi (dan di bawahnya)', cls), field('scope.unitId', 'Unit kerja', unit), field('scope.dossierIds', 'Id berkas tertentu', ids)),
      h('div', { class: 'grid3' }, field('scope.from', 'Periode dari', from), field('scope.to', 'Periode sampai', to))),
    h('div', { class: 'actions' }, previewBtn, submit), preview);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    await busy(submit, async () => {
      try {
        await api.post('/api/records/holds', { caseName: caseName.value.trim(), reason: reason.value.trim(), scope: scope() });
        notify('Pembekuan dicatat; penerapan ke berkas berjalan di latar belakang.');
        refresh();
      } catch (err) { showErrors(form, err); }
    });
  });
  page('Arsip — pembekuan (hold)', recordsTabs('pembekuan'),
    h('p', { class: 'muted' }, 'Berkas yang dibekukan tidak dapat dimusnahkan sampai pembekuan dicabut oleh pimpinan satker.'),
    res.items.length ? table(['Perkara', 'Cakupan', 'Status', 'Dicatat', ''], rows, 'Daftar pembekuan') : h('p', { class: 'empty' }, 'Belum ada pembekuan.'),
    form);
}
