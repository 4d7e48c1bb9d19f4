// views/parts.js — building blocks shared by several views: definition rows, tables, letter card, route timeline, PDF button.
import { api } from '../api.js';
import { h, fmtDate, fmtDateTime, URGENCY, SECURITY, ARRIVED_BY, CAPACITY, label, badge, notify, busy } from '../ui.js';
import { typeName } from '../state.js';
import { refresh } from '../shell.js';

export function dt(k, v) { return [h('dt', {}, k), h('dd', {}, v ?? '—')]; }

export function table(headers, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { class: 'sr-only' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows)));
}

export function letterBody(l, withPdf = true) {
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
      l.external ? dt('Surat eksternal', [l.external.sender, l.external.number, isoDay(l.external.date)].filter(Boolean).join(' · ')) : null),
    l.summary ? h('p', { class: 'summary' }, h('strong', {}, 'Ringkasan: '), l.summary) : null,
    h('div', { class: 'body-text' }, l.body),
    withPdf && l.documentFileId ? h('p', {}, pdfButton(l.id)) : null);
}

/** A calendar date the API gives in ISO form (YYYY-MM-DD, or with a time), said in Indonesian; anything else is shown exactly as it came. */
export function isoDay(v) {
  if (!v) return null;
  const day = String(v).match(/^(\d{4}-\d{2}-\d{2})(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/);
  return day ? fmtDate(day[1]) : String(v);
}

export function routeTimeline(hops) {
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

export function pdfButton(letterId) {
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

/** Downloads a protected file (Bearer token) and opens or saves it. */
export async function downloadFile(path, filename, { open = false } = {}) {
  const blob = await api.blob(path);
  const url = URL.createObjectURL(blob);
  if (open && window.open(url, '_blank', 'noopener')) return;
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A button that downloads a protected file, with busy state and the error in the notice area. */
export function downloadButton(text, path, filename, opts = {}) {
  const btn = h('button', { type: 'button', class: opts.class || 'secondary', onclick: async () => {
    await busy(btn, async () => { try { await downloadFile(path, filename, opts); } catch (e) { notify(e.message, 'error'); } });
  } }, text);
  return btn;
}

/** Previous / next links for page-numbered lists. */
export function pager(route, params, pageNo, hasMore) {
  const at = (n) => { const p = new URLSearchParams(params); p.set('page', String(n)); return `#${route}?${p}`; };
  return h('nav', { class: 'pager', 'aria-label': 'Halaman' },
    pageNo > 1 ? h('a', { class: 'button secondary', href: at(pageNo - 1) }, '‹ Sebelumnya') : null,
    h('span', {}, `Halaman ${pageNo}`),
    hasMore ? h('a', { class: 'button secondary', href: at(pageNo + 1) }, 'Berikutnya ›') : null);
}

/** A labelled form field wrapper carrying data-field, so API field errors land next to it. */
export function field(name, labelText, input, hint) {
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: input.id }, labelText), hint ? h('p', { class: 'hint', id: `${input.id}-hint` }, hint) : null, input);
}

/** A button running an async action; the returned text is announced and the view re-rendered. `ariaLabel` names it when the text alone is ambiguous (a row's action). */
export function actionButton(text, cls, fn, ariaLabel) {
  return h('button', { type: 'button', class: cls, 'aria-label': ariaLabel, onclick: async (e) => {
    await busy(e.currentTarget, async () => {
      try { const msg = await fn(); if (msg) { notify(msg); refresh(); } } catch (err) { notify(err.message, 'error'); }
    });
  } }, text);
}
