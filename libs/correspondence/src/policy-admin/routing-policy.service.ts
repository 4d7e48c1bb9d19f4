import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, DomainError, notFound } from '@naskah/core';
import { Actor, AuditService } from '@naskah/audit';
import { inTransaction } from '@naskah/db';
import { ActingPositionsCache } from '@naskah/identity';
import {
  ActivePolicy, DEFAULT_KPU_POLICY, loadPolicyVersion, MODE_LABELS, parsePolicyRows, policyDiff, policyMatrix, policyRows, PolicyRowView, registerRoutingPolicySource,
  RoutingError, RoutingPolicy, RoutingPolicySource, RoutingRule, ROUTING_MODES, unlawfulCells,
} from '../routing';

export const ROUTING_POLICY_TOPIC = 'routing-policy';

export interface RoutingPolicyVersionView {
  id: number;
  effectiveFrom: Date | null;
  reason: string;
  changedBy: { userId: number; fullName: string | null } | null;
}

export interface RoutingPolicyView {
  version: RoutingPolicyVersionView;
  /** The cells as PUT takes them back. */
  rules: RoutingRule[];
  /** The same cells with labels (Bahasa Indonesia), rows by sender level. */
  matrix: PolicyRowView[];
  modes: { mode: string; label: string }[];
}

/**
 * The routing policy as data (DESIGN §3 and §7): versions of the whole matrix, the newest in
 * force. Each process keeps the policy in force (at most CACHE_MS, dropped in every process through
 * the identity-changes channel when it changes); a transaction (sending, forwarding) checks the
 * newest version id once, so a letter sent after a change is routed by it in every process.
 */
