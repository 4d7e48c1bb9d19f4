// app.js — Naskah single-page app (hash routes): header, menu and router. Views live in views/. No build step, no dependencies.
import { ApiError, isSignedIn, logout, refreshTokens } from './api.js';
import { h, ROLES, label, badge } from './ui.js';
import { state, loadMe, loadMaster, hasRole } from './state.js';
import { view, errorBox, clearHeader, onRefresh, page } from './shell.js';
import { bell, startLive, stopLive, onNotification } from './live.js';
import { viewLogin } from './views/login.js';
import { viewInbox } from './views/inbox.js';
import { viewDelivery } from './views/delivery.js';
import { viewDispositionList } from './views/dispositions.js';
import { viewDisposition, viewIssueDisposition, viewRedispose, viewPrepared, viewLetterTree } from './views/disposition-detail.js';
import { viewNotifications } from './views/notifications.js';
import { viewRecordsDashboard, viewDossiers, viewDossierCreate } from './views/records.js';
import { viewDossier } from './views/dossier-detail.js';
import { viewProposals, viewProposal, viewProposalCreate } from './views/proposals.js';
import { viewHolds } from './views/holds.js';
import { viewSchedule } from './views/schedule.js';

// ---------------------------------------------------------------- header
function renderHeader() {
  const me = state.me;
  if (!me) { clearHeader(); return; }
  const user = document.getElementById('user');
  const nav = document.getElementById('nav');
  nav.hidden = false;
  // menus the user's roles do not allow are hidden (the API refuses them anyway)
  nav.querySelectorAll('a[data-roles]').forEach((a) => { a.hidden = !hasRole(...a.dataset.roles.split(' ')); });
  startLive();
  user.replaceChildren(
    bell(),
    h('div', { class: 'who' },
      h('strong', {}, me.user.fullName),
      h('span', {}, [me.position?.title, me.office?.name].filter(Boolean).join(' · ')),
      h('span', { class: 'roles', 'aria-label': 'Peran' }, (me.roles || []).map((r) => badge(label(ROLES, r), 'role'))),
      (me.delegations || []).length ? h('span', { class: 'muted' }, `${me.delegations.length} delegasi aktif`) : null),
    h('button', { type: 'button', class: 'secondary', onclick: async () => { stopLive(); await logout(); state.me = null; state.master = null; location.hash = '#/masuk'; } }, 'Keluar'));
}

function highlightNav(route) {
  document.querySelectorAll('#nav a').forEach((a) => {
    const on = route.startsWith(a.dataset.route);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
}

// ---------------------------------------------------------------- router
const ARSIP = ['ARCHIVIST', 'LEADER', 'ADMIN'];
// [pattern, view, public?, roles allowed (none: every signed-in user)]
const routes = [
  [/^\/masuk$/, viewLogin, true],
  [/^\/kotak-masuk$/, viewInbox],
  [/^\/surat-masuk\/(\d+)$/, viewDelivery],
  // composing, reviewing, signing, sending and registering are the new app's (issue 13): old addresses lead there
  [/^\/kotak-keluar(?:\/([a-z-]+))?$/, () => leave('/naskah-keluar')],
  [/^\/buat$/, () => leave('/naskah/baru')],
  [/^\/naskah\/([\w-]+)\/ubah$/, (m) => leave(`/naskah/${encodeURIComponent(m[1])}/ubah`)],
  [/^\/naskah\/([\w-]+)$/, (m) => leave(`/naskah/${encodeURIComponent(m[1])}`)],
  [/^\/naskah\/(\d+)\/disposisi$/, viewLetterTree],
  [/^\/surat-masuk\/(\d+)\/disposisi$/, (m, p) => viewIssueDisposition(m, p, false)],
  [/^\/surat-masuk\/(\d+)\/siapkan$/, (m, p) => viewIssueDisposition(m, p, true)],
  [/^\/disposisi\/(masuk|keluar|disiapkan)$/, viewDispositionList],
  [/^\/disposisi\/(terlambat)$/, viewDispositionList, false, ['LEADER']],
  [/^\/disposisi\/disiapkan\/(\d+)$/, viewPrepared],
  [/^\/disposisi\/(\d+)\/lanjut$/, viewRedispose],
  [/^\/disposisi\/(\d+)$/, viewDisposition],
  [/^\/notifikasi$/, viewNotifications],
  [/^\/arsip$/, viewRecordsDashboard, false, ARSIP],
  [/^\/arsip\/berkas$/, viewDossiers, false, ARSIP],
  [/^\/arsip\/berkas\/baru$/, viewDossierCreate, false, ARSIP],
  [/^\/arsip\/berkas\/(\d+)$/, viewDossier],
  [/^\/arsip\/usulan$/, viewProposals, false, ARSIP],
  [/^\/arsip\/usulan\/baru$/, viewProposalCreate, false, ['ARCHIVIST']],
  [/^\/arsip\/usulan\/(\d+)$/, viewProposal, false, ARSIP],
  [/^\/arsip\/pembekuan$/, viewHolds, false, ARSIP],
  [/^\/arsip\/jra$/, viewSchedule, false, ARSIP],
];

/** To a page of the new app (outside /lama/), replacing this address in the history. */
function leave(path) {
  location.replace(path);
}

async function router() {
  const [path, qs] = (location.hash.slice(1) || '/kotak-masuk').split('?');
  const params = new URLSearchParams(qs || '');
  for (const [re, fn, isPublic, roles] of routes) {
    const m = path.match(re);
    if (!m) continue;
    if (!isPublic && !isSignedIn()) { location.hash = '#/masuk'; return; }
    if (!isPublic && !state.me) {
      try { await loadMe(); await loadMaster(); } catch (e) { if (!isSignedIn()) return; view.replaceChildren(errorBox(e)); return; }
    }
    renderHeader();
    highlightNav(path);
    if (roles && !hasRole(...roles)) {
      page('Tidak ada akses', h('p', { class: 'notice error' }, `Halaman ini hanya untuk peran: ${roles.map((r) => label(ROLES, r)).join(', ')}.`), h('p', {}, h('a', { href: '#/kotak-masuk' }, '‹ Kembali ke Kotak Masuk')));
      return;
    }
    try { await fn(m, params); } catch (e) { if (e instanceof ApiError && e.status === 401) return; view.append(errorBox(e)); }
    return;
  }
  location.hash = '#/kotak-masuk';
}
window.addEventListener('hashchange', router);
// a new notification refreshes the lists it belongs to, so a new disposition appears at once
onNotification(() => {
  const path = location.hash.slice(1).split('?')[0];
  if (/^\/(disposisi\/(masuk|keluar|disiapkan|terlambat)|notifikasi|kotak-masuk)$/.test(path) && !document.querySelector('dialog[open]')) router();
});
onRefresh(router);

// ---------------------------------------------------------------- start
// a reload or a new tab has no access token yet: the refresh cookie gets one (if the session is still valid)
(isSignedIn() ? Promise.resolve() : refreshTokens()).finally(router);
