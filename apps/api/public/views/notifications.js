// views/notifications.js — #/notifikasi: the caller's notifications, newest first, mark read (one / all), live additions.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, notify, busy } from '../ui.js';
import { page, errorBox, refresh } from '../shell.js';
import { setUnread, notificationText, notificationLink } from '../live.js';

export async function viewNotifications(_m, params) {
  const unreadOnly = params.get('unread') === 'true';
  const before = params.get('before') || undefined;
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Memuat…'));
  const allBtn = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    await busy(allBtn, async () => {
      try { await api.post('/api/notifications/read-all'); setUnread(0); notify('Semua notifikasi ditandai dibaca.'); refresh(); } catch (e) { notify(e.message, 'error'); }
    });
  } }, 'Tandai semua dibaca');
  page('Notifikasi',
    h('nav', { class: 'tabs', 'aria-label': 'Saring notifikasi' },
      h('a', { href: '#/notifikasi', 'aria-current': unreadOnly ? null : 'page' }, 'Semua'),
      h('a', { href: '#/notifikasi?unread=true', 'aria-current': unreadOnly ? 'page' : null }, 'Belum dibaca')),
    h('div', { class: 'actions' }, allBtn),
    list);
  let res;
  try { res = await api.get('/api/notifications', { unread: unreadOnly ? 'true' : undefined, before, limit: 20 }); } catch (e) { list.replaceChildren(errorBox(e)); return; }
  setUnread(res.unreadCount);
  if (!res.items.length) { list.replaceChildren(h('p', { class: 'empty' }, unreadOnly ? 'Tidak ada notifikasi yang belum dibaca.' : 'Belum ada notifikasi.')); return; }
  const markRead = async (n, btn, li) => {
    await busy(btn, async () => {
      try {
        await api.post(`/api/notifications/${n.id}/read`);
        li.classList.remove('unread'); btn.remove();
        const r = await api.get('/api/notifications', { limit: 1 });
        setUnread(r.unreadCount);
      } catch (e) { notify(e.message, 'error'); }
    });
  };
  list.replaceChildren(h('ul', { class: 'notif-list' }, res.items.map((n) => {
    const li = h('li', { class: n.readAt ? '' : 'unread' });
    const open = h('a', { href: notificationLink(n), onclick: () => { if (!n.readAt) api.post(`/api/notifications/${n.id}/read`).catch(() => null); } }, notificationText(n));
    const btn = n.readAt ? null : h('button', { type: 'button', class: 'link', onclick: () => markRead(n, btn, li) }, 'Tandai dibaca');
    li.append(...[n.readAt ? null : h('span', { class: 'sr-only' }, 'Belum dibaca: '), open, ' ', h('span', { class: 'muted small' }, fmtDateTime(n.createdAt)),
      n.payload?.deadline ? h('span', { class: 'muted small' }, ` · batas ${fmtDate(n.payload.deadline)}`) : null, ' ', btn].filter((x) => x !== null));
    return li;
  })),
  res.nextBefore ? h('nav', { class: 'pager' }, h('a', { class: 'button secondary', href: `#/notifikasi?${new URLSearchParams({ ...(unreadOnly ? { unread: 'true' } : {}), before: res.nextBefore })}` }, 'Lebih lama ›')) : null);
}
