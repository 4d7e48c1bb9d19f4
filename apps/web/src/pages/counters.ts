import { api, unwrap } from '../api/client';
import { freshAccessToken } from '../api/session';
import type { InboxPage, ListPage } from '../api/types';

export interface Counter {
  key: string;
  label: string;
  count: number;
  /** true when there are more than `count` (the lists answer up to 100 per page) */
  more: boolean;
  href: string;
  /** a screen not rebuilt yet: a full page load into the previous UI */
  legacy?: boolean;
}

/**
 * SEAM (issue 13 ↔ worklists): the work-queue counters come from GET /api/worklist once that API
 * lands (branch `worklist`); until then they are counted from the lists that exist today (inbox,
 * outbox boxes, dispositions), each up to 100. `fromWorklist` maps the new answer when present.
 */
export async function loadCounters(positionId: number | null): Promise<{ counters: Counter[]; source: 'worklist' | 'lists' }> {
  const worklist = await fetchWorklist();
  if (worklist) return { counters: fromWorklist(worklist), source: 'worklist' };
  const pid = positionId ?? undefined;
  const page = { pageSize: 100 } as const;
  const [unread, drafts, review, signature, dispUnread, overdue] = await Promise.all([
    unwrap<InboxPage>(api.GET('/api/inbox', { params: { query: { unread: true, positionId: pid, ...page } } })),
    unwrap<ListPage<unknown>>(api.GET('/api/outbox', { params: { query: { box: 'drafts', ...page } } })),
    unwrap<ListPage<unknown>>(api.GET('/api/outbox', { params: { query: { box: 'awaiting-review', ...page } } })),
    unwrap<ListPage<unknown>>(api.GET('/api/outbox', { params: { query: { box: 'awaiting-signature', ...page } } })),
    unwrap<ListPage<unknown>>(api.GET('/api/dispositions/received', { params: { query: { status: 'UNREAD', positionId: pid, ...page } } })),
    unwrap<ListPage<unknown>>(api.GET('/api/dispositions/overdue', { params: { query: page } })),
  ]);
  const c = (key: string, label: string, p: { items: unknown[]; hasMore: boolean }, href: string, legacy = false): Counter => ({ key, label, count: p.items.length, more: p.hasMore, href, legacy });
  const toForward = { items: unread.items.filter((i) => i.toBeForwarded), hasMore: unread.hasMore };
  return {
    source: 'lists',
    counters: [
      c('unread', 'Naskah masuk belum dibaca', unread, '/naskah-masuk?unread=true'),
      c('to-forward', 'Perlu diteruskan (belum dibaca)', toForward, '/naskah-masuk?unread=true'),
      c('awaiting-review', 'Perlu paraf', review, '/naskah-keluar?box=awaiting-review'),
      c('awaiting-signature', 'Perlu tanda tangan', signature, '/naskah-keluar?box=awaiting-signature'),
      c('drafts', 'Konsep saya', drafts, '/naskah-keluar?box=drafts'),
      c('disp-unread', 'Disposisi belum dibaca', dispUnread, '/lama/#/disposisi/masuk', true),
      c('disp-overdue', 'Disposisi lewat tenggat', overdue, '/lama/#/disposisi/masuk', true),
    ],
  };
}

async function fetchWorklist(): Promise<Record<string, unknown> | null> {
  const token = await freshAccessToken();
  try {
    const res = await fetch('/api/worklist', { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const WORKLIST_LABELS: Record<string, { label: string; href: string; legacy?: boolean }> = {
  toInitial: { label: 'Perlu paraf', href: '/naskah-keluar?box=awaiting-review' },
  toSign: { label: 'Perlu tanda tangan', href: '/naskah-keluar?box=awaiting-signature' },
  toDispatch: { label: 'Siap dikirim', href: '/naskah-keluar?box=in-review' },
  toForward: { label: 'Perlu diteruskan', href: '/naskah-masuk' },
  unread: { label: 'Belum dibaca', href: '/naskah-masuk?unread=true' },
  notActedOn: { label: 'Belum ditindaklanjuti', href: '/naskah-masuk' },
  dispositions: { label: 'Disposisi', href: '/lama/#/disposisi/masuk', legacy: true },
  proposals: { label: 'Usulan', href: '/lama/#/arsip', legacy: true },
  toFile: { label: 'Belum diberkaskan', href: '/lama/#/arsip', legacy: true },
};

/** Best effort until the worklist answer's schema is generated: numbers by key (top level or under `counts`). */
function fromWorklist(w: Record<string, unknown>): Counter[] {
  const counts = (w.counts && typeof w.counts === 'object' ? w.counts : w) as Record<string, unknown>;
  return Object.entries(counts)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => ({ key: k, label: WORKLIST_LABELS[k]?.label ?? k, count: v as number, more: false, href: WORKLIST_LABELS[k]?.href ?? '/beranda', legacy: WORKLIST_LABELS[k]?.legacy }));
}
