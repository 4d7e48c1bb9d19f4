// app.js — Naskah single-page app (hash routes). No build step, no dependencies.
import { api, ApiError, isSignedIn, login, logout } from './api.js';
import {
  h, fmtDate, fmtDateTime, STATUS, DELIVERY_STATUS, DECISION, URGENCY, SECURITY, ARRIVED_BY, CAPACITY, ROLES, ACTIONS,
  label, badge, notify, showErrors, clearErrors, ask, confirmDialog, busy,
} from './ui.js';

const view = document.getElementById('view');
const SIGNING_KINDS = ['KETUA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG'];

const state = { me: null, master: null, positions: new Map(), officePositions: new Map(), offices: new Map() };

// ---------------------------------------------------------------- data helpers
async function loadMe() {
  state.me = await api.get('/api/me');
  return state.me;
}
function myPositionIds() {
  const me = state.me;
  if (!me) return [];
  const ids = [me.position?.id];
  for (const d of me.delegations || []) ids.push(d.positionId, d.fromPositionId, d.delegatorPositionId);
  return ids.filter((x) => typeof x === 'number');
}
async function loadMaster() {
  if (state.master) return state.master;
  const [types, cls, security, urgencies] = await Promise.all([
    api.get('/api/master/letter-types'),
    api.get('/api/master/classifications', { leavesOnly: true }),
    api.get('/api/master/security-classes').catch(() => Object.entries(SECURITY).map(([code, name]) => ({ code, name }))),
    api.get('/api/master/urgencies').catch(() => Object.entries(URGENCY).map(([code, name]) => ({ code, name }))),
  ]);
  state.master = { types, classifications: cls.items || [], demoSchedule: Boolean(cls.demoSchedule), security, urgencies };
  renderDemoBanner();
  return state.master;
}
async function positionsOf(officeId) {
  if (!state.officePositions.has(officeId)) {
    const list = await api.get(`/api/offices/${officeId}/positions`);
    state.officePositions.set(officeId, list);
    for (const p of list) state.positions.set(p.id, p);
  }
  return state.officePositions.get(officeId);
}
const positionName = (id) => {
  const p = state.positions.get(id);
  return p ? `${p.title}${p.holder ? ` — ${p.holder.fullName}` : ''}` : `Jabatan #${id}`;
};
const typeName = (code) => state.master?.types.find((t) => t.code === code)?.name || code;

// ---------------------------------------------------------------- shell
function renderDemoBanner() {
  const b = document.getElementById('demo-banner');
  if (state.master?.demoSchedule) {
    b.replaceChildren(h('strong', {}, 'Perhatian: '), 'Jadwal retensi yang dimuat adalah CONTOH (bukan JRA resmi)');
    b.hidden = false;
  } else b.hidden = true;
}

function renderHeader() {
  const me = state.me;
  const user = document.getElementById('user');
  const nav = document.getElementById('nav');
  if (!me) { user.replaceChildren(); nav.hidden = true; return; }
  nav.hidden = false;
  user.replaceChildren(
    h('div', { class: 'who' },
      h('strong', {}, me.user.fullName),
      h('span', {}, [me.position?.title, me.office?.name].filter(Boolean).join(' · ')),
      h('span', { class: 'roles', 'aria-label': 'Peran' }, (me.roles || []).map((r) => badge(label(ROLES, r), 'role'))),
      (me.delegations || []).length ? h('span', { class: 'muted' }, `${me.delegations.length} delegasi aktif`) : null),
    h('button', { type: 'button', class: 'secondary', onclick: async () => { await logout(); state.me = null; state.master = null; location.hash = '#/masuk'; } }, 'Keluar'));
}

