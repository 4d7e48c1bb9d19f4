import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig, loadConfig, SystemClock } from '@naskah/core';
import { dataSourceOptions } from '@naskah/db';
import { JobName, OutboxService, QueueName } from '@naskah/queue';
import {
  Actor, AuditCheckpointService, AuditService, AuditVerifyJob, checkpointName, DirectoryCheckpointStore, eventHash, generateCheckpointKey, signCheckpoint,
  SignedCheckpoint,
} from '@naskah/audit';
import { startApiAndWorker } from '@naskah/testing';
import { eventually } from '../../libs/testing/src/letters-fixture';

/**
 * The audit chain anchored outside the database: signed checkpoints of every chain head in a
 * directory, with a key file the database does not hold. The attacks here are what someone who can
 * write the database (and nothing else) can do; each test undoes its attack and shows the chain
 * verifies again, so detection is precise.
 */
describe('audit trail: signed checkpoints outside the database', () => {
  let ds: DataSource;
  let dir: string;
  let config: AppConfig;
  let audit: AuditService;
  let anchor: AuditCheckpointService;
  const actor: Actor = { userId: 1, positionId: 2, capacity: 'SENDIRI', requestId: 'req-anchor-test' };
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    Logger.overrideLogger(false); // services built by hand here log through Nest's default console logger
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 10 } as never)).initialize();
    dir = mkdtempSync(join(tmpdir(), 'naskah-anchor-'));
    config = Object.assign(loadConfig(), { AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'), AUDIT_CHECKPOINT_KEY_PATH: join(dir, 'keys', 'checkpoint-key.pem') });
    audit = new AuditService(ds, config, new SystemClock());
    anchor = new AuditCheckpointService(ds, config, new SystemClock(), audit, new DirectoryCheckpointStore(config.AUDIT_CHECKPOINT_DIR));
  });
  afterAll(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const change = (entityId: string, steps: string[]) =>
    ds.transaction(async (em) => {
      await em.query('SELECT 1');
      await audit.record(em, actor, steps.map((step) => ({ action: `STEP_${step}`, entityType: 'test-anchor', entityId, after: { step } })));
    });
  /** JSON columns as stored (text) and as hashed (parsed), whichever form the driver returns. */
  const asText = (v: unknown) => (v === null || typeof v === 'string' ? v : JSON.stringify(v));
  const asValue = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const checkpointFiles = () => readdirSync(config.AUDIT_CHECKPOINT_DIR).filter((n) => n.endsWith('.json')).sort();

  /** Three events of a fresh entity (consecutive in one stream), then a checkpoint of every head. */
  async function anchoredChainOfThree(name: string) {
    const entityId = `${name}-${run}`;
    await change(entityId, ['A', 'B', 'C']);
    const rows = await ds.query("SELECT id, stream, seq FROM audit_events WHERE entity_type = 'test-anchor' AND entity_id = ? ORDER BY seq", [entityId]);
    expect((await anchor.checkpoint()).name).not.toBeNull();
    return { stream: Number(rows[0].stream), rows: rows.map((r: { id: string; seq: string }) => ({ id: String(r.id), seq: Number(r.seq) })) };
  }

  /**
   * The attack: from `fromSeq` on, every row of the stream is rewritten (`edit` on the first) and
   * its hash, the next rows' prev_hash/hash and the head are recomputed as the product computes
   * them, so the chain alone verifies. Returns what puts it all back.
   */
  async function rewriteChain(stream: number, fromSeq: number, edit: (row: Record<string, any>) => void, dropTail = 0) {
    const saved = await ds.query('SELECT * FROM audit_events WHERE stream = ? AND seq >= ? ORDER BY seq', [stream, fromSeq]);
    const [head] = await ds.query('SELECT seq, hash FROM audit_heads WHERE stream = ?', [stream]);
    const keep = saved.slice(0, saved.length - dropTail);
    let prevHash: string = saved[0].prev_hash;
    for (const [i, original] of keep.entries()) {
      const row = { ...original, before_state: asValue(original.before_state), after_state: asValue(original.after_state) };
      if (i === 0) edit(row);
      const hash = eventHash({
        stream, seq: Number(row.seq), prevHash, occurredAt: row.occurred_at, actorUserId: row.actor_user_id, actorPositionId: row.actor_position_id,
        capacity: row.capacity, officeId: row.office_id, action: row.action, entityType: row.entity_type, entityId: row.entity_id,
        before: row.before_state, after: row.after_state, requestId: row.request_id,
      });
      await ds.query('UPDATE audit_events SET after_state = ?, action = ?, prev_hash = ?, hash = ? WHERE id = ?', [JSON.stringify(row.after_state), row.action, prevHash, hash, row.id]);
      prevHash = hash;
    }
    const dropped = saved.slice(keep.length);
    if (dropped.length) await ds.query(`DELETE FROM audit_events WHERE id IN (${dropped.map(() => '?').join(',')})`, dropped.map((r: { id: string }) => r.id));
    await ds.query('UPDATE audit_heads SET seq = ?, hash = ? WHERE stream = ?', [Number(saved[0].seq) + keep.length - 1, prevHash, stream]);
    return async () => {
      for (const r of saved.slice(0, keep.length)) {
        await ds.query('UPDATE audit_events SET after_state = ?, action = ?, prev_hash = ?, hash = ? WHERE id = ?', [asText(r.after_state), r.action, r.prev_hash, r.hash, r.id]);
      }
      for (const r of dropped) {
        const cols = Object.keys(r);
        await ds.query(`INSERT INTO audit_events (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => (c.endsWith('_state') ? asText(r[c]) : r[c])));
      }
      await ds.query('UPDATE audit_heads SET seq = ?, hash = ? WHERE stream = ?', [head.seq, head.hash, stream]);
    };
  }

  it('signs every chain head with a key file (0600) the database does not hold, and verifies untouched data', async () => {
    await change(`untouched-${run}`, ['A', 'B']);
    const cp = await anchor.checkpoint();
    expect(cp.name).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}\.json$/);
    expect(statSync(config.AUDIT_CHECKPOINT_KEY_PATH).mode & 0o777).toBe(0o600);
    const stored: SignedCheckpoint = JSON.parse(readFileSync(join(config.AUDIT_CHECKPOINT_DIR, cp.name!), 'utf8'));
    const heads = await ds.query('SELECT stream, seq, hash FROM audit_heads ORDER BY stream');
    expect(stored.heads).toEqual(heads.map((h: { stream: number; seq: string; hash: string }) => [Number(h.stream), Number(h.seq), h.hash]));
    expect(stored.keyId).toBe(anchor.signingKey().keyId);
    expect(stored.signature).toEqual(expect.any(String));

    const report = await anchor.verify();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, checkpoints: checkpointFiles().length });
    // no head moved: nothing new to sign
    expect((await anchor.checkpoint()).name).toBeNull();
  });

  it('still verifies when events were appended after a checkpoint, and anchors them in the next one', async () => {
    const { rows } = await anchoredChainOfThree('appended');
    await change(`appended-${run}`, ['D', 'E']);
    await change(`appended-other-${run}`, ['A']);
    expect((await anchor.verify()).problems).toEqual([]);
    expect((await anchor.checkpoint()).name).not.toBeNull();
    const report = await anchor.verify();
    expect(report.problems).toEqual([]);
    expect(report.checkpoints).toBeGreaterThanOrEqual(2);
    expect(rows).toHaveLength(3);
  });

  it('detects a row rewritten with its whole chain and head recomputed, naming the stream and seq', async () => {
    const { stream, rows } = await anchoredChainOfThree('rewritten');
    const restore = await rewriteChain(stream, rows[1].seq, (row) => {
      row.after_state = { step: 'X' };
    });
    try {
      // the unkeyed chain alone cannot see it: every hash and the head were recomputed
      expect((await audit.verify()).problems).toEqual([]);
      const report = await anchor.verify();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([expect.stringMatching(new RegExp(`^stream ${stream} seq ${rows[2].seq} \\(id ${rows[2].id}\\): hash differs from signed checkpoint .*rewritten`))]);
    } finally {
      await restore();
    }
    expect((await anchor.verify()).problems).toEqual([]);
  });

  it('detects events deleted from the end of a chain with the head moved back', async () => {
    const { stream, rows } = await anchoredChainOfThree('truncated');
    const restore = await rewriteChain(stream, rows[2].seq, () => undefined, 1);
    try {
      expect((await audit.verify()).problems).toEqual([]);
      expect((await anchor.verify()).problems).toEqual([expect.stringMatching(new RegExp(`^stream ${stream} seq ${rows[2].seq}: in signed checkpoint .* chain ends at ${rows[1].seq}`))]);
    } finally {
      await restore();
    }
    expect((await anchor.verify()).problems).toEqual([]);
  });

  it('detects a forged checkpoint signed with another key, even one that claims the real key id', async () => {
    const { stream, rows } = await anchoredChainOfThree('forged');
    const restore = await rewriteChain(stream, rows[0].seq, (row) => {
      row.action = 'STEP_FORGED';
    });
    // the attacker also signs the rewritten heads with a key of their own, once under their key id, once under ours
    const heads = (await ds.query('SELECT stream, seq, hash FROM audit_heads ORDER BY stream')).map((h: { stream: number; seq: string; hash: string }) => [Number(h.stream), Number(h.seq), h.hash]);
    const theirs = generateCheckpointKey();
    const own = signCheckpoint(heads, new Date(), 'SCHEDULE', theirs);
    const spoofed = signCheckpoint(heads, new Date(), 'SCHEDULE', { ...theirs, keyId: anchor.signingKey().keyId });
    const forged = [checkpointName(new Date()), checkpointName(new Date())];
    writeFileSync(join(config.AUDIT_CHECKPOINT_DIR, forged[0]), JSON.stringify(own));
    writeFileSync(join(config.AUDIT_CHECKPOINT_DIR, forged[1]), JSON.stringify(spoofed));
    try {
      const problems = (await anchor.verify()).problems;
      expect(problems).toContainEqual(`checkpoint ${forged[0]}: signed with key "${theirs.keyId}", not the checkpoint key ${anchor.signingKey().keyId} (forged or from another deployment)`);
      expect(problems).toContainEqual(`checkpoint ${forged[1]}: signature does not verify with key ${anchor.signingKey().keyId} (forged or altered)`);
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^stream ${stream} seq ${rows[2].seq} .*signed checkpoint`)));
      expect(problems).toHaveLength(3);
    } finally {
      await restore();
      for (const f of forged) unlinkSync(join(config.AUDIT_CHECKPOINT_DIR, f));
    }
    expect((await anchor.verify()).problems).toEqual([]);
  });

  it('refuses to sign with the document signing key', () => {
    const same = new AuditCheckpointService(ds, Object.assign(loadConfig(), { AUDIT_CHECKPOINT_KEY_PATH: config.SIGNING_KEY_PATH }), new SystemClock(), audit, new DirectoryCheckpointStore(dir));
    expect(() => same.signingKey()).toThrow(/must not be the document signing key/);
  });
});

