// shell.js — page frame shared by all views: main area, page title, error box, header reset, demo banner, refresh hook.
import { ApiError } from './api.js';
import { h } from './ui.js';

export const view = document.getElementById('view');

/** Shows the retention-schedule warning when the loaded master data is a demo schedule. */
export function renderDemoBanner(master) {
  const b = document.getElementById('demo-banner');
  if (master?.demoSchedule) {
    b.replaceChildren(h('strong', {}, 'Perhatian: '), 'Jadwal retensi yang dimuat adalah CONTOH (bukan JRA resmi)');
    b.hidden = false;
  } else b.hidden = true;
}

/** Signed-out header: no user box, no menu. */
export function clearHeader() {
  document.getElementById('user').replaceChildren();
  document.getElementById('nav').hidden = true;
}

export function page(title, ...children) {
  document.title = `${title} — Naskah`;
  const h1 = h('h1', { tabindex: '-1' }, title);
  view.replaceChildren(h1, ...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  h1.focus({ preventScroll: false });
  return h1;
}

export function errorBox(err) {
  return h('div', { class: 'notice error', role: 'alert' }, err instanceof ApiError || err instanceof Error ? err.message : String(err));
}

// Re-runs the current route after an action changed what is shown; app.js registers its router here.
let rerender = () => {};
export function onRefresh(fn) { rerender = fn; }
export function refresh() { return rerender(); }
