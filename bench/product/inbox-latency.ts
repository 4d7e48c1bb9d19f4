import { InboxFilters, InboxService } from '@naskah/correspondence';
import { percentiles, registerBench } from '../harness';
import { ensureInboxSeed, INBOX_USER, OLD_ONLY_WORD } from '../lib/inbox-seed';
import { countRoundTrips, principalOf, startProductApi } from '../lib/product-apps';

const round = (ms: number) => Math.round(ms * 10) / 10;

registerBench({
  name: 'inbox-page-p99',
  kind: 'product',
  description:
    'inbox page latency through InboxService.list for one position (~1 % of 1,000,000 deliveries; 100,000 with --quick, 10,000,000 with --large): first page, a deep page by offset and by keyset, unread, text search (matching 1 in 10, matching nothing, matching only the oldest delivery, matching every delivery), one day; one request at a time, an empty search page followed by nextBefore until items show; the figure is the worst p99',
  goal: { max: 50 },
  late: true,
  timeoutMs: 240_000,
  run: async (ctx) => {
    const seed = await ensureInboxSeed(ctx);
    const { app } = await startProductApi(ctx);
    const inbox = app.get(InboxService);
    const p = await principalOf(app, INBOX_USER);
    const pageSize = 20;
    const deepPage = Math.max(2, Math.min(10_000, Math.floor((0.8 * seed.measuredDeliveries) / pageSize)));
    const kinds: Record<string, InboxFilters> = {
      first: {},
      [`page-${deepPage}`]: { page: deepPage },
      'keyset-80%': { before: seed.idAtDepth(0.8) },
      unread: { unread: true },
      'q-1-in-10': { q: 'logistik' },
      'q-no-match': { q: 'tidak ada yang cocok' },
      // the one match is the position's oldest delivery, below every other one
      'q-old-match': { q: OLD_ONLY_WORD },
      // in every delivery (the sender's name)
      'q-common': { q: 'KPU' },
      'one-day': { from: seed.middleDay, to: seed.middleDay },
    };
    // One sample = the page a user is shown: an empty page that says where to go on (nextBefore)
    // is followed, as the web UI does, until a page has items or nothing more follows.
    const show = async (f: InboxFilters, perRequest?: number[]) => {
      let requests = 0;
      for (let before = f.before; ; ) {
        requests++;
        const t = performance.now();
        const page = await inbox.list(p, { ...f, before, pageSize });
        perRequest?.push(performance.now() - t);
        if (page.items.length || !page.hasMore || !page.nextBefore) return { items: page.items.length, requests };
        before = page.nextBefore;
      }
    };
    const samples = ctx.quick ? 40 : 120;
    const lat: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const latPerRequest: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    const items: Record<string, number> = {};
    const requests: Record<string, number> = {};
    const roundTrips: Record<string, number> = {};
    const rt = countRoundTrips(ctx, /^$/);
    for (const [k, f] of Object.entries(kinds)) {
      for (let i = 0; i < 5; i++) ({ items: items[k], requests: requests[k] } = await show(f)); // warm-up
      const before = rt.total;
      rt.on = true;
      await show(f);
      rt.on = false;
      roundTrips[k] = rt.total - before;
    }
    rt.restore();
    // Round robin over the kinds, so drift of the machine touches them alike.
    for (let i = 0; i < samples; i++) {
      for (const [k, f] of Object.entries(kinds)) {
        const t = performance.now();
        await show(f, latPerRequest[k]);
        lat[k].push(performance.now() - t);
      }
    }
    const perKind = Object.fromEntries(Object.entries(lat).map(([k, xs]) => {
      const s = percentiles(xs);
      const r = percentiles(latPerRequest[k]);
      const each = requests[k] > 1 ? { perRequest: { p50: round(r.p50), p99: round(r.p99) } } : {};
      return [k, { p50: round(s.p50), p99: round(s.p99), items: items[k], requests: requests[k], ...each, roundTrips: roundTrips[k] }];
    }));
    const worst = Math.max(...Object.values(perKind).map((v) => v.p99));
    const all = percentiles(Object.values(lat).flat());
    return {
      value: worst,
      unit: 'ms',
      extra: {
        deliveries: seed.deliveries,
        positionDeliveries: seed.measuredDeliveries,
        positions: seed.positions,
        samplesPerKind: samples,
        allKinds: { p50: round(all.p50), p99: round(all.p99) },
        perKind,
        seed: { seconds: seed.seedSeconds, deliveriesPerSec: seed.rowsPerSec },
      },
    };
  },
});
