import type { OfficeLevel } from '@naskah/organisation';

export type { OfficeLevel };

/** An office as the routing rule sees it. Ids are compared as strings. */
export interface OfficeRef {
  id: string;
  level: OfficeLevel;
  parentId: string | null;
  /** Region code without dots (`52`, `5204`); KPU RI has its own short code. */
  code: string;
  name?: string;
}

/** Finds an office by id; undefined/null when there is none. */
export type OfficeLookup = (id: string) => OfficeRef | undefined | null;

/** A place on a route: an office, or an external party (outside KPU). */
export type RouteStop = OfficeRef | 'EXTERNAL';

/**
 * How the destination stands to the sender. Judged from the sender's province: a Kab/Kota's
 * province is its parent, a Provinsi's is itself, KPU RI has none.
 *  - SAME_OFFICE: the sender itself (internal mail; always DIRECT, whatever the policy says).
 *  - KPU_RI: KPU RI, from any other office.
 *  - OWN_PROVINSI: the sender's province, from a Kab/Kota (its parent).
 *  - OTHER_PROVINSI: any other Provinsi. From KPU RI every Provinsi is OTHER_PROVINSI.
 *  - KABKOTA_SAME_PROVINCE: a Kab/Kota in the sender's province: a sibling of a Kab/Kota, or a
 *    Kab/Kota below a Provinsi (the "own Kab/Kota" case of a Provinsi).
 *  - KABKOTA_OTHER_PROVINCE: any other Kab/Kota. From KPU RI every Kab/Kota is this.
 *  - EXTERNAL: a party outside KPU.
 * So the table's "—" cells (KPU RI → KPU RI, Provinsi → own Provinsi) are SAME_OFFICE, and the
 * KPU RI → "own Provinsi" and → "Kab/Kota same province" cells are never consulted.
 */
export const RELATIONS = [
  'SAME_OFFICE',
  'KPU_RI',
  'OWN_PROVINSI',
  'OTHER_PROVINSI',
  'KABKOTA_SAME_PROVINCE',
  'KABKOTA_OTHER_PROVINCE',
  'EXTERNAL',
] as const;
export type Relation = (typeof RELATIONS)[number];

export const OFFICE_LEVELS = ['RI', 'PROVINSI', 'KABKOTA'] as const satisfies readonly OfficeLevel[];

/** DIRECT: deliver to the destination. VIA_PARENT: deliver to the sender's parent, which forwards. */
export const ROUTING_MODES = ['DIRECT', 'VIA_PARENT', 'FORBIDDEN'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

export interface RoutingRule {
  fromLevel: OfficeLevel;
  relation: Relation;
  mode: RoutingMode;
}
export type RoutingPolicy = readonly RoutingRule[];

/** One judgement on the way: from `from`, towards the final destination, deliver to `next`. */
export interface RouteStep {
  from: OfficeRef;
  relation: Relation;
  mode: RoutingMode;
  /** Where this office delivers; null when the policy forbids it to send on. */
  next: RouteStop | null;
}

export interface RoutePlan {
  /** The first step's mode, or FORBIDDEN when any step on the way is forbidden. */
  mode: RoutingMode;
  /** How the final destination stands to the sender. */
  relation: Relation;
  /** Where the sender must deliver; null when the route is forbidden. */
  deliverTo: RouteStop | null;
  /** True when `deliverTo` is not the final destination and must forward the letter. */
  toBeForwarded: boolean;
  finalDestination: RouteStop;
  /** The expected route, sender first; when forbidden it ends at the office that may not send on. */
  hops: RouteStop[];
  steps: RouteStep[];
  /** The office whose rule forbids the route, when `mode` is FORBIDDEN. */
  blockedAt?: OfficeRef;
}
