import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig, SystemClock } from '@naskah/core';
import { BatchSql, dataSourceOptions, sqlStatement } from '@naskah/db';
import { Actor, AuditService, SqlDigits, deferredText, eventHash } from '@naskah/audit';

/**
 * BatchSql: transactions whose statements travel several per round trip (multipleStatements, a
 * pool of its own), and the audit append written inside such a batch, against the real database.
 */
describe('batch transactions (multi-statement round trips)', () => {
  let ds: DataSource;
  let config: AppConfig;
  let batch: BatchSql;
  let audit: AuditService;
  const table = `batch_sql_test_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 4 } as never)).initialize();
    config = loadConfig();
    batch = new BatchSql(config);
    audit = new AuditService(ds, config, new SystemClock());
    await ds.query(`CREATE TABLE ${table} (id INT UNSIGNED NOT NULL PRIMARY KEY, label VARCHAR(200) NOT NULL) ENGINE=InnoDB`);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${table}`);
    await batch.onApplicationShutdown();
    await ds.destroy();
  });

  it('refuses statement text that is not plain code with ? placeholders', () => {
    expect(() => sqlStatement('SELECT 1; DROP TABLE letters')).toThrow(/without ;/);
    expect(() => sqlStatement("SELECT 'x'")).toThrow(/quotes/);
    expect(() => sqlStatement('SELECT 1 -- comment')).toThrow(/comments/);
    expect(() => sqlStatement('SELECT 1 /* c */')).toThrow(/comments/);
    expect(() => sqlStatement('SELECT ?? FROM t', ['id'])).toThrow(/\?\?/);
    expect(() => sqlStatement('SELECT ?, ?', [1])).toThrow(/2 placeholders and 1 values/);
    expect(() => sqlStatement('SELECT ?', [{ id: 1 }])).toThrow(/not a scalar/);
    expect(() => sqlStatement('SELECT ?', [[1, 2]])).toThrow(/not a scalar/);
    expect(sqlStatement('SELECT ?', [null]).params).toEqual([null]);
  });

  it('keeps hostile values as data: quotes, semicolons, backslashes and comments are never SQL', async () => {
    const hostile = ["x'); DROP TABLE letters; --", 'a\\\'; SELECT 1; #', '\\', "'", '"; DELETE FROM users; /*', 'multi\nline ✓ 😀'];
    await batch.transaction((tx) => tx.commit(hostile.map((label, i) => sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [i + 1, label]))));
    const rows = await ds.query(`SELECT label FROM ${table} ORDER BY id`);
    expect(rows.map((r: { label: string }) => r.label)).toEqual(hostile);
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM letters'))[0].n)).toBeGreaterThanOrEqual(0); // still there
    await ds.query(`DELETE FROM ${table}`);
  });

  it('sends several statements in one round trip and returns one result per statement', async () => {
    const results = await batch.transaction((tx) => tx.commit([
      sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [1, 'satu']),
      sqlStatement('SET @naskah_test_v = ?', [41]),
      sqlStatement('SELECT @naskah_test_v + 1 AS v'),
      sqlStatement(`SELECT label FROM ${table} WHERE id = ?`, [1]),
    ]));
    expect(results).toHaveLength(4);
    expect(results[0].affectedRows).toBe(1);
    expect(Number(results[2][0].v)).toBe(42);
    expect(results[3]).toEqual([{ label: 'satu' }]);
    await ds.query(`DELETE FROM ${table}`);
  });

  it('rolls back the whole transaction when a statement in the middle of the final batch fails, and the connection is reusable', async () => {
    await ds.query(`INSERT INTO ${table} (id, label) VALUES (1, 'ada')`);
    const attempt = batch.transaction(async (tx) => {
      await tx.send([sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [2, 'dua'])]);
      // 3 goes in, then 1 collides: COMMIT after it never runs
      await tx.commit([sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [3, 'tiga']), sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [1, 'lagi'])]);
    });
    await expect(attempt).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    expect((await ds.query(`SELECT id FROM ${table} ORDER BY id`)).map((r: { id: number }) => Number(r.id))).toEqual([1]);
    // every pooled connection still works and is not left inside the failed transaction
    await Promise.all(Array.from({ length: 8 }, (_, i) => batch.transaction((tx) => tx.commit([sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [10 + i, 'ok'])]))));
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n)).toBe(9);
    await ds.query(`DELETE FROM ${table}`);
  });

  it('commits when the work returns without committing, rolls back when it throws', async () => {
    await batch.transaction((tx) => tx.send([sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [1, 'kept'])]));
    await expect(batch.transaction(async (tx) => {
      await tx.send([sqlStatement(`INSERT INTO ${table} (id, label) VALUES (?, ?)`, [2, 'dropped'])]);
      throw new Error('work failed');
    })).rejects.toThrow('work failed');
    expect((await ds.query(`SELECT label FROM ${table} ORDER BY id`)).map((r: { label: string }) => r.label)).toEqual(['kept']);
    await ds.query(`DELETE FROM ${table}`);
  });

  it('appends an audit event whose text the database completes (digits spliced in), and the chain verifies', async () => {
    const actor: Actor = { userId: 7, positionId: 8, capacity: 'PLT', requestId: 'req-batch-ü' };
    const entityId = `batch-${randomUUID().slice(0, 8)}`;
    const occurredAt = new Date('2026-03-04T05:06:07.089Z');
    const statements = audit.recordStatements(actor, {
      action: 'LETTER_SIGNED', entityType: 'letter', entityId, officeId: 12,
      before: { status: 'APPROVED', note: 'kutip "ganda" \\ dan ✓ 😀' },
      after: { status: 'SIGNED', number: deferredText('No. "', new SqlDigits('@naskah_test_a'), '/ü\\', new SqlDigits('@naskah_test_b'), '/2026'), capacity: 'PLT' },
    }, occurredAt);
    await batch.transaction((tx) => tx.commit([sqlStatement('SET @naskah_test_a = ?, @naskah_test_b = ?', ['0042', '7']), ...statements]));
    const [row] = await ds.query('SELECT stream, seq, prev_hash, hash, occurred_at, after_state FROM audit_events WHERE entity_id = ?', [entityId]);
    const after = typeof row.after_state === 'string' ? JSON.parse(row.after_state) : row.after_state;
    expect(after).toEqual({ status: 'SIGNED', number: 'No. "0042/ü\\7/2026', capacity: 'PLT' });
    expect(row.hash).toBe(eventHash({
      stream: Number(row.stream), seq: Number(row.seq), prevHash: row.prev_hash, occurredAt, actorUserId: 7, actorPositionId: 8, capacity: 'PLT', officeId: 12,
      action: 'LETTER_SIGNED', entityType: 'letter', entityId, before: { status: 'APPROVED', note: 'kutip "ganda" \\ dan ✓ 😀' }, after, requestId: 'req-batch-ü',
    }));
    const [head] = await ds.query('SELECT seq, hash FROM audit_heads WHERE stream = ?', [row.stream]);
    expect([Number(head.seq), head.hash]).toEqual([Number(row.seq), row.hash]);
    // a normal append after it continues the same chain
    await ds.transaction((em) => audit.record(em, actor, { action: 'LETTER_RENDERED', entityType: 'letter', entityId }));
    expect((await audit.history('letter', entityId)).map((e) => e.action)).toEqual(['LETTER_SIGNED', 'LETTER_RENDERED']);
    expect(await audit.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses event text that already holds the reserved marker characters', () => {
    expect(() => audit.recordStatements({ userId: 1, positionId: 1, capacity: 'SENDIRI' }, { action: 'X', entityType: 'letter', entityId: 1, after: { text: 'a\uE0000\uE001b' } }))
      .toThrow(/reserved characters/);
    expect(() => new SqlDigits('@x; DROP')).toThrow(/not a session variable/);
  });
});
