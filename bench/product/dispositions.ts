import { DataSource } from 'typeorm';
import { DispositionsService } from '@naskah/disposition';
import { percentiles, registerBench, since } from '../harness';
import { numbers } from '../lib/numbers';
import { officeIdOf, positionIdOf, principalOf, startProductApi } from '../lib/product-apps';

const round = (ms: number) => Math.round(ms * 10) / 10;
const CONCURRENCY = 32;

/**
 * Dispositions issued per second through DispositionsService.issue — the whole command: the
 * recipient's capacity, the instruction list, the "below in the same office" rule, the working-day
 * deadline, the row and its tree path, the letter access grant, four outbox jobs (the notification
 * and three reminders) and the hash-chained audit event, one transaction each — by 32 concurrent
 * leaders' requests, each on its own received letter (as in an office: many letters, one tree each).
 */
registerBench({
  name: 'dispositions-issued-c32',
  kind: 'product',
  description:
    'dispositions/s issued through DispositionsService.issue (rule checks, working-day deadline, row + path, access grant, 4 outbox jobs, audit event; one transaction each), 32 concurrent, each on its own received letter',
  rawOf: 'insert-single-c32',
  run: async (ctx) => {
    const { app } = await startProductApi(ctx);
    const ds = app.get(DataSource);
    const service = app.get(DispositionsService);
    const ketua = await principalOf(app, 'ketua.52');
    const sekretaris = await positionIdOf(ds, '52', 'SEKRETARIS');
    const office = await officeIdOf(ds, '52');
    const ri = await officeIdOf(ds, 'RI');

    // N letters received by the Ketua of KPU Provinsi NTB (SIGNED letters from KPU RI, one
    // transmission, one delivery each), generated server-side with INSERT … SELECT (not timed).
    const n = ctx.quick ? 4_000 : 20_000;
    const tag = `bench-dispositions-${ctx.queuePrefix}`;
    const t0 = performance.now();
    const sekjen = await positionIdOf(ds, 'RI', 'SEKJEN');
    await ds.query(
      `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, signed_at)
       SELECT ?, ?, ?, 'SD', CONCAT('Undangan rapat koordinasi ', seq), ?, 'B', 'BIASA', 'PP.05', ?, 'SENT', CURRENT_TIMESTAMP(3) FROM ${await numbers(ctx, 1, n)}`,
      [ri, ketua.userId, sekjen, tag, sekjen],
    );
    const [{ lo, hi }] = await ds.query('SELECT MIN(id) AS lo, MAX(id) AS hi FROM letters WHERE body = ?', [tag]);
    const tx = await ds.query("INSERT INTO transmissions (letter_id, kind, from_office_id, target_count, dispatched_at) VALUES (?, 'SEND', ?, ?, CURRENT_TIMESTAMP(3))", [lo, ri, n]);
    const [{ agenda }] = await ds.query('SELECT COALESCE(MAX(agenda_number), 0) AS agenda FROM deliveries WHERE office_id = ?', [office]);
    await ds.query(
      `INSERT INTO deliveries (transmission_id, ordinal, letter_id, kind, office_id, position_id, agenda_year, agenda_number, sender_office_id, sender_name, subject, type_code, urgency, security_class)
       SELECT ?, l.id - ? + 1, l.id, 'TO', ?, ?, 9999, ? + l.id - ? + 1, ?, 'Komisi Pemilihan Umum', l.subject, 'SD', 'BIASA', 'B' FROM letters l WHERE l.id BETWEEN ? AND ?`,
      [tx.insertId, lo, office, ketua.positionId, Number(agenda), lo, ri, lo, hi],
    );
    const deliveries: string[] = (await ds.query('SELECT id FROM deliveries WHERE transmission_id = ? ORDER BY id', [tx.insertId])).map((r: { id: string }) => String(r.id));
    ctx.log(`${deliveries.length} received letters created in ${Math.round(since(t0))} ms`);

    const input = { recipientPositionIds: [sekretaris], instructionCodes: ['TINDAK_LANJUTI', 'KOORDINASIKAN'], note: 'Segera ditindaklanjuti.', priority: 'SEGERA' as const, workingDays: 5 };
    let next = 0;
    let errors = 0;
    let firstError: string | null = null;
    const latencies: number[] = [];
    const issueUntil = async (deadline: number, record: boolean) => {
      let done = 0;
      const loop = async () => {
        while (performance.now() < deadline && next < deliveries.length) {
          const id = deliveries[next++];
          const t = performance.now();
          try {
            await service.issue(ketua, id, input);
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
    await issueUntil(performance.now() + 400, false); // warm-up: pool, caches, audit chain heads
    const start = performance.now();
    const done = await issueUntil(start + ctx.duration(5000), true);
    const elapsed = since(start);
    if (errors) throw new Error(`${errors} issues failed; first: ${firstError}`);
    if (next >= deliveries.length) ctx.log('ran out of received letters before the time was up; the figure is a lower bound');

    // checks: one disposition per delivery used, each with its four outbox jobs and its audit event
    const [check] = await ds.query(
      `SELECT COUNT(*) AS dispositions, COUNT(DISTINCT d.delivery_id) AS deliveries,
         (SELECT COUNT(*) FROM outbox o WHERE o.job_name IN ('disposition-notify', 'disposition-reminder', 'disposition-escalation')) AS jobs,
         (SELECT COUNT(*) FROM audit_events a WHERE a.action = 'DISPOSITION_ISSUED') AS audited
       FROM dispositions d WHERE d.delivery_id BETWEEN ? AND ?`,
      [deliveries[0], deliveries[deliveries.length - 1]],
    );
    if (Number(check.dispositions) !== Number(check.deliveries) || Number(check.audited) !== Number(check.dispositions)) {
      throw new Error(`dispositions ${check.dispositions}, deliveries used ${check.deliveries}, audited ${check.audited}: they must be equal`);
    }
    const p = percentiles(latencies);
    return {
      value: (done * 1000) / elapsed,
      unit: 'dispositions/s',
      extra: { dispositions: Number(check.dispositions), audited: Number(check.audited), outboxJobs: Number(check.jobs), latencyMs: { p50: round(p.p50), p99: round(p.p99) }, concurrency: CONCURRENCY },
    };
  },
});
