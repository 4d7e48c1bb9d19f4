import { DataSource } from 'typeorm';
import { SigningService } from '@naskah/correspondence';
import { percentiles, registerBench, since } from '../harness';
import { numbers } from '../lib/numbers';
import { countRoundTrips, discardRenderJobs, officeIdOf, positionIdOf, principalOf, startProductApi } from '../lib/product-apps';

const round = (ms: number) => Math.round(ms * 10) / 10;
const CONCURRENCY = 32;

registerBench({
  name: 'letters-numbered-c32',
  kind: 'product',
  description:
    'letters signed and numbered per second through SigningService.signConfirmed (the signing transaction after password re-confirmation: BatchSql, 2 round trips, the counter taken and released inside the last one), ONE counter (KPU RI · SD · this year), 32 concurrent signers; 0 duplicate and 0 missing numbers checked afterwards',
  rawOf: 'counter-one-trip-c32',
  goal: { ratio: 0.5 },
  run: async (ctx) => {
    const { app } = await startProductApi(ctx);
    const ds = app.get(DataSource);
    const signing = app.get(SigningService);
    const signer = await principalOf(app, 'sekjen.ri');
    const drafter = await principalOf(app, 'staf.umum.ri');
    ctx.onCleanup(() => discardRenderJobs(ds));

    // N APPROVED letters of one office and type, signer = the Sekretaris Jenderal: generated in one
    // INSERT … SELECT (not timed). More than the run can sign, so no signer ever waits for work.
    const n = ctx.quick ? 8_000 : 30_000;
    const tag = `bench-numbering-${ctx.queuePrefix}`;
    const officeId = await officeIdOf(ds, 'RI');
    const sekjen = await positionIdOf(ds, 'RI', 'SEKJEN');
    const t0 = performance.now();
    await ds.query(
      `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, review_round)
       SELECT ?, ?, ?, 'SD', CONCAT('Undangan rapat koordinasi tahapan ', seq), ?, 'B', 'BIASA', 'PP.05', ?, 'APPROVED', 1 FROM ${await numbers(ctx, 1, n)}`,
      [officeId, drafter.userId, drafter.positionId, tag, sekjen],
    );
    const ids: string[] = (await ds.query('SELECT id FROM letters WHERE body = ? ORDER BY id', [tag])).map((r: { id: string }) => String(r.id));
    ctx.log(`${ids.length} APPROVED letters created in ${Math.round(since(t0))} ms`);

    let next = 0;
    let errors = 0;
    let firstError: string | null = null;
    const latencies: number[] = [];
    const signUntil = async (deadline: number, record: boolean) => {
      let done = 0;
      const loop = async () => {
        while (performance.now() < deadline && next < ids.length) {
          const id = ids[next++];
          const t = performance.now();
          try {
            await signing.signConfirmed(signer, id);
            done++;
            if (record) latencies.push(performance.now() - t);
          } catch (err) {
            errors++;
            firstError ??= (err as Error).message;
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, loop));
      return done;
    };

    await signUntil(performance.now() + 300, false); // warm-up: same path, same counter
    const rt = countRoundTrips(ctx, /^INSERT INTO number_counters/m);
    rt.on = true;
    const start = performance.now();
    const signed = await signUntil(start + ctx.duration(5000), true);
    const elapsed = since(start);
    rt.on = false;
    if (next >= ids.length) ctx.log(`WARNING: all ${ids.length} letters were signed before the time was up; raise n`);

    // Every number of the counter handed out exactly once: 1..max, no duplicate, counter = max.
    const [one] = await ds.query("SELECT counter_key, number FROM letters WHERE body = ? AND status = 'SIGNED' LIMIT 1", [tag]);
    const [s] = await ds.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT number_seq) AS seqs, COUNT(DISTINCT number) AS texts, MIN(number_seq) AS lo, MAX(number_seq) AS hi FROM letters WHERE counter_key = ?',
      [one.counter_key],
    );
    const [c] = await ds.query('SELECT value FROM number_counters WHERE scope_key = ?', [one.counter_key]);
    const total = Number(s.n);
    const duplicates = total - Number(s.seqs) + (total - Number(s.texts));
    const missing = Number(s.hi) - Number(s.seqs) + (Number(s.lo) === 1 ? 0 : 1);
    const [{ signedLetters }] = await ds.query("SELECT COUNT(*) AS signedLetters FROM letters WHERE body = ? AND status = 'SIGNED'", [tag]);
    if (duplicates || missing || Number(c.value) !== Number(s.hi) || Number(signedLetters) !== total) {
      throw new Error(`numbers not gapless: ${duplicates} duplicates, ${missing} missing, counter ${c.value} vs max ${s.hi}, ${signedLetters} signed letters vs ${total} numbered`);
    }
    if (errors) ctx.log(`${errors} signings failed, first: ${firstError}`);
    const p = percentiles(latencies);
    const held = percentiles(rt.lockHeldMs);
    return {
      value: (signed * 1000) / elapsed,
      unit: 'letters/s',
      extra: {
        letters: signed,
        numbered: total,
        duplicates,
        missing,
        errors,
        ...(firstError ? { firstError } : {}),
        counter: one.counter_key,
        sampleNumber: one.number,
        latencyMs: { p50: round(p.p50), p99: round(p.p99) },
        roundTripsPerLetter: round(rt.total / Math.max(1, rt.transactions)),
        roundTripsWhileCounterLocked: round(rt.whileLocked / Math.max(1, rt.lockedTransactions)),
        ...(rt.lockHeldMs.length ? { counterLockHeldMs: { p50: round(held.p50), p99: round(held.p99) } } : {}),
        // taken and released inside one round trip: the server-side hold cannot be timed from here;
        // on one counter its mean is at most the mean interval between two signings
        ...(rt.lockedInOneTrip ? { counterLockedInOneTrip: rt.lockedInOneTrip, counterLockHeldMeanMsAtMost: round(elapsed / Math.max(1, signed)) } : {}),
      },
    };
  },
});
