import { api, unwrap } from '../api/client';
import { freshAccessToken } from '../api/session';
import type { components } from '../api/schema';

type S = components['schemas'];

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
  if (worklist) {
    // the work queues (GET /api/worklist), then the drafter's own drafts, which are no queue
    const drafts = await unwrap<S['OutboxPage']>(api.GET('/api/outbox', { params: { query: { box: 'drafts', pageSize: 100 } } }));
    return {
      source: 'worklist',
      counters: [...fromWorklist(worklist), { key: 'drafts', label: 'Konsep saya', count: drafts.items.length, more: drafts.hasMore, href: '/naskah-keluar?box=drafts' }],
    };
  }
  const pid = positionId ?? undefined;
  const page = { pageSize: 100 } as const;
  const [unread, drafts, review, signature, dispUnread, overdue] = await Promise.all([
    unwrap<S['InboxPage']>(api.GET('/api/inbox', { params: { query: { unread: true, positionId: pid, ...page } } })),
    unwrap<S['OutboxPage']>(api.GET('/api/outbox', { params: { query: { box: 'drafts', ...page } } })),
    unwrap<S['OutboxPage']>(api.GET('/api/outbox', { params: { query: { box: 'awaiting-review', ...page } } })),
    unwrap<S['OutboxPage']>(api.GET('/api/outbox', { params: { query: { box: 'awaiting-signature', ...page } } })),
    unwrap<S['DispositionPage']>(api.GET('/api/dispositions/received', { params: { query: { status: 'UNREAD', positionId: pid, ...page } } })),
    unwrap<S['OverdueDispositionPage']>(api.GET('/api/dispositions/overdue', { params: { query: page } })),
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

/** Where each work queue of GET /api/worklist leads (screens not rebuilt yet open in the previous UI). */
const QUEUE_HREF: Record<string, { href: string; legacy?: boolean }> = {
  review: { href: '/antrean/review' },
  signature: { href: '/antrean/signature' },
  returned: { href: '/antrean/returned' },
  'ready-to-send': { href: '/antrean/ready-to-send' },
  'to-forward': { href: '/naskah-masuk' },
  unread: { href: '/naskah-masuk?unread=true' },
  'no-follow-up': { href: '/naskah-masuk' },
  dispositions: { href: '/lama/#/disposisi/masuk', legacy: true },
  proposals: { href: '/lama/#/arsip', legacy: true },
  unfiled: { href: '/lama/#/arsip', legacy: true },
};

interface WorklistQueue {
  queue: string;
  label: string;
  applies: boolean;
  count: number;
}

/** The queues that are this user's, labelled as the API labels them. */
function fromWorklist(w: Record<string, unknown>): Counter[] {
  const queues = Array.isArray(w.queues) ? (w.queues as WorklistQueue[]) : [];
  return queues
    .filter((q) => q.applies)
    .map((q) => ({ key: q.queue, label: q.label, count: q.count, more: false, href: QUEUE_HREF[q.queue]?.href ?? '/beranda', legacy: QUEUE_HREF[q.queue]?.legacy }));
}
