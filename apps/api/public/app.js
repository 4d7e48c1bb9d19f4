// app.js — Naskah single-page app (hash routes): header, menu and router. Views live in views/. No build step, no dependencies.
import { ApiError, isSignedIn, logout } from './api.js';
import { h, ROLES, label, badge } from './ui.js';
import { state, loadMe, loadMaster } from './state.js';
import { view, errorBox, clearHeader, onRefresh } from './shell.js';
import { viewLogin } from './views/login.js';
import { viewInbox } from './views/inbox.js';
import { viewDelivery } from './views/delivery.js';
import { viewOutbox } from './views/outbox.js';
import { viewCompose } from './views/draft-form.js';
import { viewLetter } from './views/letter-detail.js';

// ---------------------------------------------------------------- header
function renderHeader() {
  const me = state.me;
  if (!me) { clearHeader(); return; }
  const user = document.getElementById('user');
  const nav = document.getElementById('nav');
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
onRefresh(router);

// ---------------------------------------------------------------- start
router();
