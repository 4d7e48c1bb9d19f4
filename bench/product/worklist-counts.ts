import { WorklistService } from '@naskah/worklist';
import { percentiles, registerBench } from '../harness';
import { ensureInboxSeed, INBOX_USER } from '../lib/inbox-seed';
import { principalOf, startProductApi } from '../lib/product-apps';

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Users whose Beranda counters are measured over the 1,000,000-delivery data set: KPU Provinsi NTB's
 * Sekretaris (10,000 deliveries: unread, to forward, not yet followed up), its Ketua (dispositions,
 * signatures), its archivist (belum diberkaskan over everything the office sent and received) and a
 * Kab/Kota drafter (drafts, returned).
 */
const USERS = [INBOX_USER, 'ketua.52', 'arsiparis.52', 'kasubbag.umum.5204'];

registerBench({
  name: 'worklist-counts-p99',
  kind: 'product',
  description:
    'GET /api/worklist counts through WorklistService.counts (every queue of every position the user acts for, one request) for 4 users of KPU Provinsi NTB and KPU Kabupaten Sumbawa over the 1,000,000-delivery data set; one request at a time; the figure is the worst p99 over the users. Raw floor: one COUNT over the measured position\'s unread index range',
  goal: { max: 50 },
  late: true,
  timeoutMs: 300_000,
  run: async (ctx) => {
    const inbox = await ensureInboxSeed(ctx);
    const { app } = await startProductApi(ctx);
    const worklist = app.get(WorklistService);
    const samples = ctx.quick ? 30 : 150;
    const perUser: Record<string, { p50: number; p99: number; total: number }> = {};
    const all: number[] = [];
    for (const user of USERS) {
      const p = await principalOf(app, user);
      let total = 0;
      for (let i = 0; i < 3; i++) total = (await worklist.counts(p)).total; // warm caches and plans
      const lat: number[] = [];
      for (let i = 0; i < samples; i++) {
        const t = performance.now();
        await worklist.counts(p);
        lat.push(performance.now() - t);
      }
      const st = percentiles(lat);
      perUser[user] = { p50: round(st.p50), p99: round(st.p99), total };
      all.push(...lat);
    }
    const raw: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await ctx.pool.query('SELECT COUNT(*) FROM deliveries WHERE position_id = ? AND read_at IS NULL', [inbox.measuredPositionId]);
      raw.push(performance.now() - t);
    }
    const rawP = percentiles(raw);
    const allP = percentiles(all);
    return {
      value: Math.max(...Object.values(perUser).map((u) => u.p99)),
      unit: 'ms',
      extra: {
        deliveries: inbox.deliveries,
        measuredPositionDeliveries: inbox.measuredDeliveries,
        samplesPerUser: samples,
        allUsers: { p50: round(allP.p50), p99: round(allP.p99) },
        rawUnreadCount: { p50: round(rawP.p50), p99: round(rawP.p99) },
        perUser,
      },
    };
  },
});
