// ui.js — small DOM helpers and Indonesian labels shared by the pages.

/** h('div', {class: 'x', onclick: fn}, child, ...) — children: strings, nodes, arrays, null. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled') el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const dtf = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' });
const df = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' });
export const fmtDateTime = (v) => (v ? dtf.format(new Date(v)) + ' WIB' : '—');
export const fmtDate = (v) => (v ? df.format(new Date(v)) : '—');

export const STATUS = {
  DRAFT: 'Konsep', IN_REVIEW: 'Dalam pemeriksaan', RETURNED: 'Dikembalikan', APPROVED: 'Disetujui',
  SIGNED: 'Ditandatangani', SENT: 'Terkirim', CANCELLED: 'Dibatalkan',
};
export const DELIVERY_STATUS = { DELIVERED: 'Diterima', READ: 'Dibaca', FORWARDED: 'Diteruskan', RETURNED: 'Dikembalikan' };
export const DECISION = { PENDING: 'Menunggu', APPROVED: 'Disetujui', APPROVE: 'Disetujui', RETURNED: 'Dikembalikan', RETURN: 'Dikembalikan', SKIPPED: 'Dilewati' };
export const URGENCY = { BIASA: 'Biasa', SEGERA: 'Segera', AMAT_SEGERA: 'Amat Segera' };
export const SECURITY = { B: 'Biasa', T: 'Terbatas', R: 'Rahasia', SR: 'Sangat Rahasia' };
export const ARRIVED_BY = { SEND: 'Dikirim', FORWARD: 'Diteruskan', RETURN: 'Dikembalikan', REGISTER: 'Diregistrasi', RECEIVED: 'Diterima (posisi akhir)' };
export const CAPACITY = { SENDIRI: '', PLT: 'Plt.', PLH: 'Plh.', AN: 'a.n.', SYSTEM: 'sistem' };
export const ROLES = {
  DRAFTER: 'Konseptor', REVIEWER: 'Pemeriksa', LEADER: 'Pimpinan', SIGNER: 'Penandatangan', ADMIN: 'Admin',
  ARCHIVIST: 'Arsiparis', REGISTRAR: 'Pencatat', RECORDS_OFFICER: 'Pencatat',
};
export const ACTIONS = {
  LETTER_DRAFTED: 'Konsep dibuat', LETTER_REVISED: 'Konsep diubah', LETTER_SUBMITTED: 'Diajukan untuk diperiksa',
  LETTER_REVIEW_APPROVED: 'Disetujui pemeriksa', LETTER_RETURNED: 'Dikembalikan pemeriksa', LETTER_SIGNED: 'Ditandatangani',
  LETTER_RENDERED: 'PDF dibuat', LETTER_SENT: 'Dikirim', LETTER_DELIVERED: 'Diterima', LETTER_READ: 'Dibaca',
  LETTER_CANCELLED: 'Dibatalkan', LETTER_REGISTERED: 'Surat masuk diregistrasi', LETTER_FORWARDED: 'Diteruskan', LETTER_RETURNED_TO_SENDER: 'Dikembalikan ke pengirim',
};
export const DISPOSITION_STATUS = { UNREAD: 'Belum dibaca', READ: 'Dibaca', IN_PROGRESS: 'Dikerjakan', DONE: 'Selesai', CANCELLED: 'Dibatalkan' };
export const PREPARED_STATUS = { PENDING: 'Menunggu pengesahan', CONFIRMED: 'Disahkan', DISCARDED: 'Dibuang' };
export const DOSSIER_STATUS = { ACTIVE: 'Aktif (terbuka)', CLOSED: 'Ditutup (aktif)', INACTIVE: 'Inaktif', REVIEW: 'Dinilai kembali', DESTROYED: 'Dimusnahkan', HANDED_OVER: 'Diserahkan' };
export const FINAL_ACTION = { MUSNAH: 'Musnah', PERMANEN: 'Permanen', DINILAI_KEMBALI: 'Dinilai kembali' };
export const TRIGGER = { CLOSED: 'sejak berkas ditutup', EVENT: 'sejak peristiwa (mis. tidak berlaku lagi)' };
export const PROPOSAL_KIND = { TRANSFER: 'Usul pindah', DESTROY: 'Usul musnah', HANDOVER: 'Usul serah', REVIEW: 'Usul nilai kembali' };
export const PROPOSAL_STATUS = { DRAFT: 'Konsep', SUBMITTED: 'Diajukan', APPROVED: 'Disetujui', REJECTED: 'Ditolak', EXECUTING: 'Sedang dilaksanakan', PACKAGED: 'Paket siap diserahkan', EXECUTED: 'Dilaksanakan', CANCELLED: 'Dibatalkan' };
export const APPROVAL_STEP = { RECORDS_CENTRE_HEAD: 'Kepala Unit Kearsipan', APPRAISAL_COMMITTEE: 'Panitia Penilai Arsip', OFFICE_LEADER: 'Pimpinan satker' };
export const HOLD_STATUS = { APPLYING: 'Sedang diterapkan', IN_FORCE: 'Berlaku', LIFTED: 'Dicabut' };
export const label = (map, v) => (v in map ? map[v] : v ?? '—');

export function badge(text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text);
}

/** A status live region message. kind: 'ok' | 'error'. */
export function notify(message, kind = 'ok') {
  const box = document.getElementById('notice');
  if (!box) return;
  const el = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message,
    h('button', { type: 'button', class: 'link close', 'aria-label': 'Tutup pemberitahuan', onclick: () => box.replaceChildren() }, '×'));
  box.replaceChildren(el);
  // only this notice goes away after 6 s; a newer one stays its own full time
  if (kind !== 'error') setTimeout(() => { if (box.contains(el)) box.replaceChildren(); }, 6000);
}

