import type { EntityManager } from 'typeorm';
import type { OfficeLevel } from '@naskah/organisation';

/** An office as routing and dispatch see it (ids as strings, like the routing rule's OfficeRef). */
export interface OfficePlace {
  id: string;
  level: OfficeLevel;
  parentId: string | null;
  code: string;
  name: string;
}

export interface OfficeDirectory {
  get(id: string | number): OfficePlace | undefined;
  /** Lookup in the routing rule's shape. */
  lookup: (id: string) => OfficePlace | undefined;
  /** Every office, in id order. */
  all(): OfficePlace[];
}

const TTL_MS = 60_000;
let cached: { at: number; byId: Map<string, OfficePlace> } | null = null;

/**
 * Every office (553 rows), read in one query and kept for a minute: routing a circular to 552
 * offices must not cost 552 look-ups. Offices change only by a data migration.
 */
export async function officeDirectory(em: EntityManager): Promise<OfficeDirectory> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const rows: Record<string, unknown>[] = await em.query('SELECT id, code, level, parent_id, name FROM offices ORDER BY id');
    const byId = new Map<string, OfficePlace>();
    for (const r of rows) {
      byId.set(String(r.id), { id: String(r.id), code: String(r.code), level: r.level as OfficeLevel, parentId: r.parent_id === null ? null : String(r.parent_id), name: String(r.name) });
    }
    cached = { at: Date.now(), byId };
  }
  const byId = cached.byId;
  const get = (id: string | number) => byId.get(String(id));
  return { get, lookup: get, all: () => [...byId.values()] };
}
