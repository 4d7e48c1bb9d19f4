import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@naskah/db';
import { DEMO_PASSWORD } from '@naskah/identity';
import { registerBench } from '../harness';
import { INBOX_USER } from '../lib/inbox-seed';
import { applyProductEnv } from '../lib/product-apps';
import { freePort, MariaDbServer, templateDatadir, waitFor, ROOT } from '../../libs/testing/src/processes';

const seconds = (quick: boolean) => (quick ? 2 : 8);
const LETTERS = 2000;
/** NASKAH_BENCH_REPLICA_PORTS=primary,replica pins the two MariaDB ports (default: free ones). */
const PORTS = (process.env.NASKAH_BENCH_REPLICA_PORTS ?? '').split(',').map(Number).filter((n) => n > 0);

/** A MariaDB in .data/bench/replicas/<name> on a copy of the migrated, seeded template data directory. */
async function server(name: string, port: number | undefined, args: string[]): Promise<MariaDbServer> {
  const dir = join(ROOT, '.data', 'bench', 'replicas', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'run'), { recursive: true });
  cpSync(await templateDatadir(), join(dir, 'mysql'), { recursive: true });
  const s = new MariaDbServer(dir, port ?? (await freePort()), { name, args });
  await s.start();
  return s;
}

registerBench({
  name: 'inbox-api-replica',
  kind: 'product',
  description:
    `authenticated req/s on GET /api/inbox (first page of 20, ${LETTERS} letters in the inbox) of the real API with its reads on a MariaDB binlog replica (DATABASE_REPLICA_URLS) ÷ the same API reading the primary, same primary/replica pair started for the bench on one machine (after a discarded warm-up: primary, replica, primary, replica; means), autocannon 50 connections`,
  timeoutMs: 240_000,
  run: async (ctx) => {
    // a primary with its binlog and a replica fed by GTID replication, both from the same template
    const servers: MariaDbServer[] = [];
    ctx.onCleanup(async () => {
      await Promise.allSettled(servers.map((s) => s.stop()));
      rmSync(join(ROOT, '.data', 'bench', 'replicas'), { recursive: true, force: true });
    });
    const primary = await server('primary', PORTS[0], ['--server-id=1', '--log-bin=bin', '--binlog-format=ROW']);
    servers.push(primary);
    const replica = await server('replica', PORTS[1], ['--server-id=2', '--read-only=1', '--relay-log=relay']);
    servers.push(replica);
    const pds = new DataSource(dataSourceOptions(primary.url(), { poolSize: 2 } as never));
    const rds = new DataSource(dataSourceOptions(replica.url(), { poolSize: 2 } as never));
    await Promise.all([pds.initialize(), rds.initialize()]);
    ctx.onCleanup(() => Promise.all([pds.destroy(), rds.destroy()]));
    await pds.query("CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'repl-bench'");
    await pds.query("GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'");
    await rds.query(`CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='repl', MASTER_PASSWORD='repl-bench', MASTER_USE_GTID=slave_pos`);
    await rds.query('START SLAVE');

    // the measured inbox: LETTERS sent letters, one delivery each to INBOX_USER's position (seeded on the primary, replicated)
    const [me] = await pds.query('SELECT p.id AS position_id, p.office_id FROM users u JOIN positions p ON p.id = u.position_id WHERE u.username = ?', [INBOX_USER]);
    const now = new Date();
    await pds.query(
      `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, number, number_seq, counter_key, signed_at, sent_at)
       SELECT 1 + seq % 553, 1, 1, 'ND', CONCAT('Laporan kesiapan pemilihan ', seq), 'Dengan hormat.', 'B', 'BIASA', 'PP.05', 1, 'SENT', CONCAT(seq, '/PP.05-ND/BR/2026'), seq, 'bench-replica', ?, ?
       FROM seq_1_to_${LETTERS}`,
      [now, now],
    );
    await pds.query(
      `INSERT INTO transmissions (letter_id, kind, from_office_id, from_position_id, by_user_id, by_capacity, target_count, created_at, dispatched_at)
       SELECT id, 'SEND', office_id, 1, 1, 'SENDIRI', 1, ?, ? FROM letters WHERE counter_key = 'bench-replica'`,
      [now, now],
    );
    await pds.query(
      `INSERT INTO deliveries (transmission_id, ordinal, letter_id, kind, office_id, position_id, status, agenda_year, agenda_number, sender_office_id, sender_name, subject, number, type_code, urgency, security_class, created_at)
       SELECT t.id, 1, l.id, 'TO', ?, ?, 'DELIVERED', 2026, l.number_seq, l.office_id, o.name, l.subject, l.number, l.type_code, l.urgency, 'B', TIMESTAMPADD(SECOND, l.number_seq, ?)
       FROM letters l JOIN transmissions t ON t.letter_id = l.id JOIN offices o ON o.id = l.office_id WHERE l.counter_key = 'bench-replica'`,
      [me.office_id, me.position_id, now],
    );
    await waitFor('the replica to hold the seeded inbox', async () => Number((await rds.query('SELECT COUNT(*) AS n FROM deliveries WHERE position_id = ?', [me.position_id]))[0].n) >= LETTERS, { timeoutMs: 60_000 });

    type Replicas = { replicas: { inUse: boolean; reads: number }[] };
    /** The real API (createApi) against the primary, with or without the replica; its inbox req/s. */
    const measure = async (withReplica: boolean, durationS = seconds(ctx.quick)) => {
      applyProductEnv(ctx);
      process.env.DATABASE_URL = primary.url();
      process.env.DATABASE_REPLICA_MAX_LAG_SECONDS = '5';
      if (withReplica) process.env.DATABASE_REPLICA_URLS = replica.url();
      else delete process.env.DATABASE_REPLICA_URLS;
      const { createApi } = require('../../apps/api/src/bootstrap') as typeof import('../../apps/api/src/bootstrap');
      const app = await createApi({ logger: false });
      try {
        await app.listen(0, '127.0.0.1');
        const addr = app.getHttpServer().address();
        if (!addr || typeof addr === 'string') throw new Error('API has no TCP address');
        const url = `http://127.0.0.1:${addr.port}`;
        if (withReplica) await waitFor('the API to take the replica into use', async () => ((await (await fetch(`${url}/health/replicas`)).json()) as Replicas).replicas[0]?.inUse === true, { timeoutMs: 15_000 });
        const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: INBOX_USER, password: DEMO_PASSWORD }) });
        if (login.status !== 200) throw new Error(`login ${INBOX_USER}: ${login.status}`);
        const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
        const probe = await fetch(`${url}/api/inbox`, { headers });
        const page = (await probe.json()) as { items?: unknown[] };
        if (probe.status !== 200 || page.items?.length !== 20) throw new Error(`GET /api/inbox: ${probe.status}, ${page.items?.length} items`);
        const r = await ctx.httpLoad({ url: `${url}/api/inbox`, connections: 50, durationS, headers });
        if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
        const replicaReads = withReplica ? ((await (await fetch(`${url}/health/replicas`)).json()) as Replicas).replicas[0].reads : 0;
        return { rps: r.reqPerSec, total: r.total, latencyMs: r.latencyMs, replicaReads };
      } finally {
        await app.close();
        delete process.env.DATABASE_REPLICA_URLS;
      }
    };
    // a discarded warm-up (the first API of the process compiles and loads everything: seen at a third of the later runs)
    await measure(true, 2);
    // alternated, so drift of the machine falls on both alike: primary, replica, primary, replica
    const runs: { replica: boolean; rps: number; total: number; latencyMs: object; replicaReads: number }[] = [];
    for (const withReplica of [false, true, false, true]) runs.push({ replica: withReplica, ...(await measure(withReplica)) });
    // every inbox request read its page from the replica (the viewer's positions stay on the primary)
    for (const r of runs.filter((x) => x.replica)) if (r.replicaReads < r.total) throw new Error(`only ${r.replicaReads} replica reads for ${r.total} requests`);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const onReplica = mean(runs.filter((r) => r.replica).map((r) => r.rps));
    const onPrimary = mean(runs.filter((r) => !r.replica).map((r) => r.rps));
    ctx.log(`inbox-api-replica: ${runs.map((r) => `${r.replica ? 'replica' : 'primary'} ${r.rps.toFixed(0)}`).join(', ')} req/s`);
    return {
      value: onReplica / onPrimary,
      unit: 'replica ÷ primary',
      extra: {
        replicaReqPerSec: Math.round(onReplica), primaryReqPerSec: Math.round(onPrimary), runs: runs.map((r) => ({ on: r.replica ? 'replica' : 'primary', reqPerSec: Math.round(r.rps), requests: r.total, latencyMs: r.latencyMs, replicaReads: r.replicaReads })),
        inboxLetters: LETTERS,
        note: 'one machine: primary and replica share its cores, so this measures the routing cost (Redis read-your-writes check, second pool), not the capacity a replica on its own host adds',
      },
    };
  },
});