/** class-validator's English reasons, said in Indonesian (the API's own messages are already Indonesian). */
const REASONS = [
  [/must be longer than or equal to (\d+) characters/, (n) => `minimal ${n} karakter`],
  [/must be shorter than or equal to (\d+) characters/, (n) => `maksimal ${n} karakter`],
  [/must not be less than (\d+)/, (n) => `tidak boleh kurang dari ${n}`],
  [/must not be greater than (\d+)/, (n) => `tidak boleh lebih dari ${n}`],
  [/must contain at least (\d+) elements/, (n) => `minimal ${n} pilihan`],
  [/must be an integer number/, () => 'harus bilangan bulat'],
  [/must be a string/, () => 'harus berupa teks'],
  [/must be one of the following values: (.*)/, (v) => `harus salah satu dari: ${v}`],
  [/should not be empty|should not be null or undefined/, () => 'wajib diisi'],
  [/^required$/, () => 'wajib diisi'],
  [/property .* should not exist/, () => 'tidak dikenal'],
];
export function reasonText(reason, field = '') {
  const r = String(reason ?? '');
  for (const [re, fn] of REASONS) { const m = r.match(re); if (m) return fn(m[1]); }
  const name = String(field).split('.').pop();
  return name && r.startsWith(`${name} `) ? r.slice(name.length + 1) : r;
}

/**
 * Shows an ApiError: the message at the top of the form, each field reason next to the element
 * with data-field="<name>" (matched by the path's first segment: `recipients.0.officeId` → recipients).
 */
export function showErrors(form, err, codeFields = {}) {
  clearErrors(form);
  const top = form.querySelector('.form-error');
  const fields = [...(err.fields || [])];
  // a domain rule (422/409) names no field list, only a code: point at the field it is about
  if (!fields.length && err.code && codeFields[err.code]) fields.push({ field: codeFields[err.code], reason: err.message });
  const labelOf = (name) => {
    const t = form.querySelector(`[data-field="${CSS.escape(name)}"]`) || form.querySelector(`[data-field="${CSS.escape(name.split('.')[0])}"]`);
    return t?.querySelector('label, legend')?.textContent?.trim() || name;
  };
  const text = err.fields?.length
    ? `Periksa isian: ${err.fields.map((f) => `${labelOf(String(f.field || ''))} — ${reasonText(f.reason, f.field)}`).join('; ')}.`
    : err.message;
  if (top) { top.textContent = text; top.hidden = false; }
  else notify(text, 'error');
  for (const f of fields) {
    const name = String(f.field || '');
    const target = form.querySelector(`[data-field="${CSS.escape(name)}"]`) || form.querySelector(`[data-field="${CSS.escape(name.split('.')[0])}"]`);
    if (!target) continue;
    let msg = target.querySelector(':scope > .field-error');
    if (!msg) { msg = h('p', { class: 'field-error', id: `err-${Math.random().toString(36).slice(2)}` }); target.append(msg); }
    const why = reasonText(f.reason, f.field);
    msg.textContent = msg.textContent ? `${msg.textContent}; ${why}` : why;
    const input = target.querySelector('input, select, textarea');
    if (input) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', msg.id); }
  }
  const firstBad = form.querySelector('[aria-invalid="true"]');
  if (firstBad) firstBad.focus();
  else if (top) top.focus();
}
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => { e.removeAttribute('aria-invalid'); e.removeAttribute('aria-describedby'); });
  const top = form.querySelector('.form-error');
  if (top) { top.textContent = ''; top.hidden = true; }
}

/** A modal dialog asking for text (note, reason, password). Resolves to the string or null. */
export function ask({ title, labelText, type = 'text', multiline = false, required = false, confirmText = 'Lanjutkan', hint = '' }) {
  return new Promise((resolve) => {
    const id = `ask-${Date.now()}`;
    const input = multiline ? h('textarea', { id, rows: 4, required }) : h('input', { id, type, required, autocomplete: type === 'password' ? 'current-password' : 'off' });
    const err = h('p', { class: 'field-error', hidden: true });
    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': `${id}-t` },
      h('form', { method: 'dialog' },
        h('h2', { id: `${id}-t` }, title),
        hint ? h('p', { class: 'muted' }, hint) : null,
        h('label', { for: id }, labelText), input, err,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', value: 'ok', class: 'primary' }, confirmText),
          h('button', { type: 'button', onclick: () => dlg.close('cancel') }, 'Batal'))));
    dlg.querySelector('form').addEventListener('submit', (e) => {
      if (required && !input.value.trim()) { e.preventDefault(); err.textContent = 'Wajib diisi.'; err.hidden = false; input.focus(); }
    });
    dlg.addEventListener('close', () => { const v = dlg.returnValue === 'ok' ? input.value : null; dlg.remove(); resolve(v); });
    document.body.append(dlg);
    dlg.showModal();
    input.focus();
  });
}

export function confirmDialog(title, text, confirmText = 'Ya') {
  return new Promise((resolve) => {
    const dlg = h('dialog', { class: 'dialog', 'aria-label': title },
      h('form', { method: 'dialog' }, h('h2', {}, title), h('p', {}, text),
        h('div', { class: 'actions' }, h('button', { value: 'ok', class: 'primary' }, confirmText), h('button', { value: 'cancel' }, 'Batal'))));
    dlg.addEventListener('close', () => { const ok = dlg.returnValue === 'ok'; dlg.remove(); resolve(ok); });
    document.body.append(dlg);
    dlg.showModal();
  });
}

/** Busy state for a button while an async action runs. */
export async function busy(button, fn) {
  const was = button.disabled;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try { return await fn(); } finally { button.disabled = was; button.removeAttribute('aria-busy'); }
}
