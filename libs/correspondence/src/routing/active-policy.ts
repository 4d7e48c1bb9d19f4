import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_KPU_POLICY, parsePolicyRows } from './routing-policy';
import type { RoutingPolicy } from './routing.types';

/** The routing policy in force and its version (`routing_policy_versions.id`; 0 = no row, the built-in default). */
export interface ActivePolicy {
  version: number;
  policy: RoutingPolicy;
}

/** Something that knows the policy in force, cached (RoutingPolicyService). */
export interface RoutingPolicySource {
  forManager(em: EntityManager): Promise<ActivePolicy>;
}

const sources = new WeakMap<DataSource, RoutingPolicySource>();

/** Registered by the process's RoutingPolicyService, per DataSource (so two apps in one test process keep their own caches). */
export function registerRoutingPolicySource(ds: DataSource, source: RoutingPolicySource): void {
  sources.set(ds, source);
}

/** Reads a version's rules (the newest when `version` is omitted), validated by `parsePolicyRows`. */
export async function loadPolicyVersion(em: EntityManager, version?: number): Promise<ActivePolicy | null> {
  const rows: { id: string | number; from_level: string; relation: string; mode: string }[] = await em.query(
    `SELECT v.id, r.from_level, r.relation, r.mode FROM routing_policy_versions v JOIN routing_policy_rules r ON r.version_id = v.id
     WHERE v.id = ${version === undefined ? '(SELECT MAX(id) FROM routing_policy_versions)' : '?'} ORDER BY r.from_level, r.relation`,
    version === undefined ? [] : [version],
  );
  if (!rows.length) return null;
  return { version: Number(rows[0].id), policy: parsePolicyRows(rows.map((r) => ({ fromLevel: r.from_level, relation: r.relation, mode: r.mode }))) };
}

/**
 * The policy in force for this database: from the process's cache when one is registered, else
 * read (a process without RoutingPolicyService, e.g. a script). With no version row at all, the
 * built-in default of DESIGN §3 (version 0).
 */
export async function activeRoutingPolicy(em: EntityManager): Promise<ActivePolicy> {
  const source = sources.get(em.dataSource);
  if (source) return source.forManager(em);
  return (await loadPolicyVersion(em)) ?? { version: 0, policy: DEFAULT_KPU_POLICY };
}