function highlightNav(route) {
  document.querySelectorAll('#nav a').forEach((a) => {
    const on = route.startsWith(a.dataset.route);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

function page(title, ...children) {
  document.title = `${title} — Naskah`;
  const h1 = h('h1', { tabindex: '-1' }, title);
  view.replaceChildren(h1, ...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  h1.focus({ preventScroll: false });
  return h1;
}

function errorBox(err) {
  return h('div', { class: 'notice error', role: 'alert' }, err instanceof ApiError || err instanceof Error ? err.message : String(err));
}

// ---------------------------------------------------------------- router
const routes = [
  [/^\/masuk$/, viewLogin, true],
  [/^\/kotak-masuk$/, viewInbox],
  [/^\/surat-masuk\/(\d+)$/, viewDelivery],
  [/^\/kotak-keluar(?:\/([a-z-]+))?$/, viewOutbox],
  [/^\/buat$/, (m) => viewCompose(m, null)],
  [/^\/naskah\/(\d+)\/ubah$/, (m) => viewCompose(m, m[1])],
  [/^\/naskah\/(\d+)$/, viewLetter],
];

async function router() {
  const [path, qs] = (location.hash.slice(1) || '/kotak-masuk').split('?');
  const params = new URLSearchParams(qs || '');
  for (const [re, fn, isPublic] of routes) {
    const m = path.match(re);
    if (!m) continue;
    if (!isPublic && !isSignedIn()) { location.hash = '#/masuk'; return; }
    if (!isPublic && !state.me) {
      try { await loadMe(); await loadMaster(); } catch (e) { if (!isSignedIn()) return; view.replaceChildren(errorBox(e)); return; }
    }
    renderHeader();
    highlightNav(path);
    try { await fn(m, params); } catch (e) { if (e instanceof ApiError && e.status === 401) return; view.append(errorBox(e)); }
    return;
  }
  location.hash = '#/kotak-masuk';
}
window.addEventListener('hashchange', router);

// ---------------------------------------------------------------- login
function viewLogin() {
  state.me = null;
  renderHeader();
  document.getElementById('demo-banner').hidden = true;
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('p', { class: 'form-error', tabindex: '-1', role: 'alert', hidden: true }),
    h('div', { class: 'field', dataset: { field: 'username' } }, h('label', { for: 'username' }, 'Nama pengguna'), h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true })),
    h('div', { class: 'field', dataset: { field: 'password' } }, h('label', { for: 'password' }, 'Kata sandi'), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Masuk')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const btn = form.querySelector('button[type=submit]');
    await busy(btn, async () => {
      try {
        await login(form.username.value.trim(), form.password.value);
        state.master = null;
        await loadMe();
        location.hash = '#/kotak-masuk';
      } catch (err) { showErrors(form, err); }
    });
  });
  page('Masuk ke Naskah', h('p', { class: 'muted' }, 'Sistem korespondensi dinas KPU. Masuk dengan akun Anda.'), form);
  form.username.focus();
}

// ---------------------------------------------------------------- inbox (Kotak Masuk)
async function viewInbox(_m, params) {
  await loadMaster();
  const f = Object.fromEntries(params.entries());
  const pageNo = Number(f.page || 1);
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Saring kotak masuk' },
    h('div', { class: 'field' }, h('label', { for: 'f-q' }, 'Cari'), h('input', { id: 'f-q', name: 'q', type: 'search', value: f.q || '', placeholder: 'Hal, nomor, pengirim' })),
    h('div', { class: 'field' }, h('label', { for: 'f-type' }, 'Jenis'), h('select', { id: 'f-type', name: 'typeCode' }, h('option', { value: '' }, 'Semua'),
      state.master.types.map((t) => h('option', { value: t.code, selected: f.typeCode === t.code }, t.name)))),
    h('div', { class: 'field' }, h('label', { for: 'f-urg' }, 'Sifat'), h('select', { id: 'f-urg', name: 'urgency' }, h('option', { value: '' }, 'Semua'),
      state.master.urgencies.map((u) => h('option', { value: u.code, selected: f.urgency === u.code }, u.name)))),
    h('div', { class: 'field' }, h('label', { for: 'f-from' }, 'Dari tanggal'), h('input', { id: 'f-from', name: 'from', type: 'date', value: f.from || '' })),
    h('div', { class: 'field' }, h('label', { for: 'f-to' }, 'Sampai tanggal'), h('input', { id: 'f-to', name: 'to', type: 'date', value: f.to || '' })),
    h('div', { class: 'field check' }, h('input', { id: 'f-unread', name: 'unread', type: 'checkbox', checked: f.unread === 'true' }), h('label', { for: 'f-unread' }, 'Belum dibaca saja')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Terapkan'), h('a', { href: '#/kotak-masuk', class: 'button secondary' }, 'Atur ulang')));
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const el of filters.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') { if (el.checked) q.set(el.name, 'true'); } else if (el.value) q.set(el.name, el.value);
    }
    location.hash = `#/kotak-masuk${q.toString() ? `?${q}` : ''}`;
  });
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Kotak Masuk', filters, list);

  const query = { q: f.q, typeCode: f.typeCode, urgency: f.urgency, from: f.from, to: f.to, unread: f.unread === 'true' ? 'true' : undefined, page: pageNo, pageSize: 20 };
  let res;
  try { res = await api.get('/api/inbox', query); } catch (e) {
    list.replaceChildren(e.status === 404 ? h('p', { class: 'notice' }, 'Kotak masuk belum tersedia di server ini.') : errorBox(e));
    return;
  }
  const items = res.items || [];
  if (!items.length) { list.replaceChildren(h('p', { class: 'empty' }, 'Tidak ada naskah masuk.')); return; }
  const rows = items.map((d) => {
    const unread = !d.readAt;
    const link = h('a', { href: `#/surat-masuk/${d.id}` }, d.subject);
    return h('tr', { class: unread ? 'unread' : '' },
      h('td', {}, `${d.agendaNumber}/${d.agendaYear}`),
      h('td', {}, d.sender?.name || '—', d.via ? h('div', { class: 'muted small' }, `${label(ARRIVED_BY, d.arrivedBy)} oleh ${d.via.officeName}`) : null),
      h('td', {}, unread ? h('span', { class: 'sr-only' }, 'Belum dibaca: ') : null, link,
        h('div', { class: 'badges' },
          d.isCopy ? badge('Tembusan', 'copy') : null,
          d.toBeForwarded && !['FORWARDED', 'RETURNED'].includes(d.status) ? badge('Perlu diteruskan', 'warn') : null,
          d.urgency && d.urgency !== 'BIASA' ? badge(label(URGENCY, d.urgency), 'urgent') : null,
          d.securityClass && d.securityClass !== 'B' ? badge(label(SECURITY, d.securityClass), 'secret') : null)),
      h('td', {}, d.number || '—', h('div', { class: 'muted small' }, typeName(d.typeCode))),
      h('td', {}, label(DELIVERY_STATUS, d.status)),
      h('td', {}, fmtDateTime(d.deliveredAt)));
  });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Halaman' },
    pageNo > 1 ? h('a', { class: 'button secondary', href: `#/kotak-masuk?${withParam(params, 'page', pageNo - 1)}` }, '‹ Sebelumnya') : null,
    h('span', {}, `Halaman ${pageNo}`),
    res.hasMore ? h('a', { class: 'button secondary', href: `#/kotak-masuk?${withParam(params, 'page', pageNo + 1)}` }, 'Berikutnya ›') : null);
  list.replaceChildren(table(['No. agenda', 'Pengirim', 'Hal', 'Nomor / jenis', 'Status', 'Diterima'], rows, 'Daftar naskah masuk'), pager);
}
function withParam(params, k, v) { const p = new URLSearchParams(params); p.set(k, String(v)); return p.toString(); }

