import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@naskah/core';
import { ActingPositionsCache, Principal } from '@naskah/identity';
import { recordDestroyed } from '../holdings/letter-holdings.service';
import { AccessViewer, InvolvedPosition, maySee, SecurityClass } from './access-policy';
import type { HistoryScope } from './letter-history-scope';

/**
 * Why a position may see a letter. Each grant is kept per reason, so one can be withdrawn when its
 * reason goes without touching the others: DISPOSEE is the recipient of a disposition on the letter
 * (withdrawn when the disposition is cancelled), REVIEWER and SIGNER follow the draft's current
 * review chain and signer.
 */
export type AccessReason = 'DRAFTER' | 'REVIEWER' | 'SIGNER' | 'ADDRESSEE' | 'RECIPIENT' | 'FORWARDER' | 'REGISTRAR' | 'DISPOSEE';

/** Keeps the list of positions involved in each letter and answers "may this viewer see it". */
@Injectable()
export class LetterAccessService {
  constructor(
    private readonly ds: DataSource,
    private readonly acting: ActingPositionsCache,
  ) {}

  /**
   * The viewer: own position and today's delegated positions, with their tree paths. Cached per
   * user (ActingPositionsCache: a change is seen at once in this process, within milliseconds in
   * the others, and never later than 15 s or past Jakarta midnight).
   */
  async viewerOf(p: Principal): Promise<AccessViewer> {
    const { positions } = await this.acting.of(p.userId, p.positionId);
    return { officeId: p.officeId, positionIds: positions.map((x) => x.id), positionPaths: positions.map((x) => x.path) };
  }

  /** For scopeLetterHistory: the letter's office and the viewer's offices (own + acted-for positions'). */
  async historyScope(letterId: string, viewer: AccessViewer): Promise<HistoryScope> {
    const [row] = await this.ds.query('SELECT office_id FROM letters WHERE id = ?', [letterId]);
    const offices = viewer.positionIds.length
      ? await this.ds.query(`SELECT DISTINCT office_id FROM positions WHERE id IN (${viewer.positionIds.map(() => '?').join(',')})`, viewer.positionIds)
      : [];
    return { letterOfficeId: Number(row.office_id), viewerOfficeIds: [...new Set([viewer.officeId, ...offices.map((o: { office_id: number }) => Number(o.office_id))])] };
  }

  async grant(em: EntityManager, letterId: string, entries: { positionId: number; reason: AccessReason }[]): Promise<void> {
    if (!entries.length) return;
    await em.query(
      `INSERT IGNORE INTO letter_access (letter_id, position_id, office_id, reason)
       SELECT ?, p.id, p.office_id, x.reason FROM positions p JOIN (${entries.map(() => 'SELECT ? AS pid, ? AS reason').join(' UNION ALL ')}) x ON x.pid = p.id`,
      [letterId, ...entries.flatMap((e) => [e.positionId, e.reason])],
    );
  }

  /**
   * Withdraws the grants of one reason on a letter from every position not in `keep` (only that
   * reason: a position that is also, say, the drafter keeps its DRAFTER grant). Returns how many went.
   */
  async revokeExcept(em: EntityManager, letterId: string, reason: AccessReason, keep: number[]): Promise<number> {
    const res = await em.query(
      `DELETE FROM letter_access WHERE letter_id = ? AND reason = ?${keep.length ? ` AND position_id NOT IN (${keep.map(() => '?').join(',')})` : ''}`,
      [letterId, reason, ...keep],
    );
    return Number(res?.affectedRows ?? 0);
  }

  /** Withdraws one grant (one position, one reason) on a letter. */
  async revoke(em: EntityManager, letterId: string, positionId: number, reason: AccessReason): Promise<void> {
    await em.query('DELETE FROM letter_access WHERE letter_id = ? AND position_id = ? AND reason = ?', [letterId, positionId, reason]);
  }