@Injectable()
export class RoutingPolicyService implements RoutingPolicySource {
  static readonly CACHE_MS = 30_000;
  private cached: { at: number; active: ActivePolicy } | null = null;
  /** Bumped by every invalidation: a read that started before one is not kept. */
  private epoch = 0;
  private readonly perTransaction = new WeakMap<EntityManager, Promise<ActivePolicy>>();

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly changes: ActingPositionsCache,
  ) {
    changes.onTopic(ROUTING_POLICY_TOPIC, () => this.drop());
    registerRoutingPolicySource(ds, this);
  }

  private drop(): void {
    this.epoch++;
    this.cached = null;
  }

  forManager(em: EntityManager): Promise<ActivePolicy> {
    if (!em.queryRunner?.isTransactionActive) return this.active();
    let found = this.perTransaction.get(em);
    if (!found) {
      found = this.newest(em);
      this.perTransaction.set(em, found);
      found.catch(() => this.perTransaction.delete(em));
    }
    return found;
  }

  /** The policy in force, from this process's copy. */
  async active(): Promise<ActivePolicy> {
    const hit = this.cached;
    if (hit && Date.now() - hit.at < RoutingPolicyService.CACHE_MS) return hit.active;
    return this.load(this.ds.manager);
  }

  /** Inside a transaction: the newest committed version (one probe of its id), its rules from the copy when it holds that version. */
  private async newest(em: EntityManager): Promise<ActivePolicy> {
    const [row] = await em.query('SELECT MAX(id) AS id FROM routing_policy_versions');
    const version = row?.id == null ? 0 : Number(row.id);
    const hit = this.cached;
    if (hit && hit.active.version === version) return hit.active;
    return this.load(em);
  }

  private async load(em: EntityManager): Promise<ActivePolicy> {
    const epoch = this.epoch;
    const active = (await loadPolicyVersion(em)) ?? { version: 0, policy: DEFAULT_KPU_POLICY };
    if (epoch === this.epoch && (!this.cached || this.cached.active.version <= active.version)) this.cached = { at: Date.now(), active };
    return active;
  }

  async view(): Promise<RoutingPolicyView> {
    const active = await this.load(this.ds.manager);
    return this.viewOf(active);
  }

  async versions(): Promise<RoutingPolicyVersionView[]> {
    const rows = await this.ds.query(
      `SELECT v.id, v.effective_from, v.reason, v.created_by_user_id, u.full_name FROM routing_policy_versions v
       LEFT JOIN users u ON u.id = v.created_by_user_id ORDER BY v.id DESC LIMIT 200`,
    );
    return rows.map(versionOf);
  }

  async version(id: number): Promise<RoutingPolicyView> {
    const found = await loadPolicyVersion(this.ds.manager, id);
    if (!found) throw notFound('Versi kebijakan rute', id, 'ROUTING_POLICY_VERSION');
    return this.viewOf(found);
  }

  /**
   * Replaces the whole matrix: validated by `parsePolicyRows` (422 ROUTING_POLICY_INVALID listing
   * every problem, `details.cells` naming each unlawful cell; nothing is written), then written as
   * a new version in force from its commit, audited with who and why. `baseVersion`, when given,
   * must still be the version in force (409 otherwise). The same matrix again writes nothing.
   */
  async change(actor: Actor, input: { rules: unknown; reason: string; baseVersion?: number }): Promise<RoutingPolicyView & { changed: boolean }> {
    let policy: RoutingPolicy;
    try {
      policy = parsePolicyRows(input.rules);
    } catch (err) {
      if (!(err instanceof RoutingError)) throw err;
      throw new DomainError(err.code, 'UNPROCESSABLE', err.message, { problems: err.problems, cells: unlawfulCells(input.rules) });
    }
    const changed = await inTransaction(this.ds, async (em) => {
      // changes one at a time: every writer locks the first version row
      await em.query('SELECT id FROM routing_policy_versions ORDER BY id LIMIT 1 FOR UPDATE');
      const current = (await loadPolicyVersion(em)) ?? { version: 0, policy: DEFAULT_KPU_POLICY };
      if (input.baseVersion !== undefined && input.baseVersion !== current.version) {
        throw conflict('ROUTING_POLICY_VERSION_CHANGED', `Kebijakan rute sudah diubah (versi ${current.version}); muat ulang lalu ubah lagi`, { currentVersion: current.version });
      }
      const diff = policyDiff(current.policy, policy);
      if (!diff.length) return false;
      const res = await em.query('INSERT INTO routing_policy_versions (created_by_user_id, reason) VALUES (?, ?)', [actor.userId, input.reason]);
      const id = Number(res.insertId);
      await em.query(
        `INSERT INTO routing_policy_rules (version_id, from_level, relation, mode) VALUES ${policy.map(() => '(?, ?, ?, ?)').join(', ')}`,
        policy.flatMap((r) => [id, r.fromLevel, r.relation, r.mode]),
      );
      await this.audit.record(em, actor, {
        action: 'ROUTING_POLICY_CHANGED', entityType: 'routing_policy', entityId: id,
        before: { version: current.version, cells: diff.map(({ fromLevel, relation, from }) => ({ fromLevel, relation, mode: from })) },
        after: { version: id, reason: input.reason, cells: diff.map(({ fromLevel, relation, to }) => ({ fromLevel, relation, mode: to })) },
      });
      // in force from the commit: the last statement before it
      await em.query('UPDATE routing_policy_versions SET effective_from = CURRENT_TIMESTAMP(3) WHERE id = ?', [id]);
      return true;
    });
    if (changed) await this.changes.announce(ROUTING_POLICY_TOPIC);
    return { ...(await this.view()), changed };
  }

  private async viewOf(active: ActivePolicy): Promise<RoutingPolicyView> {
    const [row] = await this.ds.query(
      `SELECT v.id, v.effective_from, v.reason, v.created_by_user_id, u.full_name FROM routing_policy_versions v
       LEFT JOIN users u ON u.id = v.created_by_user_id WHERE v.id = ?`,
      [active.version],
    );
    return {
      version: row ? versionOf(row) : { id: 0, effectiveFrom: null, reason: 'Kebijakan bawaan (DESIGN §3)', changedBy: null },
      rules: policyRows(active.policy),
      matrix: policyMatrix(active.policy),
      modes: ROUTING_MODES.map((mode) => ({ mode, label: MODE_LABELS[mode] })),
    };
  }
}

function versionOf(r: Record<string, unknown>): RoutingPolicyVersionView {
  return {
    id: Number(r.id),
    effectiveFrom: (r.effective_from as Date) ?? null,
    reason: String(r.reason),
    changedBy: r.created_by_user_id == null ? null : { userId: Number(r.created_by_user_id), fullName: (r.full_name as string) ?? null },
  };
}
