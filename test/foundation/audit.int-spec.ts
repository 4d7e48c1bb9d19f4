import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, loadConfig, SystemClock } from '@naskah/core';
import { dataSourceOptions } from '@naskah/db';
import { Actor, AuditEventInput, AuditService, streamOf } from '@naskah/audit';

/**
 * The hash-chained audit trail against the real database. Every tamper test restores what it
 * broke and checks that the chain verifies again, so the detection is shown to be precise.
 */
describe('audit trail: hash chain and verify', () => {
  let ds: DataSource;
  let config: AppConfig;
  let audit: AuditService;
  const actor: Actor = { userId: 1, positionId: 2, capacity: 'SENDIRI', requestId: 'req-audit-test' };
  const run = randomUUID().slice(0, 8);
  const id = (name: string) => `${name}-${run}`;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 30 } as never)).initialize();
    config = loadConfig();
    audit = new AuditService(ds, config, new SystemClock());
  });
  afterAll(async () => {
    // A failed tamper test may leave a broken chain; do not let it break later suites in this database.
    if (!(await audit.verify()).ok) await ds.query('DELETE FROM audit_events').then(() => ds.query('DELETE FROM audit_heads'));
    await ds.destroy();
  });

  /** Like a service: reads first (which fixes a REPEATABLE READ snapshot), then records in the same transaction. */
  const change = (events: AuditEventInput | AuditEventInput[], who: Actor = actor) =>
    ds.transaction(async (em: EntityManager) => {
      await em.query('SELECT COUNT(*) AS n FROM offices');
      await audit.record(em, who, events);
    });

  /** Puts deleted rows back exactly as they were (JSON columns come back parsed). */
  const reinsert = async (rows: Record<string, unknown>[]) => {
    for (const row of rows) {
      const cols = Object.keys(row);
      const values = cols.map((c) => (c.endsWith('_state') && row[c] !== null ? JSON.stringify(row[c]) : row[c]));
      await ds.query(`INSERT INTO audit_events (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, values);
    }
  };
  const rowsOf = (type: string, entityId: string) =>
    ds.query('SELECT id, stream, seq, after_state FROM audit_events WHERE entity_type = ? AND entity_id = ? ORDER BY seq', [type, entityId]);

  it('records several entities in one transaction and keeps each history in order', async () => {
    const letter = id('letter');
    await change([
      { action: 'CREATED', entityType: 'test-letter', entityId: letter, officeId: 5, after: { status: 'DRAFT', hal: 'Undangan' } },
      { action: 'ATTACHED', entityType: 'test-file', entityId: id('file'), after: { name: 'lampiran.pdf' } },
    ]);
    await change({ action: 'SUBMITTED', entityType: 'test-letter', entityId: letter, officeId: 5, before: { status: 'DRAFT' }, after: { status: 'IN_REVIEW' } });
    await change({ action: 'APPROVED', entityType: 'test-letter', entityId: letter, officeId: 5, before: { status: 'IN_REVIEW' }, after: { status: 'APPROVED' } }, { userId: 9, positionId: 10, capacity: 'PLT' });

    const history = await audit.history('test-letter', letter);
    expect(history.map((e) => e.action)).toEqual(['CREATED', 'SUBMITTED', 'APPROVED']);
    expect(history[0]).toMatchObject({ actorUserId: 1, actorPositionId: 2, capacity: 'SENDIRI', officeId: 5, before: null, after: { status: 'DRAFT', hal: 'Undangan' } });
    expect(history[2]).toMatchObject({ actorUserId: 9, capacity: 'PLT', before: { status: 'IN_REVIEW' }, after: { status: 'APPROVED' } });
    expect(history[0].occurredAt).toBeInstanceOf(Date);
    expect(await audit.history('test-file', id('file'))).toEqual([expect.objectContaining({ action: 'ATTACHED', after: { name: 'lampiran.pdf' } })]);
    expect(await audit.history('test-letter', id('nobody'))).toEqual([]);
    expect((await audit.verify()).problems).toEqual([]);
  });

  it('chains 20 concurrent writers to one entity and to 20 entities without a fork or an error', async () => {
    const hot = id('hot');
    await Promise.all(Array.from({ length: 20 }, (_, i) => change({ action: `STEP_${i}`, entityType: 'test-hot', entityId: hot, after: { i } })));
    await Promise.all(Array.from({ length: 20 }, (_, i) => change({ action: 'CREATED', entityType: 'test-many', entityId: id(`many-${i}`), after: { i } })));

    const rows = await rowsOf('test-hot', hot);
    expect(rows).toHaveLength(20);
    const seqs = rows.map((r: { seq: string }) => Number(r.seq));
    expect(new Set(seqs).size).toBe(20);
    const report = await audit.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThanOrEqual(40);
  });

  it('starts a new chain safely when concurrent writers meet a stream without a head', async () => {
    const wide = new AuditService(ds, Object.assign(loadConfig(), { AUDIT_SHARDS: 1024 }), new SystemClock());
    const used = new Set((await ds.query('SELECT stream FROM audit_heads')).map((h: { stream: number }) => Number(h.stream)));
    let fresh = '';
    for (let i = 0; !fresh; i++) if (!used.has(streamOf('test-fresh', id(`fresh-${i}`), 1024))) fresh = id(`fresh-${i}`);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ds.transaction(async (em) => {
          await em.query('SELECT COUNT(*) AS n FROM offices');
          await wide.record(em, actor, { action: `STEP_${i}`, entityType: 'test-fresh', entityId: fresh });
        }),
      ),
    );
    expect(await rowsOf('test-fresh', fresh)).toHaveLength(10);
    expect((await audit.verify()).problems).toEqual([]);
  });

  it('reports no tampering while writers append during the verification', async () => {
    const writers = Promise.all(
      Array.from({ length: 40 }, (_, i) => change({ action: 'BUSY', entityType: 'test-busy', entityId: id(`busy-${i % 4}`), after: { i } })),
    );
    const reports = await Promise.all([audit.verify(1), audit.verify(2), audit.verify()]);
    await writers;
    for (const r of reports) expect(r.problems).toEqual([]);
  });

  describe('tamper detection', () => {
    /** Three events of one entity, consecutive in one stream. */
    async function chainOfThree(name: string) {
      const entityId = id(name);
      await change(['A', 'B', 'C'].map((step) => ({ action: `STEP_${step}`, entityType: 'test-tamper', entityId, after: { step } })));
      const rows = await rowsOf('test-tamper', entityId);
      expect(rows).toHaveLength(3);
      return { entityId, stream: Number(rows[0].stream), rows };
    }
    const problemsOf = async (stream: number) => (await audit.verify()).problems.filter((p) => p.startsWith(`stream ${stream}:`) || p.startsWith(`stream ${stream} `));

    it('detects an edited after_state and is clean again once it is restored', async () => {
      const { stream, rows } = await chainOfThree('edited');
      const middle = rows[1];
      await ds.query(`UPDATE audit_events SET after_state = '{"step":"X"}' WHERE id = ?`, [middle.id]);
      const report = await audit.verify();
      expect(report.ok).toBe(false);
      expect(await problemsOf(stream)).toEqual([expect.stringMatching(new RegExp(`seq ${middle.seq} \\(id ${middle.id}\\).*edited`))]);
      await ds.query('UPDATE audit_events SET after_state = ? WHERE id = ?', [JSON.stringify(middle.after_state), middle.id]);
      expect((await audit.verify()).problems).toEqual([]);
    });

    it('detects a re-ordered JSON document only when its meaning changed', async () => {
      const { rows } = await chainOfThree('reordered');
      await ds.query(`UPDATE audit_events SET after_state = '{ "step" : "A" }' WHERE id = ?`, [rows[0].id]);
      expect((await audit.verify()).problems).toEqual([]);
      await ds.query('UPDATE audit_events SET after_state = ? WHERE id = ?', [JSON.stringify(rows[0].after_state), rows[0].id]);
    });

    it('detects an edited actor', async () => {
      const { stream, rows } = await chainOfThree('actor');
      await ds.query('UPDATE audit_events SET actor_user_id = 999 WHERE id = ?', [rows[0].id]);
      expect(await problemsOf(stream)).toEqual([expect.stringContaining('edited')]);
      await ds.query('UPDATE audit_events SET actor_user_id = 1 WHERE id = ?', [rows[0].id]);
      expect((await audit.verify()).problems).toEqual([]);
    });

    it('detects a deleted middle row and is clean again once it is put back', async () => {
      const { stream, rows } = await chainOfThree('middle');
      const [saved] = await ds.query('SELECT * FROM audit_events WHERE id = ?', [rows[1].id]);
      await ds.query('DELETE FROM audit_events WHERE id = ?', [rows[1].id]);
      const problems = await problemsOf(stream);
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`seq ${rows[1].seq}\\.\\.${rows[1].seq} missing`)));
      await reinsert([saved]);
      expect((await audit.verify()).problems).toEqual([]);
    });

    it('detects a deleted last row of a stream (the head no longer matches)', async () => {
      const { stream, rows } = await chainOfThree('last');
      const [saved] = await ds.query('SELECT * FROM audit_events WHERE id = ?', [rows[2].id]);
      await ds.query('DELETE FROM audit_events WHERE id = ?', [rows[2].id]);
      expect(await problemsOf(stream)).toEqual([expect.stringMatching(/head says seq \d+, chain ends at \d+/)]);
      await reinsert([saved]);
      expect((await audit.verify()).problems).toEqual([]);
    });

    it('detects a whole stream deleted while its head remains', async () => {
      const { stream } = await chainOfThree('wholestream');
      const saved = await ds.query('SELECT * FROM audit_events WHERE stream = ? ORDER BY seq', [stream]);
      await ds.query('DELETE FROM audit_events WHERE stream = ?', [stream]);
      expect(await problemsOf(stream)).toEqual([expect.stringMatching(/chain ends at 0/)]);
      await reinsert(saved);
      expect((await audit.verify()).problems).toEqual([]);
    });
  });
});
