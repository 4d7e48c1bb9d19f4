import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

type S = components['schemas'];

export interface Counter {
  key: string;
  label: string;
  count: number;
  /** true when more than `count` wait (history queues are counted up to 1.000; drafts are read up to 100) */
  more: boolean;
  href: string;
  /** a screen not rebuilt yet: a full page load into the previous UI */
  legacy?: boolean;
}

/**
 * The Beranda counters: the user's work queues (GET /api/worklist, every position they act for
 * today, labelled by the API) and their own drafts, which are no queue.
 */
export async function loadCounters(): Promise<{ counters: Counter[] }> {
  const [worklist, drafts] = await Promise.all([
    unwrap<S['WorklistCountsDto']>(api.GET('/api/worklist')),
    unwrap<S['OutboxPage']>(api.GET('/api/outbox', { params: { query: { box: 'drafts', pageSize: 100 } } })),
  ]);
  return {
    counters: [...fromWorklist(worklist), { key: 'drafts', label: 'Konsep saya', count: drafts.items.length, more: drafts.hasMore, href: '/naskah-keluar?box=drafts' }],
  };
}

/** Where each work queue of GET /api/worklist leads (screens not rebuilt yet open in the previous UI). */
const QUEUE_HREF: Record<S['WorkQueue'], { href: string; legacy?: boolean }> = {
  review: { href: '/antrean/review' },
  signature: { href: '/antrean/signature' },
  returned: { href: '/antrean/returned' },
  'ready-to-send': { href: '/antrean/ready-to-send' },
  'to-forward': { href: '/antrean/to-forward' },
  unread: { href: '/naskah-masuk?unread=true' },
  'no-follow-up': { href: '/antrean/no-follow-up' },
  dispositions: { href: '/lama/#/disposisi/masuk', legacy: true },
  proposals: { href: '/lama/#/arsip', legacy: true },
  unfiled: { href: '/lama/#/arsip', legacy: true },
};

/** The queues that are this user's, labelled as the API labels them. */
function fromWorklist(w: S['WorklistCountsDto']): Counter[] {
  return w.queues
    .filter((q) => q.applies)
    .map((q) => ({ key: q.queue, label: q.label, count: q.count, more: q.capped ?? false, href: QUEUE_HREF[q.queue].href, legacy: QUEUE_HREF[q.queue].legacy }));
}
