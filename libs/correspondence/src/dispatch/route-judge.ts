import type { EntityManager } from 'typeorm';
import { DomainError } from '@naskah/core';
import {
  activeRoutingPolicy, assertDeliveryAllowed, checkForward, ForwardDecision, planRoute, RoutePlan, RouteStop, RoutingError, RoutingPolicy, RoutingViolation,
} from '../routing';
import { OfficeDirectory, officeDirectory, OfficePlace } from './office-directory';

/**
 * The one door from dispatch to the routing rule (libs/correspondence/src/routing): every send,
 * forward, return and registration asks here, so no API input can deliver where the rule does
 * not allow. Routing errors become DomainErrors (422 naming the required route). The policy is the
 * version in force (`routing_policy_versions`, changed through the admin API): inside a
 * transaction (send, forward) the newest committed version, checked once per transaction; outside
 * (the drafting preview) the process's copy, dropped in every process when it changes.
 */
async function policyOf(em: EntityManager): Promise<RoutingPolicy> {
  try {
    return (await activeRoutingPolicy(em)).policy;
  } catch (err) {
    throw asDomainError(err);
  }
}

export function asDomainError(err: unknown): unknown {
  if (err instanceof RoutingViolation) return new DomainError(err.code, 'UNPROCESSABLE', err.message, err.details);
  if (err instanceof RoutingError) return new DomainError(err.code, err.kind, err.message, err.details);
  return err;
}

function judged<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asDomainError(err);
  }
}

export function officeOf(dir: OfficeDirectory, id: number | string): OfficePlace {
  const o = dir.get(id);
  if (!o) throw new DomainError('OFFICE_NOT_FOUND', 'UNPROCESSABLE', `Satker ${id} tidak ditemukan (unknown office)`);
  return o;
}

/** The route a new letter from `fromOfficeId` to `to` must take (see planRoute). */
export async function planDelivery(em: EntityManager, fromOfficeId: number, to: number | 'EXTERNAL'): Promise<{ plan: RoutePlan; dir: OfficeDirectory }> {
  const dir = await officeDirectory(em);
  const policy = await policyOf(em);
  const dest: RouteStop = to === 'EXTERNAL' ? 'EXTERNAL' : officeOf(dir, to);
  return { plan: judged(() => planRoute(officeOf(dir, fromOfficeId), dest, policy, dir.lookup)), dir };
}

/**
 * Refuses (422) a delivery from `fromOfficeId` straight to `toOfficeId` unless the rule allows it
 * for a letter bound for `finalOfficeId` (default: the recipient itself).
 */
export async function assertDirectDelivery(em: EntityManager, fromOfficeId: number, toOfficeId: number, finalOfficeId: number = toOfficeId): Promise<RoutePlan> {
  const dir = await officeDirectory(em);
  const policy = await policyOf(em);
  return judged(() => assertDeliveryAllowed(officeOf(dir, fromOfficeId), officeOf(dir, toOfficeId), policy, dir.lookup, officeOf(dir, finalOfficeId)));
}

/** What the holder of a to-be-forwarded letter must do next, judged from its own place. */
export async function nextHopFor(em: EntityManager, holderOfficeId: number, finalOfficeId: number): Promise<ForwardDecision> {
  const dir = await officeDirectory(em);
  const policy = await policyOf(em);
  return judged(() => checkForward(officeOf(dir, holderOfficeId), officeOf(dir, finalOfficeId), policy, dir.lookup));
}
