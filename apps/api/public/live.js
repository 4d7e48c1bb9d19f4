// live.js — the notification bell in the header and the server-sent events stream behind it.
// EventSource cannot send an Authorization header, and an access token must never go into a URL
// (proxies log request lines): before each connection we ask for a single-use stream ticket
// (POST /api/notifications/stream-ticket, valid 60 s) and open ?ticket=. When the stream closes
// (server restart, expired token) we reconnect ourselves with a refreshed token, a new ticket and
// ?lastEventId=, so what was missed meanwhile is sent first.
import { getTokens, refreshTokens, api } from './api.js';
import { h, notify } from './ui.js';

const listeners = new Set();
let source = null;
let lastId = '';
let retryMs = 2000;
let retryTimer = null;
let unread = 0;
let stopped = true;

/** Called with every new notification (views refresh themselves when it concerns them). */
export function onNotification(fn) { listeners.add(fn); return () => listeners.delete(fn); }

export function unreadCount() { return unread; }
export function setUnread(n) {
  unread = Math.max(0, Number(n) || 0);
  const bell = document.getElementById('bell');
  if (!bell) return;
  const count = bell.querySelector('.count');
  count.textContent = unread > 99 ? '99+' : String(unread);
  count.hidden = unread === 0;
  bell.setAttribute('aria-label', unread ? `Notifikasi, ${unread} belum dibaca` : 'Notifikasi, tidak ada yang belum dibaca');
}

/** The bell link for the header. */
export function bell() {
  const el = h('a', { id: 'bell', href: '#/notifikasi', class: 'bell', 'aria-label': 'Notifikasi' },
    bellIcon(), h('span', { class: 'count', 'aria-hidden': 'true', hidden: true }, '0'));
  queueMicrotask(() => setUnread(unread));
  return el;
}

/** An inline SVG bell (no icon font, no CDN). */
function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24'); svg.setAttribute('width', '22'); svg.setAttribute('height', '22'); svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z');
  svg.append(path);
  return svg;
}

/** Seconds until the access token expires (JWT exp), or 0 when unknown/expired. */
function tokenTtl(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return Math.max(0, payload.exp - Date.now() / 1000);
  } catch { return 0; }
}

async function connect() {
  retryTimer = null;
  if (stopped) return;
  let token = getTokens()?.accessToken;
  if (!token) return;
  if (tokenTtl(token) < 30) {
    if (!(await refreshTokens())) { stopped = true; return; }
    token = getTokens()?.accessToken;
  }
  let ticket;
  try {
    ({ ticket } = await api.post('/api/notifications/stream-ticket'));
  } catch (err) {
    if (err && err.status === 401) { stopped = true; return; } // signed out (api.js has sent the user to sign in)
    retryLater();
    return;
  }
  if (stopped) return;
  const qs = new URLSearchParams({ ticket });
  if (lastId) qs.set('lastEventId', lastId);
  const es = new EventSource(`/api/notifications/stream?${qs}`);
  source = es;
  es.addEventListener('ready', (e) => {
    retryMs = 2000;
    try { setUnread(JSON.parse(e.data).unreadCount); } catch { /* keep the count */ }
  });
  es.addEventListener('notification', (e) => {
    if (e.lastEventId) lastId = e.lastEventId;
    let n;
    try { n = JSON.parse(e.data); } catch { return; }
    if (!n.readAt) setUnread(unread + 1);
    announce(n);
    for (const fn of listeners) { try { fn(n); } catch { /* a view's handler must not stop the stream */ } }
  });
  es.onerror = () => {
    // the browser would retry with the same (spent) ticket: close and reconnect ourselves with a new one
    es.close();
    if (source !== es || stopped) return;
    source = null;
    retryLater();
  };
}

function retryLater() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(connect, retryMs);
  retryMs = Math.min(retryMs * 2, 30_000);
}

export function notificationText(n) {
  const p = n.payload || {};
  return p.title || p.message || n.type;
}
export function notificationLink(n) {
  const p = n.payload || {};
  if (p.dispositionId) return `#/disposisi/${p.dispositionId}`;
  if (p.preparedId) return `#/disposisi/disiapkan/${p.preparedId}`;
  if (p.deliveryId) return `#/surat-masuk/${p.deliveryId}`;
  if (p.proposalId) return `#/arsip/usulan/${p.proposalId}`;
  if (p.letterId) return `/naskah/${p.letterId}`; // the letter page of the new app
  return '#/notifikasi';
}

function announce(n) {
  const box = document.getElementById('notice');
  if (!box) return;
  notify(`Notifikasi baru: ${notificationText(n)}`);
  const link = h('a', { href: notificationLink(n), class: 'notice-link' }, 'Buka');
  box.querySelector('.notice')?.insertBefore(link, box.querySelector('.notice .close'));
}

/** Starts the stream (idempotent) and loads the unread count. */
export function startLive() {
  if (!stopped) return;
  stopped = false;
  api.get('/api/notifications', { limit: 1 }).then((r) => setUnread(r.unreadCount)).catch(() => null);
  connect();
}

export function stopLive() {
  stopped = true;
  clearTimeout(retryTimer);
  retryTimer = null;
  if (source) source.close();
  source = null;
  lastId = '';
  setUnread(0);
}
