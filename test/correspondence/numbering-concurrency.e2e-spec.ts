import { AuditService } from '@naskah/audit';
import { SigningService, renderNumber } from '@naskah/correspondence';
import { DelegationsService, UsersService, jakartaToday } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';

/**
 * Numbering under concurrency with failures after the number was taken: a trigger makes the
 * signing of some letters fail at the letter UPDATE, which runs after the counter increment in
 * the signing's final round trip, so those transactions roll back holding a number. Numbers must
 * still be unique and gapless, and every signed letter's audit event must carry its number.
 */
describe('letter numbering: unique and gapless under concurrency, with rollbacks mixed in', () => {
  let http: Http;
  const TRIGGER = 'naskah_test_fail_signing';

  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(async () => {
    await http.ds.query(`DROP TRIGGER IF EXISTS ${TRIGGER}`);
    await http.close();
  });

  /** KPU Kota Mataram: its office, its Ketua's position (the signer), the Ketua as principal and a drafter. */
  async function kotaMataram(requestId: string) {
    const ds = http.ds;
    const [{ officeId, signerPos }] = await ds.query(
      "SELECT o.id AS officeId, p.id AS signerPos FROM offices o JOIN positions p ON p.office_id = o.id AND p.code = 'KETUA' WHERE o.code = '5271'",
    );
    const [signerUser] = await ds.query("SELECT id FROM users WHERE username = 'ketua.5271'");
    const [drafter] = await ds.query("SELECT id, position_id FROM users WHERE username = 'staf.umum.5271'");
    const signer = await http.app.get(UsersService).principal(Number(signerUser.id), requestId);
    return { ds, signing: http.app.get(SigningService), officeId, signerPos, drafter, signer };
  }

  it('40 letters, 16 signing at once, every 4th failing after numbering: signed ones numbered 1..30 of the counter, no gap, no duplicate', async () => {
    const { ds, signing, officeId, signerPos, drafter, signer } = await kotaMataram('test-numbering');
    const tag = `numbering-concurrency-${Date.now()}`;
    for (let i = 0; i < 40; i++) {
      await ds.query(
        `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, review_round)
         VALUES (?, ?, ?, 'ST', ?, ?, 'B', 'BIASA', 'PY.01.1', ?, 'APPROVED', 1)`,
        [officeId, drafter.id, drafter.position_id, `${i % 4 === 3 ? 'GAGAL' : 'Tugas'} ${i}`, tag, signerPos],
      );
    }
    const ids: string[] = (await ds.query('SELECT id FROM letters WHERE body = ? ORDER BY id', [tag])).map((r: { id: string }) => String(r.id));
    await ds.query(`DROP TRIGGER IF EXISTS ${TRIGGER}`);
    await ds.query(
      `CREATE TRIGGER ${TRIGGER} BEFORE UPDATE ON letters FOR EACH ROW
       IF NEW.status = 'SIGNED' AND OLD.status = 'APPROVED' AND OLD.subject LIKE 'GAGAL %' THEN
         SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'test: signing fails after numbering';
       END IF`,
    );
    const [before] = await ds.query("SELECT value FROM number_counters WHERE scope_key LIKE CONCAT('letter|office=', ?, '|type=ST|%')", [officeId]);
    const base = before ? Number(before.value) : 0;

    // 16 workers over the 40 letters
    let next = 0;
    const outcome = new Map<string, string>();
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        outcome.set(id, await signing.signConfirmed(signer, id).then(() => 'ok', (err: Error) => err.message));
      }
    }));
    await ds.query(`DROP TRIGGER IF EXISTS ${TRIGGER}`);

    const failed = ids.filter((_, i) => i % 4 === 3);
    expect(failed.map((id) => outcome.get(id))).toEqual(failed.map(() => 'test: signing fails after numbering'));
    expect(ids.filter((_, i) => i % 4 !== 3).map((id) => outcome.get(id))).toEqual(Array(30).fill('ok'));

    const rows = await ds.query('SELECT id, status, number, number_seq, counter_key, signed_at FROM letters WHERE body = ? ORDER BY number_seq', [tag]);
    const signed = rows.filter((r: { status: string }) => r.status === 'SIGNED');
    expect(signed).toHaveLength(30);
    expect(signed.map((r: { number_seq: string }) => Number(r.number_seq))).toEqual(Array.from({ length: 30 }, (_, i) => base + i + 1));
    const [counter] = await ds.query('SELECT value FROM number_counters WHERE scope_key = ?', [signed[0].counter_key]);
    expect(Number(counter.value)).toBe(base + 30); // the rolled-back increments are gone
    for (const r of signed) expect(r.number).toBe(renderNumber('{seq}/{classification}-{type}/{region}/{year}', { seq: Number(r.number_seq), classification: 'PY.01.1', type: 'ST', region: '5271', date: r.signed_at }));
    // the failed ones are untouched: no number, no render job, no audit event
    const untouched = rows.filter((r: { status: string }) => r.status !== 'SIGNED');
    expect(untouched.map((r: { id: string; status: string; number: string | null }) => [String(r.id), r.status, r.number])).toEqual(failed.map((id) => [id, 'APPROVED', null]));
    expect(Number((await ds.query(`SELECT COUNT(*) AS n FROM outbox WHERE job_name = 'render-letter' AND job_id IN (${failed.map(() => '?').join(',')})`, failed.map((id) => `render-letter_${id}`)))[0].n)).toBe(0);

    // every signed letter has exactly one LETTER_SIGNED event carrying its number; the chain verifies
    const audit = http.app.get(AuditService);
    for (const r of signed) {
      const events = (await audit.history('letter', r.id)).filter((e) => e.action === 'LETTER_SIGNED');
      // contentSha256: what was signed (subject, body, body document, typed fields), fixed in the trail
      expect(events.map((e) => e.after)).toEqual([{ status: 'SIGNED', number: r.number, capacity: 'SENDIRI', contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    }
    for (const id of failed) expect(await audit.history('letter', id)).toEqual([]);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('signs through an active Plh (capacity recorded in the letter and its audit event), refuses others, and refuses twice', async () => {
    const { ds, signing, officeId, signerPos } = await kotaMataram('test-plh');
    const [delegate] = await ds.query("SELECT id, position_id FROM users WHERE username = 'sekretaris.5271'");
    const [other] = await ds.query("SELECT id FROM users WHERE username = 'staf.umum.5271'");
    const principal = (id: number) => http.app.get(UsersService).principal(Number(id), 'test-plh');
    const [res] = [await ds.query(
      `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, review_round)
       VALUES (?, ?, ?, 'ND', 'Nota dinas Plh', 'isi', 'B', 'BIASA', 'PY.01.1', ?, 'APPROVED', 1)`,
      [officeId, other.id, delegate.position_id, signerPos],
    )];
    const id = String(res.insertId);
    await expect(signing.signConfirmed(await principal(delegate.id), id)).rejects.toMatchObject({ code: 'NOT_THE_SIGNER' });
    const today = jakartaToday(new Date());
    const plh = await http.app.get(DelegationsService).create({ userId: 1, positionId: null, capacity: 'SYSTEM' }, { userId: Number(delegate.id), positionId: Number(signerPos), kind: 'PLH', startsOn: today, endsOn: today });
    await expect(signing.signConfirmed(await principal(other.id), id)).rejects.toMatchObject({ code: 'NOT_THE_SIGNER' });
    await signing.signConfirmed(await principal(delegate.id), id);
    const [l] = await ds.query('SELECT status, number, signed_capacity, signed_by_user_id FROM letters WHERE id = ?', [id]);
    expect(l).toMatchObject({ status: 'SIGNED', signed_capacity: 'PLH', signed_by_user_id: Number(delegate.id) });
    const [event] = (await http.app.get(AuditService).history('letter', id)).filter((e) => e.action === 'LETTER_SIGNED');
    expect(event).toMatchObject({ capacity: 'PLH', actorUserId: Number(delegate.id), actorPositionId: Number(signerPos), after: { status: 'SIGNED', number: l.number, capacity: 'PLH' } });
    await expect(signing.signConfirmed(await principal(delegate.id), id)).rejects.toMatchObject({ code: 'ALREADY_SIGNED' });
    await expect(signing.signConfirmed(await principal(delegate.id), '999999999')).rejects.toMatchObject({ code: 'LETTER_NOT_FOUND' });
    // later suites share this database: the Sekretaris must not go on acting for the Ketua
    await http.app.get(DelegationsService).revoke({ userId: 1, positionId: null, capacity: 'SYSTEM' }, Number(plh.id));
  });

  it('a number already taken (issued under another template or counter scope) is passed over, never reused: the counter moves past it (issue 12 item 7)', async () => {
    const { ds, signing, officeId, signerPos, drafter, signer } = await kotaMataram('test-collision');
    const insert = async (subject: string) => String((await ds.query(
      `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, review_round)
       VALUES (?, ?, ?, 'LP', ?, 'isi', 'B', 'BIASA', 'PY.01.1', ?, 'APPROVED', 1)`,
      [officeId, drafter.id, drafter.position_id, subject, signerPos],
    )).insertId);
    const first = await insert('Laporan pertama');
    await signing.signConfirmed(signer, first);
    const [one] = await ds.query('SELECT number, number_seq, counter_key FROM letters WHERE id = ?', [first]);
    const numbered = (seq: number) => one.number.replace(/^\d+\//, `${seq}/`);
    // a letter already holding the next number of this counter (as an earlier template or counter scope would leave)
    const next = numbered(Number(one.number_seq) + 1);
    const holder = await insert('Pemegang nomor');
    await ds.query('UPDATE letters SET number = ? WHERE id = ?', [next, holder]);
    const second = await insert('Laporan kedua');
    await signing.signConfirmed(signer, second);
    const [two] = await ds.query('SELECT status, number, number_seq FROM letters WHERE id = ?', [second]);
    expect([two.status, two.number, Number(two.number_seq)]).toEqual(['SIGNED', numbered(Number(one.number_seq) + 2), Number(one.number_seq) + 2]);
    expect((await ds.query('SELECT number FROM letters WHERE id = ?', [holder]))[0].number).toBe(next);
    expect(Number((await ds.query('SELECT value FROM number_counters WHERE scope_key = ?', [one.counter_key]))[0].value)).toBe(Number(one.number_seq) + 2);
    const [event] = (await http.app.get(AuditService).history('letter', second)).filter((e) => e.action === 'LETTER_SIGNED');
    expect(event.after).toMatchObject({ number: numbered(Number(one.number_seq) + 2) }); // the audit carries the number written
  });
});
