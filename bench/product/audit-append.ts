import { AuditService, Actor } from '@naskah/audit';
import { SystemClock } from '@naskah/core';
import { percentiles, registerBench, runConcurrentStats } from '../harness';

const round = (ms: number) => Math.round(ms * 10) / 10;
const ACTOR: Actor = { userId: 1, positionId: 1, capacity: 'SENDIRI', requestId: 'bench' };

registerBench({
  name: 'audit-append-c32',
  kind: 'product',
  description: 'audit events/s appended through AuditService.record (one event per transaction, a new entity each) by 32 concurrent writers; the chain is verified afterwards',
  rawOf: 'insert-single-c32',
  run: async (ctx) => {
    const audit = new AuditService(ctx.dataSource, ctx.config, new SystemClock());
    let n = 0;
    const append = () =>
      ctx.dataSource.transaction((em) =>
        audit.record(em, ACTOR, {
          action: 'LETTER_CREATED',
          entityType: 'letter',
          entityId: ++n,
          officeId: (n % 553) + 1,
          after: { subject: `Undangan rapat koordinasi ${n}`, securityClass: 'BIASA', draft: true },
        }),
      );
    // warm-up, one writer: creates the head rows of the chains before the concurrent run
    await runConcurrentStats(1, 300, append);
    const latencies: number[] = [];
    const s = await runConcurrentStats(32, ctx.duration(5000), async () => {
      const t0 = performance.now();
      await append();
      latencies.push(performance.now() - t0);
    });
    const p = percentiles(latencies);
    const v = await audit.verify();
    if (!v.ok) throw new Error(`audit chain does not verify: ${v.problems.slice(0, 3).join('; ')}`);
    return { value: s.opsPerSec, unit: 'events/s', extra: { events: s.ops, latencyMs: { p50: round(p.p50), p99: round(p.p99) }, streams: v.streams, verified: v.checked, shards: ctx.config.AUDIT_SHARDS } };
  },
});
