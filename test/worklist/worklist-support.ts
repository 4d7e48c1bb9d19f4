import type { DataSource } from 'typeorm';
import type { Http } from '@naskah/testing';
import { eventually } from '../../libs/testing/src/letters-fixture';

export interface Page {
  items: { id: string; kind: string; letterId: string | null; deliveryId: string | null; dispositionId: string | null; proposalId: string | null; subject: string | null; positionId: number | null; [k: string]: unknown }[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** The whole queue, page by page (keyset), as the web app would walk it. */
export async function walk(http: Http, token: string, queue: string, query = ''): Promise<Page['items']> {
  const all: Page['items'] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const res = await http.request('GET', `/api/worklist/${queue}?pageSize=7${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (res.status !== 200) throw new Error(`GET /api/worklist/${queue}: ${res.status} ${JSON.stringify(res.body)}`);
    all.push(...res.body.items);
    if (!res.body.hasMore) return all;
    cursor = res.body.nextCursor;
  }
  throw new Error('queue never ended');
}

/** One queue's count from GET /api/worklist. */
export async function countOf(http: Http, token: string, queue: string): Promise<{ count: number; applies: boolean; capped?: boolean; sub?: Record<string, number> }> {
  const res = await http.request('GET', '/api/worklist', { token });
  if (res.status !== 200) throw new Error(`GET /api/worklist: ${res.status}`);
  return res.body.queues.find((q: { queue: string }) => q.queue === queue);
}

/** The count of a queue equals the number of items its pages walk through (the rule: a count is its list's length). */
export async function expectCountIsList(http: Http, token: string, queue: string): Promise<Page['items']> {
  const items = await walk(http, token, queue);
  const { count } = await countOf(http, token, queue);
  if (count !== items.length) throw new Error(`${queue}: count ${count} but the list has ${items.length}`);
  return items;
}

/** Notifications of a user about something (payload field = value), with their type and read state. */
export async function notesAbout(ds: DataSource, username: string, type: string, field: string, value: string) {
  const rows = await ds.query(
    `SELECT n.id, n.type, n.payload, n.read_at, n.dedupe_key FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = ? AND n.type = ? ORDER BY n.id`,
    [username, type],
  );
  return rows
    .map((r: Record<string, unknown>) => ({ ...r, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload }))
    .filter((r: { payload: Record<string, unknown> }) => String(r.payload[field]) === value) as { id: string; type: string; payload: Record<string, any>; read_at: Date | null; dedupe_key: string }[];
}

/** Waits for exactly one notification of a kind about something; returns it. */
export async function arrivesOnce(ds: DataSource, username: string, type: string, field: string, value: string) {
  const [n] = await eventually(async () => {
    const found = await notesAbout(ds, username, type, field, value);
    return found.length ? found : undefined;
  }, `${type} for ${username} about ${field}=${value}`);
  return n;
}