function table(headers, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows)));
}

// ---------------------------------------------------------------- one received letter
async function viewDelivery(m) {
  const id = m[1];
  let d = await api.get(`/api/deliveries/${id}`);
  if (d.mine && !d.readAt) d = await api.post(`/api/deliveries/${id}/read`).catch(() => d);
  const routeBox = h('section', { 'aria-labelledby': 'route-h' }, h('h2', { id: 'route-h' }, 'Rute naskah'), h('p', { class: 'muted' }, 'Memuat…'));
  const canAct = d.mine && d.toBeForwarded && !['FORWARDED', 'RETURNED'].includes(d.status);
  const actions = h('div', { class: 'actions' });
  if (canAct) {
    actions.append(
      h('button', { type: 'button', class: 'primary', onclick: async (e) => {
        const note = await ask({ title: 'Teruskan naskah', labelText: 'Catatan penerusan (opsional)', multiline: true, confirmText: 'Teruskan' });
        if (note === null) return;
        await busy(e.target, async () => {
          try { await api.post(`/api/deliveries/${id}/forward`, note.trim() ? { note: note.trim() } : {}); notify('Naskah diteruskan.'); router(); } catch (err) { notify(err.message, 'error'); }
        });
      } }, 'Teruskan'),
      h('button', { type: 'button', class: 'danger', onclick: async (e) => {
        const reason = await ask({ title: 'Kembalikan naskah ke pengirim', labelText: 'Alasan pengembalian', multiline: true, required: true, confirmText: 'Kembalikan' });
        if (reason === null) return;
        await busy(e.target, async () => {
          try { await api.post(`/api/deliveries/${id}/return`, { reason: reason.trim() }); notify('Naskah dikembalikan ke pengirim.'); router(); } catch (err) { notify(err.message, 'error'); }
        });
      } }, 'Kembalikan'));
  }
  page(d.subject,
    h('div', { class: 'badges' },
      badge(label(DELIVERY_STATUS, d.status)),
      d.isCopy ? badge('Tembusan', 'copy') : null,
      d.toBeForwarded ? badge(['FORWARDED', 'RETURNED'].includes(d.status) ? 'Sudah ditindaklanjuti' : 'Perlu diteruskan', 'warn') : null),
    h('dl', { class: 'meta' },
      dt('No. agenda', `${d.agendaNumber}/${d.agendaYear}`),
      dt('Penerima', `${d.position?.title || ''} — ${d.office?.name || ''}`),
      dt('Pengirim', d.sender?.name),
      d.via ? dt(label(ARRIVED_BY, d.arrivedBy) + ' oleh', `${d.via.officeName}${d.via.note ? ` — “${d.via.note}”` : ''}`) : null,
      dt('Diterima', fmtDateTime(d.deliveredAt)),
      dt('Dibaca', fmtDateTime(d.readAt)),
      d.actNote ? dt('Catatan tindak lanjut', d.actNote) : null),
    actions,
    letterBody(d.letter),
    routeBox,
    h('p', {}, h('a', { href: '#/kotak-masuk' }, '‹ Kembali ke Kotak Masuk')));
  try {
    const r = await api.get(`/api/deliveries/${id}/route`);
    routeBox.replaceChildren(routeBox.firstChild, routeTimeline(r.hops || []));
  } catch (e) { routeBox.replaceChildren(routeBox.firstChild, errorBox(e)); }
}

