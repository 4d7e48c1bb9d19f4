import type { DataSource } from 'typeorm';

/**
 * TEST-ONLY fixture: writes a letter that is already SIGNED (with a number) straight into the
 * tables, bypassing drafting, review and signing, so dispatch/inbox tests do not depend on that
 * flow. Never use it outside tests: real letters get their number and signature from the signing
 * service.
 */
export type FixtureRecipient =
  | { office: string; position?: string; kind?: 'TO' | 'CC' }
  | { external: string; kind?: 'TO' | 'CC' };

export interface SignedLetterFixture {
  /** Office code of the sending office, e.g. '5204' or 'RI'. */
  office: string;
  drafter?: string;
  signer?: string;
  typeCode?: string;
  subject?: string;
  securityClass?: 'B' | 'T' | 'R' | 'SR';
  urgency?: 'BIASA' | 'SEGERA' | 'AMAT_SEGERA';
  to?: FixtureRecipient[];
  cc?: FixtureRecipient[];
  /** A circular: adds every other office (552 from KPU RI) as a TO recipient, after `to` and `cc`. */
  toAllOtherOffices?: boolean;
  /** false: signed but not rendered yet (no document, hash or signature), for a test that runs the render job itself. Default true. */
  rendered?: boolean;
}

const offices = new WeakMap<DataSource, Map<string, number>>();

export async function officeIdOf(ds: DataSource, code: string): Promise<number> {
  let cache = offices.get(ds);
  if (!cache) offices.set(ds, (cache = new Map()));
  const hit = cache.get(code);
  if (hit) return hit;
  const [r] = await ds.query('SELECT id FROM offices WHERE code = ?', [code]);
  if (!r) throw new Error(`fixture: office ${code} missing`);
  cache.set(code, Number(r.id));
  return Number(r.id);
}

export async function positionIdOf(ds: DataSource, officeCode: string, positionCode: string): Promise<number> {
  const [r] = await ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [officeCode, positionCode]);
  if (!r) throw new Error(`fixture: position ${officeCode}/${positionCode} missing`);
  return Number(r.id);
}

export async function userIdOf(ds: DataSource, username: string): Promise<number> {
  const [r] = await ds.query('SELECT id FROM users WHERE username = ?', [username]);
  if (!r) throw new Error(`fixture: user ${username} missing`);
  return Number(r.id);
}