describe('audit checkpoints in the worker', () => {
  it('registers the 10-minute checkpoint scheduler, runs checkpoint jobs, and checkpoints after the daily verify', async () => {
    const env = await startApiAndWorker();
    try {
      const config = env.worker.get(AppConfig);
      const files = () => readdirSync(config.AUDIT_CHECKPOINT_DIR, { withFileTypes: true }).filter((f) => f.name.endsWith('.json')).map((f) => f.name);
      const scheduler = await env.worker.get<Queue>(getQueueToken(QueueName.MAINTENANCE), { strict: false }).getJobScheduler('audit-checkpoint-10min');
      expect(scheduler).toMatchObject({ name: JobName.AUDIT_CHECKPOINT, pattern: '*/10 * * * *' });

      const before = (await env.worker.get(AuditCheckpointService).verify()).checkpoints ?? 0;
      // a new event moves a head, so the job has something to sign
      await env.ds.transaction(async (em) => {
        await env.worker.get(AuditService).record(em, { userId: null, positionId: null, capacity: 'SYSTEM' }, { action: 'TEST_CHECKPOINT', entityType: 'test-anchor-job', entityId: randomUUID() });
        await env.worker.get(OutboxService).add(em, JobName.AUDIT_CHECKPOINT, { reason: 'MANUAL' }, { key: `test-${randomUUID()}` });
      });
      env.worker.get(OutboxService).relaySoon();
      await eventually(async () => ((await env.worker.get(AuditCheckpointService).verify()).checkpoints! > before ? true : undefined), 'a checkpoint written by the job');

      await env.ds.transaction((em) => env.worker.get(AuditService).record(em, { userId: null, positionId: null, capacity: 'SYSTEM' }, { action: 'TEST_CHECKPOINT', entityType: 'test-anchor-job', entityId: randomUUID() }));
      const count = files().length;
      const result = await env.worker.get(AuditVerifyJob).run();
      expect(result).toMatchObject({ ok: true, problems: [] });
      expect(result.checkpoint?.name).toEqual(expect.any(String));
      expect(files()).toHaveLength(count + 1);
    } finally {
      await env.close();
    }
  });
});