function dt(k, v) { return [h('dt', {}, k), h('dd', {}, v ?? '—')]; }

function letterBody(l, withPdf = true) {
  if (!l) return null;
  return h('section', { class: 'card letter', 'aria-labelledby': 'letter-h' },
    h('h2', { id: 'letter-h' }, 'Naskah'),
    h('dl', { class: 'meta' },
      dt('Nomor', l.number || '(belum bernomor)'),
      dt('Jenis', typeName(l.typeCode)),
      dt('Sifat', label(URGENCY, l.urgency)),
      dt('Klasifikasi keamanan', label(SECURITY, l.securityClass)),
      dt('Kode klasifikasi', l.classificationCode),
      l.signedAt ? dt('Ditandatangani', `${fmtDateTime(l.signedAt)} oleh ${[CAPACITY[l.signedCapacity] || '', l.signerTitle, l.signerName && `(${l.signerName})`].filter(Boolean).join(' ')}`) : null,
      l.external ? dt('Surat eksternal', [l.external.sender, l.external.number, l.external.date].filter(Boolean).join(' · ')) : null),
    l.summary ? h('p', { class: 'summary' }, h('strong', {}, 'Ringkasan: '), l.summary) : null,
    h('div', { class: 'body-text' }, l.body),
    withPdf && l.documentFileId ? h('p', {}, pdfButton(l.id)) : null);
}