/** Inserts a SIGNED letter with its recipients and the drafter/signer access rows; returns its id and number. */
export async function insertSignedLetterFixture(ds: DataSource, f: SignedLetterFixture): Promise<{ letterId: string; number: string }> {
  const officeId = await officeIdOf(ds, f.office);
  const isKab = f.office.length === 4;
  const drafterCode = f.drafter ?? (f.office === 'RI' ? 'STAF-BKU' : isKab ? 'KASUBBAG-KUL' : 'KABAG-KUL');
  const signerCode = f.signer ?? (f.office === 'RI' ? 'SEKJEN' : 'SEKRETARIS');
  const drafterPos = await positionIdOf(ds, f.office, drafterCode);
  const signerPos = await positionIdOf(ds, f.office, signerCode);
  const [drafter] = await ds.query('SELECT id FROM users WHERE position_id = ? ORDER BY id LIMIT 1', [drafterPos]);
  const year = new Date().getUTCFullYear();
  const typeCode = f.typeCode ?? 'SD';
  const res = await ds.query(
    `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code,
       signer_position_id, status, signed_at, signed_capacity, signer_name, signer_title)
     VALUES (?, ?, ?, ?, ?, 'Isi naskah (fixture)', ?, ?, 'PY.01.1', ?, 'SIGNED', CURRENT_TIMESTAMP(3), 'SENDIRI', 'Penandatangan (fixture)', ?)`,
    [officeId, drafter ? Number(drafter.id) : 0, drafterPos, typeCode, f.subject ?? 'Surat uji (fixture)', f.securityClass ?? 'B', f.urgency ?? 'BIASA', signerPos, signerCode],
  );
  const letterId = String(res.insertId);
  // a signed letter has its rendered document, hash and signature (sending refuses one without):
  // a file record whose bytes were never stored (a test that reads the PDF stores real bytes)
  if (f.rendered !== false) await fixtureDocument(ds, letterId);
  // a shape real numbering never produces (FX prefix), so fixtures cannot collide with signed letters
  const number = `FX${letterId}/PY.01.1-${typeCode}/${f.office}/${year}`;
  await ds.query('UPDATE letters SET number = ?, counter_key = ?, number_seq = ? WHERE id = ?', [number, `fixture|office=${officeId}`, letterId, letterId]);
  const all = [...(f.to ?? []).map((r) => ({ kind: 'TO' as const, ...r })), ...(f.cc ?? []).map((r) => ({ kind: 'CC' as const, ...r }))];
  const rows: unknown[][] = [];
  for (const [i, r] of all.entries()) {
    if ('external' in r) rows.push([letterId, r.kind, i + 1, null, null, r.external]);
    else rows.push([letterId, r.kind, i + 1, r.position ? null : await officeIdOf(ds, r.office), r.position ? await positionIdOf(ds, r.office, r.position) : null, null]);
  }
  if (rows.length) {
    await ds.query(
      `INSERT INTO letter_recipients (letter_id, kind, ordinal, office_id, position_id, external_name) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      rows.flat(),
    );
  }
  if (f.toAllOtherOffices) {
    await ds.query(
      `INSERT INTO letter_recipients (letter_id, kind, ordinal, office_id)
       SELECT ?, 'TO', ? + ROW_NUMBER() OVER (ORDER BY o.id), o.id FROM offices o WHERE o.id <> ?`,
      [letterId, rows.length, officeId],
    );
  }
  await ds.query(
    `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason) VALUES (?, ?, ?, 'DRAFTER'), (?, ?, ?, 'SIGNER')`,
    [letterId, drafterPos, officeId, letterId, signerPos, officeId],
  );
  return { letterId, number };
}

async function fixtureDocument(ds: DataSource, letterId: string): Promise<void> {
  const fileRes = await ds.query(
    `INSERT INTO files (storage_key, sha256, size_bytes, mime, original_name, created_by) VALUES (?, SHA2(?, 256), 0, 'application/pdf', ?, NULL)`,
    [`fixture/letter-${letterId}`, `fixture ${letterId}`, `naskah-${letterId}.pdf`],
  );
  await ds.query(`UPDATE letters SET document_file_id = ?, document_sha256 = SHA2(?, 256), signature = 'fixture-signature', signature_key_id = 'fixture' WHERE id = ?`, [
    fileRes.insertId, `fixture ${letterId}`, letterId,
  ]);
}

/** Polls until `probe` returns a value (not undefined) or the time is up; no fixed sleeps. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until every transmission of a letter has been dispatched by the worker; returns its deliveries.
 * Polls, so the generous bound costs nothing when the worker is quick; it covers a machine shared
 * with other suites (seen: 15 s passed on a 2-core machine running three suites side by side).
 */
export async function deliveriesOnceDispatched(ds: DataSource, letterId: string, timeoutMs = 45_000): Promise<Record<string, any>[]> {
  await eventually(async () => {
    const [r] = await ds.query('SELECT COUNT(*) AS n, SUM(dispatched_at IS NULL) AS pending FROM transmissions WHERE letter_id = ?', [letterId]);
    return Number(r.n) > 0 && Number(r.pending) === 0 ? true : undefined;
  }, `letter ${letterId} to be dispatched`, timeoutMs);
  return ds.query('SELECT * FROM deliveries WHERE letter_id = ? ORDER BY id', [letterId]);
}

/**
 * Test databases are re-created on every run but Redis keeps finished job ids for a week, so a
 * new run's `dispatch-letter_<transmissionId>` (and the `notify-positions_transmission-<id>-…` it
 * writes) would be deduplicated against the last run's and never processed (or wait behind a
 * stale one). Call once before a suite sends letters, before its worker starts (this Jest
 * worker's prefix only).
 */
export async function forgetOldDispatchJobs(app: { get<T>(token: unknown, opts?: { strict: boolean }): T }): Promise<void> {
  const { getQueueToken } = require('@nestjs/bullmq') as typeof import('@nestjs/bullmq');
  const { QueueName } = require('@naskah/queue') as typeof import('@naskah/queue');
  for (const name of [QueueName.DISPATCH, QueueName.NOTIFICATIONS]) {
    await app.get<import('bullmq').Queue>(getQueueToken(name), { strict: false }).obliterate({ force: true });
  }
}
