/**
 * What "nothing lost, nothing doubled, nothing half-applied" means, as queries over the tables.
 * Each function returns counts of violations (0 is good) plus the sizes it looked at, so a suite
 * can assert on them and print them.
 */
import type { DataSource } from 'typeorm';

const n = async (ds: DataSource, sql: string, params: unknown[] = []): Promise<number> => Number((await ds.query(sql, params))[0]?.n ?? 0);

export interface DeliveryReport {
  transmissions: number;
  deliveries: number;
  /** Transmissions still waiting for the worker (dispatched_at NULL). */
  undispatched: number;
  /** Transmissions whose delivery count differs from target_count. */
  wrongCount: number;
  /** Deliveries missing: sum over transmissions of max(0, target_count − deliveries). */
  missing: number;
  /** Extra deliveries: sum of max(0, deliveries − target_count). */
  extra: number;
  duplicateTargets: number;
  duplicateAgenda: number;
  /** Offices/years whose agenda counter, highest agenda number and delivery count disagree (a gap or a double allocation). */
  agendaGaps: number;
  /** Transmissions without exactly one LETTER_DELIVERED audit event (only dispatched ones with targets). */
  auditMismatch: number;
}

/** Deliveries against their transmissions, for every transmission (or those of `letterIds`). */
export async function deliveryReport(ds: DataSource, letterIds?: string[]): Promise<DeliveryReport> {
  const where = letterIds?.length ? `WHERE t.letter_id IN (${letterIds.map(() => '?').join(',')})` : '';
  const p = letterIds ?? [];
  const rows: { id: string; target_count: string; dispatched: number; delivered: string; audited: string }[] = await ds.query(
    `SELECT t.id, t.target_count, t.dispatched_at IS NOT NULL AS dispatched,
            (SELECT COUNT(*) FROM deliveries d WHERE d.transmission_id = t.id) AS delivered,
            (SELECT COUNT(*) FROM audit_events a WHERE a.entity_type = 'letter' AND a.entity_id = CAST(t.letter_id AS CHAR) AND a.action = 'LETTER_DELIVERED'
               AND JSON_UNQUOTE(JSON_EXTRACT(a.after_state, '$.transmissionId')) = CAST(t.id AS CHAR)) AS audited
     FROM transmissions t ${where}`,
    p,
  );
  const r: DeliveryReport = { transmissions: rows.length, deliveries: 0, undispatched: 0, wrongCount: 0, missing: 0, extra: 0, duplicateTargets: 0, duplicateAgenda: 0, agendaGaps: 0, auditMismatch: 0 };
  for (const t of rows) {
    const want = Number(t.target_count);
    const got = Number(t.delivered);
    r.deliveries += got;
    if (!Number(t.dispatched)) r.undispatched += 1;
    if (want !== got) r.wrongCount += 1;
    r.missing += Math.max(0, want - got);
    r.extra += Math.max(0, got - want);
    if (Number(t.dispatched) && want > 0 && Number(t.audited) !== 1) r.auditMismatch += 1;
  }
  r.duplicateTargets = await n(ds, 'SELECT COUNT(*) AS n FROM (SELECT transmission_id, ordinal FROM deliveries GROUP BY transmission_id, ordinal HAVING COUNT(*) > 1) x');
  r.duplicateAgenda = await n(ds, 'SELECT COUNT(*) AS n FROM (SELECT office_id, agenda_year, agenda_number FROM deliveries GROUP BY office_id, agenda_year, agenda_number HAVING COUNT(*) > 1) x');
  r.agendaGaps = await n(
    ds,
    `SELECT COUNT(*) AS n FROM (SELECT office_id, agenda_year, MAX(agenda_number) AS top, COUNT(*) AS cnt FROM deliveries GROUP BY office_id, agenda_year) d
       LEFT JOIN number_counters c ON c.scope_key = CONCAT('agenda|office=', d.office_id, '|year=', d.agenda_year)
     WHERE c.value IS NULL OR c.value <> d.top OR d.top <> d.cnt`,
  );
  return r;
}