  async involved(letterId: string, em: EntityManager = this.ds.manager): Promise<InvolvedPosition[]> {
    const rows = await em.query('SELECT DISTINCT la.position_id, la.office_id, p.path FROM letter_access la JOIN positions p ON p.id = la.position_id WHERE la.letter_id = ?', [letterId]);
    return rows.map((r: Record<string, unknown>) => ({ positionId: Number(r.position_id), officeId: Number(r.office_id), path: String(r.path) }));
  }

  /**
   * Throws 404 (never 403) when the letter does not exist or the viewer may not see it, and 410
   * RECORD_DESTROYED when the viewer's office has destroyed its copy under the retention schedule
   * (other offices keep theirs: LetterHoldingsService).
   */
  async assertVisible(letterId: string, viewer: AccessViewer, em: EntityManager = this.ds.manager): Promise<{ securityClass: SecurityClass }> {
    const [row] = /^\d+$/.test(letterId) ? await em.query('SELECT security_class FROM letters WHERE id = ?', [letterId]) : [];
    if (!row) throw notFound('Naskah', letterId, 'LETTER');
    const involved = await this.involved(letterId, em);
    if (!maySee(row.security_class, viewer, involved)) throw notFound('Naskah', letterId, 'LETTER');
    await this.assertViewerHolds(letterId, viewer, em);
    return { securityClass: row.security_class };
  }

  /**
   * 410 when every office the viewer sees the letter from — their own office and the offices of the
   * positions they act for today (a Plt/Plh may act in another office) — has destroyed its copy and
   * none of the others holds it. A viewer whose own office destroyed its copy still reads the letter
   * while acting in an office that holds it; a Plh from elsewhere acting in the destroying office
   * does not read it through that position.
   */
  private async assertViewerHolds(letterId: string, viewer: AccessViewer, em: EntityManager): Promise<void> {
    const ids = viewer.positionIds.length ? viewer.positionIds : [0];
    const ended: { office_id: number; ended_at: Date; dossier_id: string | null }[] = await em.query(
      `SELECT e.office_id, e.ended_at, e.dossier_id FROM letter_holdings_ended e
       WHERE e.letter_id = ? AND (e.office_id = ? OR e.office_id IN (SELECT p.office_id FROM positions p WHERE p.id IN (${ids.map(() => '?').join(',')})))`,
      [letterId, viewer.officeId ?? 0, ...ids],
    );
    if (!ended.length) return;
    const endedOffices = ended.map((e) => Number(e.office_id));
    // another office of the viewer that holds the letter and has not destroyed its copy keeps it readable for them
    const [live] = await em.query(
      `SELECT 1 AS x FROM (SELECT ? AS office_id UNION SELECT p.office_id FROM positions p WHERE p.id IN (${ids.map(() => '?').join(',')})) v
       WHERE v.office_id NOT IN (${endedOffices.map(() => '?').join(',')})
         AND (v.office_id = (SELECT office_id FROM letters WHERE id = ?) OR EXISTS (SELECT 1 FROM deliveries d WHERE d.letter_id = ? AND d.office_id = v.office_id))
       LIMIT 1`,
      [viewer.officeId ?? 0, ...ids, ...endedOffices, letterId, letterId],
    );
    if (live) return;
    const e = ended[0];
    throw recordDestroyed(letterId, { endedAt: e.ended_at, dossierId: e.dossier_id === null ? null : String(e.dossier_id) });
  }

  /** 410 RECORD_DESTROYED when the office (a delivery's recipient office) no longer holds the letter. */
  async assertHeld(letterId: string, officeId: number, em: EntityManager = this.ds.manager): Promise<void> {
    const [r] = await em.query('SELECT ended_at, dossier_id FROM letter_holdings_ended WHERE letter_id = ? AND office_id = ?', [letterId, officeId]);
    if (r) throw recordDestroyed(letterId, { endedAt: r.ended_at, dossierId: r.dossier_id === null ? null : String(r.dossier_id) });
  }
}
