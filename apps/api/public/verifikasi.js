// verifikasi.js — public verification page (QR code target and PDF upload). No sign-in.
import { h, fmtDateTime, CAPACITY, showErrors, clearErrors, busy } from './ui.js';

const CAPACITY_TEXT = { SENDIRI: 'Pejabat definitif', PLT: 'Pelaksana Tugas (Plt.)', PLH: 'Pelaksana Harian (Plh.)', AN: 'Atas nama (a.n.)' };

async function call(url, init) {
  let res;
  try { res = await fetch(url, init); } catch { throw new Error('Tidak dapat menghubungi server. Periksa koneksi Anda.'); }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new Error(body?.message || `Permintaan gagal (HTTP ${res.status})`);
    err.fields = body?.details?.fields || [];
    throw err;
  }
  return body;
}

function result(r) {
  const row = (k, v, cls) => (v ? [h('dt', {}, k), h('dd', { class: cls }, v)] : null);
  return h('div', { class: `card verify-result ${r.valid ? 'valid' : 'invalid'}`, role: 'status' },
    h('p', { class: 'verdict' }, r.valid ? '✔ SAH — dokumen utuh dan tanda tangan cocok' : '✘ TIDAK SAH / TIDAK DAPAT DIVERIFIKASI'),
    h('p', {}, r.reason),
    h('dl', { class: 'meta' },
      row('Nomor naskah', r.number),
      row('Tanggal ditandatangani', r.signedAt ? fmtDateTime(r.signedAt) : null),
      row('Penandatangan', r.signerName),
      row('Jabatan', r.signerTitle ? `${CAPACITY[r.capacity] ? `${CAPACITY[r.capacity]} ` : ''}${r.signerTitle}` : null),
      row('Kapasitas', r.capacity ? CAPACITY_TEXT[r.capacity] || r.capacity : null),
      row('Satuan kerja', r.office),
      row('SHA-256 dokumen yang ditandatangani', r.documentSha256, 'mono'),
      row('ID kunci', r.keyId, 'mono'),
      row('Jenis tanda tangan', r.signatureKind ? `${r.signatureKind} — tidak tersertifikasi` : null),
      row('ID naskah', r.letterId, 'mono')),
    h('p', { class: 'small muted' }, 'Tanda tangan elektronik tidak tersertifikasi (uncertified electronic signature).'));
}
const failure = (msg) => h('div', { class: 'notice error', role: 'alert' }, msg);

async function checkId(id) {
  const sec = document.getElementById('by-id');
  const out = document.getElementById('id-result');
  sec.hidden = false;
  out.replaceChildren(h('p', { class: 'muted' }, 'Memeriksa…'));
  try { out.replaceChildren(result(await call(`/api/verify/${encodeURIComponent(id)}`))); } catch (e) { out.replaceChildren(failure(e.message)); }
  sec.querySelector('h2').focus?.();
}

const id = new URLSearchParams(location.search).get('id');
if (id) checkId(id.trim());

document.getElementById('by-id-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const v = e.target.id.value.trim();
  if (!/^\d+$/.test(v)) { e.target.id.setAttribute('aria-invalid', 'true'); e.target.id.focus(); return; }
  e.target.id.removeAttribute('aria-invalid');
  history.replaceState(null, '', `?id=${v}`);
  checkId(v);
});

const form = document.getElementById('upload');
form.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearErrors(form);
  const out = document.getElementById('upload-result');
  const file = form.file.files[0];
  if (!file) { showErrors(form, { message: 'Pilih berkas PDF terlebih dahulu.', fields: [{ field: 'file', reason: 'berkas wajib dipilih' }] }); return; }
  const fd = new FormData();
  fd.append('file', file, file.name);
  await busy(form.querySelector('button'), async () => {
    out.replaceChildren(h('p', { class: 'muted' }, 'Memeriksa berkas…'));
    try { out.replaceChildren(result(await call('/api/verify', { method: 'POST', body: fd }))); } catch (err) { out.replaceChildren(); showErrors(form, err); }
  });
});