function routeTimeline(hops) {
  if (!hops.length) return h('p', { class: 'muted' }, 'Rute tidak tersedia.');
  return h('ol', { class: 'timeline' }, hops.map((hp) => {
    if (typeof hp === 'string') return h('li', {}, hp === 'EXTERNAL' ? 'Pihak eksternal' : hp);
    const office = hp.office?.name || hp.name || hp.office || (hp.level ? `${hp.level} ${hp.code}` : '?');
    return h('li', {},
      h('strong', {}, office), hp.position ? ` — ${hp.position.title}` : '',
      hp.action ? h('div', {}, badge(label(ARRIVED_BY, hp.action)), hp.at ? ` ${fmtDateTime(hp.at)}` : '',
        hp.by ? ` oleh ${[CAPACITY[hp.by.capacity] || '', hp.by.name].filter(Boolean).join(' ')}` : '') : null,
      hp.agendaNumber ? h('div', { class: 'muted small' }, `No. agenda ${hp.agendaNumber}${hp.readAt ? ` · dibaca ${fmtDateTime(hp.readAt)}` : ''}`) : null,
      hp.note ? h('div', { class: 'note' }, `Catatan: ${hp.note}`) : null);
  }));
}

function pdfButton(letterId) {
  const out = h('span', {});
  const btn = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    await busy(btn, async () => {
      try {
        const blob = await api.blob(`/api/letters/${letterId}/pdf`);
        const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        const link = h('a', { href: url, target: '_blank', rel: 'noopener', download: `naskah-${letterId}.pdf`, class: 'pdf-link' }, 'Unduh PDF');
        out.replaceChildren(btn, ' ', link);
        const w = window.open(url, '_blank', 'noopener');
        if (!w) notify('Jendela baru diblokir peramban; gunakan tautan "Unduh PDF".');
      } catch (e) { notify(e.message, 'error'); }
    });
  } }, 'Buka PDF');
  out.append(btn);
  return out;
}

// ---------------------------------------------------------------- outbox (Kotak Keluar)
const BOXES = [
  ['drafts', 'Konsep'],
  ['in-review', 'Dalam proses'],
  ['awaiting-review', 'Menunggu pemeriksaan saya'],
  ['awaiting-signature', 'Menunggu tanda tangan saya'],
  ['sent', 'Terkirim'],
];
async function viewOutbox(m, params) {
  await loadMaster();
  const box = BOXES.some(([k]) => k === m[1]) ? m[1] : 'drafts';
  const pageNo = Number(params.get('page') || 1);
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Kotak keluar' },
    BOXES.map(([k, name]) => h('a', { href: `#/kotak-keluar/${k}`, 'aria-current': k === box ? 'page' : null }, name)));
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  page('Kotak Keluar', tabs, list);
  let res;
  try { res = await api.get('/api/outbox', { box, page: pageNo, pageSize: 20 }); } catch (e) {
    list.replaceChildren(e.status === 404 ? h('p', { class: 'notice' }, 'Kotak keluar belum tersedia di server ini.') : errorBox(e));
    return;
  }
  const items = res.items || [];
  if (!items.length) { list.replaceChildren(h('p', { class: 'empty' }, 'Tidak ada naskah di kotak ini.')); return; }
  const rows = items.flatMap((l) => {
    const main = h('tr', {},
      h('td', {}, h('a', { href: `#/naskah/${l.id}` }, l.subject),
        h('div', { class: 'badges' }, l.urgency !== 'BIASA' ? badge(label(URGENCY, l.urgency), 'urgent') : null, l.securityClass !== 'B' ? badge(label(SECURITY, l.securityClass), 'secret') : null)),
      h('td', {}, l.number || '—', h('div', { class: 'muted small' }, typeName(l.typeCode))),
      h('td', {}, badge(label(STATUS, l.status), `st-${l.status}`)),
      h('td', {}, fmtDateTime(l.sentAt || l.updatedAt)),
      h('td', {}, l.deliveryCounts ? deliverySummary(l.deliveryCounts) : '—'));
    if (!l.deliveries?.length) return [main];
    const detail = h('tr', { class: 'sub' }, h('td', { colspan: 5 },
      h('details', {}, h('summary', {}, `Status pengiriman (${l.deliveries.length})`),
        table(['Tujuan', 'Cara', 'Status', 'Diterima', 'Dibaca', 'Catatan'], l.deliveries.map((d) => h('tr', {},
          h('td', {}, `${d.position.title} — ${d.office.name}`, d.kind === 'CC' ? [' ', badge('Tembusan', 'copy')] : null, d.toBeForwarded ? [' ', badge('Untuk diteruskan', 'warn')] : null),
          h('td', {}, label(ARRIVED_BY, d.arrivedBy)),
          h('td', {}, label(DELIVERY_STATUS, d.status)),
          h('td', {}, fmtDateTime(d.deliveredAt)),
          h('td', {}, fmtDateTime(d.readAt)),
          h('td', {}, d.actNote || '—'))), 'Status pengiriman'))));
    return [main, detail];
  });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Halaman' },
    pageNo > 1 ? h('a', { class: 'button secondary', href: `#/kotak-keluar/${box}?page=${pageNo - 1}` }, '‹ Sebelumnya') : null,
    h('span', {}, `Halaman ${pageNo}`),
    res.hasMore ? h('a', { class: 'button secondary', href: `#/kotak-keluar/${box}?page=${pageNo + 1}` }, 'Berikutnya ›') : null);
  list.replaceChildren(table(['Hal', 'Nomor / jenis', 'Status', 'Terakhir', 'Pengiriman'], rows, 'Daftar naskah keluar'), pager);
}
function deliverySummary(c) {
  return h('span', { class: 'small' }, `${c.total} tujuan: `, [
    c.DELIVERED ? `${c.DELIVERED} diterima` : null, c.READ ? `${c.READ} dibaca` : null,
    c.FORWARDED ? `${c.FORWARDED} diteruskan` : null, c.RETURNED ? `${c.RETURNED} dikembalikan` : null,
  ].filter(Boolean).join(', ') || 'menunggu');
}

