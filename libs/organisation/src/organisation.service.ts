import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@naskah/core';
import { likeContains, likeStartsWith, SqlStatement, sqlStatement } from '@naskah/db';
import type { OfficeLevel, OfficeView, PositionView, UnitView } from './organisation.types';

export interface OfficeQuery {
  level?: OfficeLevel;
  parentId?: number;
  q?: string;
  limit?: number;
  offset?: number;
}

const officeCols = `o.id, o.code, o.level, o.name, o.region_name, o.city, o.parent_id, p.code AS parent_code, p.name AS parent_name`;
function toOffice(r: Record<string, unknown>): OfficeView {
  return {
    id: Number(r.id), code: String(r.code), level: r.level as OfficeLevel, name: String(r.name), regionName: String(r.region_name),
    city: String(r.city), parentId: r.parent_id === null ? null : Number(r.parent_id),
    parent: r.parent_id === null ? null : { id: Number(r.parent_id), code: String(r.parent_code), name: String(r.parent_name) },
  };
}
function toPosition(r: Record<string, unknown>): PositionView {
  return {
    id: Number(r.id), officeId: Number(r.office_id), unitId: r.unit_id === null ? null : Number(r.unit_id),
    parentId: r.parent_id === null ? null : Number(r.parent_id), code: String(r.code), title: String(r.title),
    kind: r.kind as PositionView['kind'], path: String(r.path), depth: Number(r.depth),
    holder: r.holder_id ? { userId: Number(r.holder_id), fullName: String(r.holder_name) } : null,
  };
}
/**
 * The holder shown for a position: its longest-standing active user. A position may have several
 * (many staff hold "Staf"); joining them all listed the position once per holder.
 */
const HOLDER = 'u.id = (SELECT MIN(h.id) FROM users h WHERE h.position_id = p.id AND h.is_active = 1)';

/** Read side of the organisation: offices, units, positions and the reporting tree. Org data is public to signed-in users. */
@Injectable()
export class OrganisationService {
  private officeCache = new Map<number, OfficeView>();

  constructor(private readonly ds: DataSource) {}

  async listOffices(query: OfficeQuery): Promise<{ items: OfficeView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.level) (where.push('o.level = ?'), params.push(query.level));
    if (query.parentId) (where.push('o.parent_id = ?'), params.push(query.parentId));
    if (query.q) (where.push('(o.name LIKE ? OR o.code LIKE ?)'), params.push(likeContains(query.q), likeStartsWith(query.q)));
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = Math.min(query.limit ?? 1000, 1000);
    const [rows, [count]] = await Promise.all([
      this.ds.query(`SELECT ${officeCols} FROM offices o LEFT JOIN offices p ON p.id = o.parent_id ${w} ORDER BY o.code LIMIT ? OFFSET ?`, [...params, limit, query.offset ?? 0]),
      this.ds.query(`SELECT COUNT(*) AS n FROM offices o ${w}`, params),
    ]);
    return { items: rows.map(toOffice), total: Number(count.n) };
  }

  /** Offices rarely change; they are cached per process. Inside a transaction pass its `em` (no second connection). */
  async getOffice(id: number, em?: EntityManager): Promise<OfficeView> {
    const hit = this.officeCache.get(id);
    if (hit) return hit;
    const [r] = await (em ?? this.ds).query(`SELECT ${officeCols} FROM offices o LEFT JOIN offices p ON p.id = o.parent_id WHERE o.id = ?`, [id]);
    if (!r) throw notFound('Satker', id, 'OFFICE');
    const office = toOffice(r);
    this.officeCache.set(id, office);
    return office;
  }

  async getOfficeByCode(code: string): Promise<OfficeView> {
    const [r] = await this.ds.query('SELECT id FROM offices WHERE code = ?', [code]);
    if (!r) throw notFound('Satker', code, 'OFFICE');
    return this.getOffice(Number(r.id));
  }

  async listUnits(officeId: number): Promise<UnitView[]> {
    await this.getOffice(officeId);
    const rows = await this.ds.query('SELECT id, office_id, parent_id, code, name, kind FROM units WHERE office_id = ? ORDER BY id', [officeId]);
    return rows.map((r: Record<string, unknown>) => ({
      id: Number(r.id), officeId: Number(r.office_id), parentId: r.parent_id === null ? null : Number(r.parent_id), code: String(r.code), name: String(r.name), kind: r.kind as UnitView['kind'],
    }));
  }

  async listPositions(filter: { officeId?: number; q?: string; kind?: string; limit?: number }): Promise<PositionView[]> {
    const where: string[] = ['p.is_active = 1'];
    const params: unknown[] = [];
    if (filter.officeId) (where.push('p.office_id = ?'), params.push(filter.officeId));
    if (filter.kind) (where.push('p.kind = ?'), params.push(filter.kind));
    if (filter.q) (where.push('p.title LIKE ?'), params.push(likeContains(filter.q)));
    const rows = await this.ds.query(
      `SELECT p.*, u.id AS holder_id, u.full_name AS holder_name FROM positions p LEFT JOIN users u ON ${HOLDER}
       WHERE ${where.join(' AND ')} ORDER BY p.office_id, p.path LIMIT ?`,
      [...params, Math.min(filter.limit ?? 200, 1000)],
    );
    return rows.map(toPosition);
  }

  /** Pass the EntityManager when inside a transaction, so the lookup does not take a second pooled connection. */
  async getPosition(id: number, em?: EntityManager): Promise<PositionView> {
    const [r] = await (em ?? this.ds).query(
      `SELECT p.*, u.id AS holder_id, u.full_name AS holder_name FROM positions p LEFT JOIN users u ON ${HOLDER} WHERE p.id = ?`,
      [id],
    );
    if (!r) throw notFound('Jabatan', id, 'POSITION');
    return toPosition(r);
  }

  /**
   * `getPosition` as one statement for a batch transaction (`BatchSql`), for a position id held in
   * a session variable set earlier in the same batch; read its row with `positionFromRow`.
   */
  positionStatement(idVariable: string): SqlStatement {
    if (!/^@[a-z][a-z0-9_]{0,40}$/.test(idVariable)) throw new Error(`not a session variable name: ${idVariable}`);
    return sqlStatement(`SELECT p.*, u.id AS holder_id, u.full_name AS holder_name FROM positions p LEFT JOIN users u ON ${HOLDER} WHERE p.id = ${idVariable}`);
  }

  /** The position of a `positionStatement` result row; NOT_FOUND when there is none. */
  positionFromRow(row: Record<string, unknown> | undefined, id: number): PositionView {
    if (!row) throw notFound('Jabatan', id, 'POSITION');
    return toPosition(row);
  }

  /** The head of an office (its Ketua), used as the default recipient of letters addressed to an office. */
  async headPosition(officeId: number, em?: EntityManager): Promise<PositionView> {
    const [r] = await (em ?? this.ds).query("SELECT p.*, NULL AS holder_id FROM positions p WHERE p.office_id = ? AND p.depth = 0 ORDER BY p.id LIMIT 1", [officeId]);
    if (!r) throw notFound('Pimpinan satker', officeId, 'OFFICE_HEAD');
    return toPosition(r);
  }

  async positionByCode(officeId: number, code: string, em?: EntityManager): Promise<PositionView> {
    const [r] = await (em ?? this.ds).query('SELECT p.*, NULL AS holder_id FROM positions p WHERE p.office_id = ? AND p.code = ?', [officeId, code]);
    if (!r) throw notFound('Jabatan', `${officeId}/${code}`, 'POSITION');
    return toPosition(r);
  }
}
