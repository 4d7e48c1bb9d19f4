// verifikasi.js — public verification page (QR code target ?t=<token>, and PDF upload). No sign-in.
// Letters are reached by their unguessable token, never by id; R/SR letters answer with the verdict only.
import { h, fmtDateTime, CAPACITY, showErrors, clearErrors, busy } from './ui.js';

const CAPACITY_TEXT = { SENDIRI: 'Pejabat definitif', PLT: 'Pelaksana Tugas (Plt.)', PLH: 'Pelaksana Harian (Plh.)', AN: 'Atas nama (a.n.)' };
const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

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
  const yesNo = (v) => (v ? 'Ya' : 'Tidak');
  return h('div', { class: `card verify-result ${r.valid ? 'valid' : 'invalid'}`, role: 'status' },
    h('p', { class: 'verdict' }, r.valid ? '✔ SAH — dokumen utuh dan tanda tangan cocok' : '✘ TIDAK SAH / TIDAK DAPAT DIVERIFIKASI'),
    h('p', {}, r.reason),
    h('dl', { class: 'meta' },
      [h('dt', {}, 'Tanda tangan asli'), h('dd', {}, yesNo(r.authentic))],
      [h('dt', {}, 'Isi dokumen utuh'), h('dd', {}, yesNo(r.unaltered))],
      row('Nomor naskah', r.number),
      row('Tanggal ditandatangani', r.signedAt ? fmtDateTime(r.signedAt) : null),
      row('Penandatangan', r.signerName),
      row('Jabatan', r.signerTitle ? `${CAPACITY[r.capacity] ? `${CAPACITY[r.capacity]} ` : ''}${r.signerTitle}` : null),
      row('Kapasitas', r.capacity ? CAPACITY_TEXT[r.capacity] || r.capacity : null),
      row('Satuan kerja', r.office),
      row('SHA-256 dokumen yang ditandatangani', r.documentSha256, 'mono'),
      row('ID kunci', r.keyId, 'mono'),
      row('Tanda tangan (base64url)', r.signature, 'mono'),
      row('Jenis tanda tangan', r.signatureKind ? `${r.signatureKind} — tidak tersertifikasi` : null),
      row('ID naskah', r.letterId, 'mono')),
    r.restricted ? h('p', { class: 'small muted' }, 'Naskah ini berklasifikasi Rahasia atau Sangat Rahasia: rinciannya tidak ditampilkan di halaman publik.') : null,
    h('p', { class: 'small muted' }, 'Tanda tangan elektronik tidak tersertifikasi (uncertified electronic signature).'));
}
const failure = (msg) => h('div', { class: 'notice error', role: 'alert' }, msg);

async function checkToken(token) {
  const sec = document.getElementById('by-id');
  const out = document.getElementById('id-result');
  sec.hidden = false;
  out.replaceChildren(h('p', { class: 'muted' }, 'Memeriksa…'));
  try { out.replaceChildren(result(await call(`/api/verify/${encodeURIComponent(token)}`))); } catch (e) { out.replaceChildren(failure(e.message)); }
  sec.querySelector('h2').focus?.();
}

/** A token typed as is, or the whole printed link (…/verifikasi.html?t=<token>). */
function tokenFrom(text) {
  const v = text.trim();
  if (TOKEN.test(v)) return v;
  try { const t = new URL(v).searchParams.get('t'); return t && TOKEN.test(t) ? t : null; } catch { return null; }
}

const params = new URLSearchParams(location.search);
if (params.get('t')) checkToken(params.get('t').trim());
else if (params.get('id')) {
  // Links printed before verification tokens carried the letter id, which is no longer accepted.
  const sec = document.getElementById('by-id');
  sec.hidden = false;
  document.getElementById('id-result').replaceChildren(failure(
    'Tautan ini memakai ID naskah, yang tidak lagi diterima. Unggah berkas PDF naskah di bawah untuk memeriksanya, atau minta tautan verifikasi baru kepada pengirim.'));
}

document.getElementById('by-token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = e.target.token;
  const token = tokenFrom(input.value);
  if (!token) { input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
  input.removeAttribute('aria-invalid');
  history.replaceState(null, '', `?t=${token}`);
  checkToken(token);
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