export interface LetterReport {
  letters: number;
  signed: number;
  withoutRecipients: number;
  withoutFirstRevision: number;
  withoutDraftedEvent: number;
  /** In review or later but never submitted (no LETTER_SUBMITTED event). */
  withoutSubmittedEvent: number;
  /** SIGNED/SENT without a number, without exactly one LETTER_SIGNED event, or without its render job in the outbox. */
  signedIncomplete: number;
  /** A LETTER_SIGNED event on a letter that is not signed (a half-applied signing). */
  signedEventWithoutSignature: number;
  /** SENT without exactly one SEND transmission or without exactly one LETTER_SENT event; or a SEND transmission on a letter that is not SENT. */
  sentIncomplete: number;
  /** Transmissions whose targets differ from target_count, or without their dispatch job in the outbox. */
  transmissionsIncomplete: number;
  duplicateNumbers: number;
  /** Counter scopes whose numbers are not exactly 1..counter value. */
  numberGaps: number;
}

/** Letters written by the product (not by the test-only signed-letter fixture, which skips drafting). */
const REAL = "l.origin = 'INTERNAL' AND (l.counter_key IS NULL OR l.counter_key NOT LIKE 'fixture|%')";

/** Every letter is whole: the rows and events each step writes in one transaction are all there, or none. */
export async function letterReport(ds: DataSource): Promise<LetterReport> {
  const ev = (action: string) => `(SELECT COUNT(*) FROM audit_events a WHERE a.entity_type = 'letter' AND a.entity_id = CAST(l.id AS CHAR) AND a.action = '${action}')`;
  return {
    letters: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL}`),
    signed: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE l.status IN ('SIGNED','SENT') AND ${REAL}`),
    withoutRecipients: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND NOT EXISTS (SELECT 1 FROM letter_recipients r WHERE r.letter_id = l.id)`),
    withoutFirstRevision: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND NOT EXISTS (SELECT 1 FROM letter_revisions r WHERE r.letter_id = l.id AND r.revision = 1)`),
    withoutDraftedEvent: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND ${ev('LETTER_DRAFTED')} <> 1`),
    withoutSubmittedEvent: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND l.status IN ('IN_REVIEW','APPROVED','SIGNED','SENT') AND ${ev('LETTER_SUBMITTED')} = 0`),
    signedIncomplete: await n(
      ds,
      `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND l.status IN ('SIGNED','SENT')
         AND (l.number IS NULL OR l.number_seq IS NULL OR ${ev('LETTER_SIGNED')} <> 1
              OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.job_id = CONCAT('render-letter_', l.id)))`,
    ),
    signedEventWithoutSignature: await n(ds, `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND l.status NOT IN ('SIGNED','SENT') AND ${ev('LETTER_SIGNED')} > 0`),
    sentIncomplete: await n(
      ds,
      `SELECT COUNT(*) AS n FROM letters l WHERE ${REAL} AND (
         (l.status = 'SENT' AND ((SELECT COUNT(*) FROM transmissions t WHERE t.letter_id = l.id AND t.kind = 'SEND') <> 1 OR ${ev('LETTER_SENT')} <> 1))
         OR (l.status <> 'SENT' AND (EXISTS (SELECT 1 FROM transmissions t WHERE t.letter_id = l.id AND t.kind = 'SEND') OR ${ev('LETTER_SENT')} > 0)))`,
    ),
    transmissionsIncomplete: await n(
      ds,
      `SELECT COUNT(*) AS n FROM transmissions t WHERE t.target_count <> (SELECT COUNT(*) FROM transmission_targets x WHERE x.transmission_id = t.id)
         OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.job_id = CONCAT('dispatch-letter_', t.id))`,
    ),
    duplicateNumbers: await n(ds, 'SELECT COUNT(*) AS n FROM (SELECT office_id, number FROM letters WHERE number IS NOT NULL GROUP BY office_id, number HAVING COUNT(*) > 1) x'),
    numberGaps: await n(
      ds,
      `SELECT COUNT(*) AS n FROM (SELECT counter_key, MAX(number_seq) AS top, COUNT(*) AS cnt, COUNT(DISTINCT number_seq) AS distinct_seq FROM letters
         WHERE counter_key LIKE 'letter|%' GROUP BY counter_key) s LEFT JOIN number_counters c ON c.scope_key = s.counter_key
       WHERE c.value IS NULL OR c.value <> s.top OR s.top <> s.cnt OR s.cnt <> s.distinct_seq`,
    ),
  };
}

/** Outbox rows not relayed yet. */
export async function unsentOutbox(ds: DataSource): Promise<number> {
  return n(ds, 'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
}

/** Sums the violation counts of a report (sizes excluded). */
export function violations(report: object, sizes: string[] = ['transmissions', 'deliveries', 'letters', 'signed']): number {
  return Object.entries(report).filter(([k]) => !sizes.includes(k)).reduce((s, [, v]) => s + Number(v), 0);
}
