import { SqlStatement, sqlStatement } from '@naskah/db';
import { Actor, ChainedFields, GENESIS_HASH, eventBody } from './audit-chain';

const VARIABLE = /^@[a-z][a-z0-9_]{0,40}$/;

/**
 * Digits that only the database knows when the batch is written: a session variable set by an
 * earlier statement of the same batch (e.g. the letter's sequence number, taken from the counter in
 * that batch). Only decimal digits may be stored in it: they are spliced into JSON text unescaped.
 */
export class SqlDigits {
  constructor(readonly variable: string) {
    if (!VARIABLE.test(variable)) throw new Error(`not a session variable name: ${variable}`);
  }
}

/** A string value of an audit event made of literal text and `SqlDigits` (see `deferredText`). */
export class DeferredText {
  constructor(readonly parts: readonly (string | SqlDigits)[]) {}
}

/** `deferredText('12/', new SqlDigits('@seq'), '/2026')`: a value filled in by the database. */
export const deferredText = (...parts: (string | SqlDigits)[]) => new DeferredText(parts);

// Private-use characters (JSON.stringify leaves them as they are) mark where digits are spliced in.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SEQ_MARK = `${OPEN}seq${CLOSE}`;
const MARK = new RegExp(`"${OPEN}seq${CLOSE}"|${OPEN}(\\d+)${CLOSE}`, 'g');

/** Replaces every DeferredText by marked text; collects the variables in marker order. */
function mark(value: unknown, vars: string[]): unknown {
  if (value instanceof DeferredText) {
    return value.parts.map((p) => (typeof p === 'string' ? p : `${OPEN}${vars.push(p.variable) - 1}${CLOSE}`)).join('');
  }
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => mark(v, vars));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v, vars)]));
}

/** SQL text (code only) and values of `CONCAT(...)` over the marked text, each marker becoming its variable. */
function concatOf(text: string, vars: string[], seqVar: string): { sql: string; params: string[] } {
  const items: string[] = [];
  const params: string[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const m of text.matchAll(MARK)) {
    if (m.index > at) (items.push('?'), params.push(text.slice(at, m.index)));
    const key = m[1] ?? 'seq';
    if (seen.has(key) && key !== 'seq') throw new Error('audit batch: a marker occurs twice');
    seen.add(key);
    items.push(m[1] === undefined ? `CAST(${seqVar} AS CHAR)` : `CAST(${vars[Number(m[1])]} AS CHAR)`);
    at = m.index + m[0].length;
  }
  if (at < text.length) (items.push('?'), params.push(text.slice(at)));
  return { sql: items.length ? `CONCAT(${items.join(', ')})` : '?', params: items.length ? params : [text] };
}

export interface BatchAuditEvent {
  stream: number;
  occurredAt: Date;
  actor: Actor;
  officeId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  /** May hold DeferredText values (at any depth). */
  after?: unknown;
}

/**
 * The statements that append one event to its hash chain inside a batch transaction, when part of
 * the event (`DeferredText`) is known only to the database as the batch runs. The database locks
 * the chain's head, computes the event's hash with SHA2() over exactly the text `eventHash` hashes
 * (the canonical body is built here, the deferred digits and the chain's sequence are spliced in),
 * inserts the event and moves the head. `AuditService.verify` recomputes every hash in JS, so an
 * event written this way is checked like any other.
 */
export function batchAppendStatements(e: BatchAuditEvent): SqlStatement[] {
  const vars: string[] = [];
  // the same normalisation as AuditService.record (dates to text, undefined dropped), after marking
  const normal = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(mark(v, vars))));
  const before = normal(e.before);
  const after = normal(e.after);
  const fields: ChainedFields = {
    stream: e.stream, seq: 0, prevHash: '', occurredAt: e.occurredAt, actorUserId: e.actor.userId, actorPositionId: e.actor.positionId,
    capacity: e.actor.capacity, officeId: e.officeId, action: e.action, entityType: e.entityType, entityId: e.entityId,
    before, after, requestId: e.actor.requestId ?? null,
  };
  const body = eventBody(fields, SEQ_MARK);
  const stored = [JSON.stringify(before), JSON.stringify(after)];
  // Markers must come only from this event's DeferredText values: refuse input that already holds them.
  const expected = vars.length + 1;
  if ((body.match(MARK) ?? []).length !== expected || body.split(OPEN).length - 1 !== expected || body.split(CLOSE).length - 1 !== expected) {
    throw new Error('audit batch: event text holds reserved characters U+E000/U+E001');
  }
  const hashText = concatOf(body, vars, '@naskah_audit_seq');
  const beforeText = concatOf(stored[0], vars, '@naskah_audit_seq');
  const afterText = concatOf(stored[1], vars, '@naskah_audit_seq');
  return [
    // the head exists (idempotent; it also locks it), then its sequence and hash are read into variables
    sqlStatement('INSERT INTO audit_heads (stream, seq, hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE seq = seq', [e.stream, GENESIS_HASH]),
    sqlStatement('SELECT seq + 1, hash INTO @naskah_audit_seq, @naskah_audit_prev FROM audit_heads WHERE stream = ? FOR UPDATE', [e.stream]),
    sqlStatement(`SET @naskah_audit_hash = SHA2(CONCAT(@naskah_audit_prev, ?, ${hashText.sql}), 256)`, ['\n', ...hashText.params]),
    sqlStatement(
      `INSERT INTO audit_events (stream, seq, prev_hash, hash, occurred_at, actor_user_id, actor_position_id, capacity, office_id, action, entity_type, entity_id, before_state, after_state, request_id)
       VALUES (?, @naskah_audit_seq, @naskah_audit_prev, @naskah_audit_hash, ?, ?, ?, ?, ?, ?, ?, ?, ${beforeText.sql}, ${afterText.sql}, ?)`,
      [e.stream, e.occurredAt, fields.actorUserId, fields.actorPositionId, fields.capacity, fields.officeId, e.action, e.entityType, e.entityId,
        ...beforeText.params, ...afterText.params, fields.requestId],
    ),
    sqlStatement('UPDATE audit_heads SET seq = @naskah_audit_seq, hash = @naskah_audit_hash WHERE stream = ?', [e.stream]),
  ];
}
