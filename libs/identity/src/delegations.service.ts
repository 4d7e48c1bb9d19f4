import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError, notFound } from '@naskah/core';
import { Actor, AuditService, Capacity } from '@naskah/audit';
import { SqlStatement, sqlStatement } from '@naskah/db';
import { ActingPositionsCache } from './acting-positions.cache';
import { jakartaToday } from './jakarta-today';

export type DelegationKind = 'PLT' | 'PLH';

export interface DelegationView {
  id: number;
  userId: number;
  userName: string;
  positionId: number;
  positionTitle: string;
  officeId: number;
  kind: DelegationKind;
  startsOn: string;
  endsOn: string;
  reason: string | null;
  revokedAt: Date | null;
}

const SELECT = `SELECT d.id, d.user_id, u.full_name AS user_name, d.position_id, p.title AS position_title, p.office_id, d.kind,
  DATE_FORMAT(d.starts_on, '%Y-%m-%d') AS starts_on, DATE_FORMAT(d.ends_on, '%Y-%m-%d') AS ends_on, d.reason, d.revoked_at
  FROM delegations d JOIN users u ON u.id = d.user_id JOIN positions p ON p.id = d.position_id`;
const toView = (r: Record<string, unknown>): DelegationView => ({
  id: Number(r.id), userId: Number(r.user_id), userName: String(r.user_name), positionId: Number(r.position_id), positionTitle: String(r.position_title),
  officeId: Number(r.office_id), kind: r.kind as DelegationKind, startsOn: String(r.starts_on), endsOn: String(r.ends_on), reason: (r.reason as string) ?? null,
  revokedAt: (r.revoked_at as Date) ?? null,
});

export { jakartaToday } from './jakarta-today';

/**
 * Plt/Plh: a user acts for a position between two dates (inclusive, Jakarta calendar). Signing and
 * disposing ask `capacityFor` whether, and as what, a user may act for a position right now.
 */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly acting: ActingPositionsCache,
  ) {}

  async create(actor: Actor, input: { userId: number; positionId: number; kind: DelegationKind; startsOn: string; endsOn: string; reason?: string }): Promise<DelegationView> {
    if (input.endsOn < input.startsOn) {
      throw new DomainError('DELEGATION_DATES', 'VALIDATION', 'endsOn: tanggal selesai sebelum tanggal mulai (ends before it starts)', { fields: [{ field: 'endsOn', reason: 'before startsOn' }] });
    }
    const id = await this.ds.transaction(async (em) => {
      const [user] = await em.query('SELECT id, position_id FROM users WHERE id = ? AND is_active = 1', [input.userId]);
      if (!user) throw new DomainError('USER_NOT_FOUND', 'UNPROCESSABLE', 'userId: pengguna tidak ada atau tidak aktif', { fields: [{ field: 'userId', reason: 'unknown user' }] });
      const [pos] = await em.query('SELECT id, office_id FROM positions WHERE id = ? AND is_active = 1', [input.positionId]);
      if (!pos) throw new DomainError('POSITION_NOT_FOUND', 'UNPROCESSABLE', 'positionId: jabatan tidak ada', { fields: [{ field: 'positionId', reason: 'unknown position' }] });
      if (Number(user.position_id) === input.positionId) {
        throw new DomainError('DELEGATION_TO_HOLDER', 'UNPROCESSABLE', 'Pengguna sudah memegang jabatan ini (user already holds this position)');
      }
      const res = await em.query('INSERT INTO delegations (user_id, position_id, kind, starts_on, ends_on, reason, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        input.userId, input.positionId, input.kind, input.startsOn, input.endsOn, input.reason ?? null, actor.userId,
      ]);
      await this.audit.record(em, actor, { action: 'DELEGATION_CREATED', entityType: 'delegation', entityId: res.insertId, officeId: Number(pos.office_id), after: input });
      return Number(res.insertId);
    });
    await this.acting.changed(input.userId);
    return this.get(id);
  }

  async revoke(actor: Actor, id: number): Promise<DelegationView> {
    const userId = await this.ds.transaction(async (em) => {
      const [d] = await em.query('SELECT id, user_id, revoked_at FROM delegations WHERE id = ? FOR UPDATE', [id]);
      if (!d) throw notFound('Delegasi', id, 'DELEGATION');
      if (d.revoked_at) return null;
      await em.query('UPDATE delegations SET revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [id]);
      await this.audit.record(em, actor, { action: 'DELEGATION_REVOKED', entityType: 'delegation', entityId: id });
      return Number(d.user_id);
    });
    if (userId !== null) await this.acting.changed(userId);
    return this.get(id);
  }

  async get(id: number): Promise<DelegationView> {
    const [r] = await this.ds.query(`${SELECT} WHERE d.id = ?`, [id]);
    if (!r) throw notFound('Delegasi', id, 'DELEGATION');
    return toView(r);
  }

  async list(filter: { userId?: number; positionId?: number; activeOnly?: boolean }): Promise<DelegationView[]> {
    const where = ['1 = 1'];
    const params: unknown[] = [];
    if (filter.userId) (where.push('d.user_id = ?'), params.push(filter.userId));
    if (filter.positionId) (where.push('d.position_id = ?'), params.push(filter.positionId));
    if (filter.activeOnly) {
      const today = jakartaToday(this.clock.now());
      where.push('d.revoked_at IS NULL AND d.starts_on <= ? AND d.ends_on >= ?');
      params.push(today, today);
    }
    const rows = await this.ds.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.id DESC LIMIT 500`, params);
    return rows.map(toView);
  }

  /** As what may this user act for this position today: own position, Plt/Plh, or not at all (null). */
  async capacityFor(userId: number, positionId: number, em?: EntityManager): Promise<Capacity | null> {
    const q = em ?? this.ds;
    const [own] = await q.query('SELECT id FROM users WHERE id = ? AND position_id = ? AND is_active = 1', [userId, positionId]);
    if (own) return 'SENDIRI';
    const today = jakartaToday(this.clock.now());
    const [d] = await q.query(
      'SELECT kind FROM delegations WHERE user_id = ? AND position_id = ? AND revoked_at IS NULL AND starts_on <= ? AND ends_on >= ? ORDER BY id DESC LIMIT 1',
      [userId, positionId, today, today],
    );
    return d ? (d.kind as Capacity) : null;
  }

  /**
   * `capacityFor` as one statement for a batch transaction (`BatchSql`), for a position id held in
   * a session variable set earlier in the same batch: one row with `capacity` (SENDIRI, PLT, PLH or
   * NULL), the same rule as `capacityFor`.
   */
  capacityStatement(userId: number, positionVariable: string): SqlStatement {
    if (!/^@[a-z][a-z0-9_]{0,40}$/.test(positionVariable)) throw new Error(`not a session variable name: ${positionVariable}`);
    const today = jakartaToday(this.clock.now());
    return sqlStatement(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM users WHERE id = ? AND position_id = ${positionVariable} AND is_active = 1) THEN ?
       ELSE (SELECT kind FROM delegations WHERE user_id = ? AND position_id = ${positionVariable} AND revoked_at IS NULL AND starts_on <= ? AND ends_on >= ? ORDER BY id DESC LIMIT 1) END AS capacity`,
      [userId, 'SENDIRI', userId, today, today],
    );
  }

  /**
   * Positions a user may act for today: their own plus active delegations, by id (cached, see
   * ActingPositionsCache for how stale it may be).
   */
  async actingPositions(userId: number, ownPositionId: number | null): Promise<number[]> {
    return (await this.acting.of(userId, ownPositionId)).positions.map((p) => p.id);
  }
}