// ---------------------------------------------------------------- compose / edit (Buat Naskah)
async function viewCompose(_m, letterId) {
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

// ---------------------------------------------------------------- letter detail
async function viewLetter(m) {
  const id = m[1];
  await loadMaster();
  const l = await api.get(`/api/letters/${id}`);
  await positionsOf(l.officeId).catch(() => null);
  await resolveNames(l.recipients);
  const mine = myPositionIds();
  const isDrafter = mine.includes(l.drafterPositionId);
  const isSigner = mine.includes(l.signerPositionId);
  const pending = (l.reviews || []).find((r) => r.round === l.reviewRound && r.step === l.currentStep && r.decision === 'PENDING');
  const isReviewer = pending && mine.includes(pending.positionId);

  const act = (text, cls, fn) => h('button', { type: 'button', class: cls, onclick: async (e) => {
    await busy(e.currentTarget, async () => {
      try { const msg = await fn(); if (msg) { notify(msg); router(); } } catch (err) { notify(err.message, 'error'); }
    });
  } }, text);
  const actions = h('div', { class: 'actions', role: 'group', 'aria-label': 'Tindakan' });
  if (['DRAFT', 'RETURNED'].includes(l.status) && isDrafter) {
    actions.append(
      h('a', { href: `#/naskah/${l.id}/ubah`, class: 'button secondary' }, 'Ubah'),
      act('Ajukan', 'primary', async () => { await api.post(`/api/letters/${l.id}/submit`); return 'Naskah diajukan.'; }));
  }
  if (l.status === 'IN_REVIEW' && isReviewer) {
    actions.append(
      act('Setujui', 'primary', async () => {
        const note = await ask({ title: 'Setujui naskah', labelText: 'Catatan (opsional)', multiline: true, confirmText: 'Setujui' });
        if (note === null) return null;
        await api.post(`/api/letters/${l.id}/review`, { decision: 'APPROVE', ...(note.trim() ? { note: note.trim() } : {}) });
        return 'Naskah disetujui.';
      }),
      act('Kembalikan', 'danger', async () => {
        const note = await ask({ title: 'Kembalikan ke konseptor', labelText: 'Catatan perbaikan', multiline: true, required: true, confirmText: 'Kembalikan' });
        if (note === null) return null;
        await api.post(`/api/letters/${l.id}/review`, { decision: 'RETURN', note: note.trim() });
        return 'Naskah dikembalikan ke konseptor.';
      }));
  }
  if (l.status === 'APPROVED' && isSigner) {
    actions.append(act('Tandatangani', 'primary', async () => {
      const pw = await ask({ title: 'Tandatangani naskah', labelText: 'Kata sandi Anda', type: 'password', required: true, confirmText: 'Tandatangani',
        hint: 'Tanda tangan elektronik tidak tersertifikasi. Masukkan kata sandi untuk konfirmasi.' });
      if (pw === null) return null;
      await api.post(`/api/letters/${l.id}/sign`, { password: pw });
      return 'Naskah ditandatangani. PDF sedang dibuat.';
    }));
  }
  if (l.status === 'SIGNED' && (isDrafter || isSigner || (state.me.roles || []).includes('REGISTRAR'))) {
    actions.append(act('Kirim', 'primary', async () => {
      if (!(await confirmDialog('Kirim naskah', 'Kirim naskah ke semua tujuan dan tembusan sesuai aturan rute?', 'Kirim'))) return null;
      await api.post(`/api/letters/${l.id}/send`);
      return 'Naskah dikirim.';
    }));
  }
  if (!['SIGNED', 'SENT', 'CANCELLED'].includes(l.status) && isDrafter) {
    actions.append(act('Batalkan', 'danger', async () => {
      const reason = await ask({ title: 'Batalkan naskah', labelText: 'Alasan pembatalan (minimal 3 karakter)', multiline: true, required: true, confirmText: 'Batalkan naskah' });
      if (reason === null) return null;
      await api.post(`/api/letters/${l.id}/cancel`, { reason: reason.trim() });
      return 'Naskah dibatalkan.';
    }));
  }
  if (l.documentFileId) actions.append(pdfButton(l.id));
  else if (['SIGNED', 'SENT'].includes(l.status)) actions.append(h('span', { class: 'muted' }, 'PDF sedang dibuat; muat ulang sebentar lagi.'));

  const reviewRows = (l.reviews || []).filter((r) => r.round === l.reviewRound || l.reviewRound === 0).map((r) => h('li', { class: r === pending ? 'current' : '' },
    `${r.step}. ${positionName(r.positionId)} — `, badge(label(DECISION, r.decision), r.decision === 'RETURNED' ? 'danger' : r.decision === 'APPROVED' ? 'ok' : ''),
    r.actedAt ? ` ${fmtDateTime(r.actedAt)}` : '', r.note ? h('div', { class: 'note' }, `Catatan: ${r.note}`) : null));
  const olderReviews = (l.reviews || []).filter((r) => r.round !== l.reviewRound && r.decision !== 'PENDING');

  const histBox = h('section', { 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, 'Riwayat'), h('p', { class: 'muted' }, 'Memuat…'));
  const revBox = h('section', { 'aria-labelledby': 'rev-h' }, h('h2', { id: 'rev-h' }, 'Revisi'), h('p', { class: 'muted' }, 'Memuat…'));

  page(l.subject,
    h('div', { class: 'badges' }, badge(label(STATUS, l.status), `st-${l.status}`), badge(`Revisi ${l.revision}`)),
    actions,
    h('div', { class: 'cols' },
      h('div', {},
        letterBody(l, false),
        h('section', { class: 'card', 'aria-labelledby': 'parties-h' }, h('h2', { id: 'parties-h' }, 'Pihak'),
          h('dl', { class: 'meta' },
            dt('Konseptor', positionName(l.drafterPositionId)),
            dt('Penandatangan', positionName(l.signerPositionId)),
            dt('Kepada', recipientText(l.recipients.filter((r) => r.kind === 'TO'))),
            dt('Tembusan', recipientText(l.recipients.filter((r) => r.kind === 'CC')) || '—')),
          h('h3', {}, `Pemeriksa${l.reviewRound ? ` (putaran ${l.reviewRound})` : ''}`),
          reviewRows.length ? h('ol', { class: 'reviews' }, reviewRows) : h('p', { class: 'muted' }, l.reviewerPositionIds.length ? l.reviewerPositionIds.map(positionName).join(' → ') : 'Tanpa pemeriksa.'),
          olderReviews.length ? h('details', {}, h('summary', {}, 'Putaran sebelumnya'), h('ul', {}, olderReviews.map((r) => h('li', {}, `Putaran ${r.round}, ${r.step}. ${positionName(r.positionId)}: ${label(DECISION, r.decision)}${r.note ? ` — ${r.note}` : ''}`)))) : null)),
      h('div', {}, histBox, revBox)));

  api.get(`/api/letters/${id}/history`).then((events) => {
    histBox.replaceChildren(histBox.firstChild, events.length ? h('ol', { class: 'timeline' }, events.map((ev) => h('li', {},
      h('strong', {}, label(ACTIONS, ev.action)), ' ', h('span', { class: 'muted' }, fmtDateTime(ev.occurredAt)),
      h('div', { class: 'small' }, ev.actorPositionId ? positionName(ev.actorPositionId) : ev.capacity === 'SYSTEM' || !ev.actorUserId ? 'Sistem' : `Pengguna #${ev.actorUserId}`,
        ev.capacity && !['SENDIRI', 'SYSTEM'].includes(ev.capacity) ? ` (${label(CAPACITY, ev.capacity)})` : ''),
      historyDetail(ev)))) : h('p', { class: 'muted' }, 'Belum ada riwayat.'));
  }).catch((e) => histBox.replaceChildren(histBox.firstChild, errorBox(e)));
  api.get(`/api/letters/${id}/revisions`).then((revs) => {
    revBox.replaceChildren(revBox.firstChild, h('ol', { class: 'revisions' }, revs.map((r, i) => h('li', {},
      h('strong', {}, `Revisi ${r.revision}`), ` — ${fmtDateTime(r.createdAt)}`,
      h('details', {}, h('summary', {}, `Hal: ${r.snapshot?.subject ?? ''}`),
        i > 0 ? changedFields(revs[i - 1].snapshot, r.snapshot) : null,
        h('div', { class: 'body-text small' }, r.snapshot?.body ?? ''))))));
  }).catch((e) => revBox.replaceChildren(revBox.firstChild, errorBox(e)));
}

const FIELD_NAMES = { typeCode: 'jenis', subject: 'hal', summary: 'ringkasan', body: 'isi', securityClass: 'klasifikasi keamanan', urgency: 'sifat', classificationCode: 'kode klasifikasi', recipients: 'tujuan', reviewerPositionIds: 'pemeriksa', signerPositionId: 'penandatangan' };
function changedFields(a = {}, b = {}) {
  const keys = Object.keys(FIELD_NAMES).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return h('p', { class: 'muted small' }, keys.length ? `Berubah: ${keys.map((k) => FIELD_NAMES[k]).join(', ')}` : 'Tidak ada perubahan isian.');
}
function historyDetail(ev) {
  const a = ev.after || {};
  const parts = [];
  if (a.reason) parts.push(`Alasan: ${a.reason}`);
  if (a.note) parts.push(`Catatan: ${a.note}`);
  if (a.number) parts.push(`Nomor: ${a.number}`);
  if (a.status && ev.before?.status) parts.push(`${label(STATUS, ev.before.status)} → ${label(STATUS, a.status)}`);
  if (a.revision && ev.action === 'LETTER_REVISED') parts.push(`revisi ${a.revision}`);
  return parts.length ? h('div', { class: 'note' }, parts.join(' · ')) : null;
}
function recipientText(list) {
  return list.map((r) => r.externalName || (r.positionId ? `${positionName(r.positionId)}${officeOfPosition(r.positionId)}` : `Pimpinan ${state.offices.get(r.officeId) || `satker #${r.officeId}`}`)).join('; ');
}
function officeOfPosition(pid) {
  const p = state.positions.get(pid);
  return p && state.offices.has(p.officeId) ? ` (${state.offices.get(p.officeId)})` : '';
}
/** Fetches the names of the offices and positions a recipient list refers to (cached). */
async function resolveNames(recipients) {
  const posIds = recipients.filter((r) => r.positionId && !state.positions.has(r.positionId)).map((r) => r.positionId);
  await Promise.all(posIds.map((id) => api.get(`/api/positions/${id}`).then((p) => state.positions.set(p.id, p)).catch(() => null)));
  const officeIds = new Set(recipients.map((r) => r.officeId || state.positions.get(r.positionId)?.officeId).filter(Boolean));
  if (state.me?.office) state.offices.set(state.me.office.id, state.me.office.name);
  await Promise.all([...officeIds].filter((id) => !state.offices.has(id)).map((id) => api.get(`/api/offices/${id}`).then((o) => state.offices.set(o.id, o.name)).catch(() => null)));
}

// ---------------------------------------------------------------- start
router();
