import { classify, parentOffice, sameStop } from './classify-relation';
import { LEVEL_LABELS, RELATION_LABELS, routeLabel, stopLabel } from './route-labels';
import { RoutingError, RoutingViolation } from './routing.errors';
import { modeFor } from './routing-policy';
import type { OfficeLookup, OfficeRef, RoutePlan, RouteStep, RouteStop, RoutingPolicy } from './routing.types';

/** Kab/Kota → Provinsi → KPU RI → destination is the longest lawful route. */
export const MAX_ROUTE_STEPS = 3;

/**
 * The route a letter from `from` to `to` must take. Each office on the way is judged from its own
 * place: DIRECT delivers to `to`; VIA_PARENT delivers to the office's parent, which is judged
 * again; FORBIDDEN stops the route (the whole plan is then FORBIDDEN). Kab Sumbawa → KPU RI:
 * deliver to Provinsi NTB, to be forwarded, route [5204, 52, RI]. Throws RoutingError on a
 * missing rule, a broken hierarchy, a loop, or a route longer than MAX_ROUTE_STEPS.
 */
export function planRoute(from: OfficeRef, to: RouteStop, policy: RoutingPolicy, lookup: OfficeLookup): RoutePlan {
  const steps: RouteStep[] = [];
  const visited = new Set<string>([from.id]);
  let at = from;
  for (;;) {
    if (steps.length === MAX_ROUTE_STEPS) {
      throw new RoutingError('ROUTING_ROUTE_TOO_LONG', `Rute lebih dari ${MAX_ROUTE_STEPS} langkah (route too long)`, [routeLabel([from, ...steps.map((s) => s.next as RouteStop)])]);
    }
    const relation = classify(at, to, lookup);
    const mode = modeFor(policy, at.level, relation);
    if (mode !== 'VIA_PARENT') {
      steps.push({ from: at, relation, mode, next: mode === 'DIRECT' ? to : null });
      break;
    }
    const parent = parentOffice(at, lookup);
    if (!parent) throw new RoutingError('ROUTING_HIERARCHY_INVALID', 'Data hierarki satker tidak valid (invalid office hierarchy)', [`${stopLabel(at)} tidak memiliki induk untuk meneruskan surat`]);
    if (visited.has(parent.id)) {
      throw new RoutingError('ROUTING_LOOP', 'Rute berputar (routing loop)', [`${routeLabel([from, ...steps.map((s) => s.next as RouteStop), parent])}`]);
    }
    visited.add(parent.id);
    steps.push({ from: at, relation, mode, next: parent });
    if (sameStop(parent, to)) break;
    at = parent;
  }
  const last = steps[steps.length - 1];
  const forbidden = last.mode === 'FORBIDDEN';
  const first = steps[0];
  return {
    mode: forbidden ? 'FORBIDDEN' : first.mode,
    relation: first.relation,
    deliverTo: forbidden ? null : first.next,
    toBeForwarded: !forbidden && !sameStop(first.next, to),
    finalDestination: to,
    hops: [from, ...steps.flatMap((s) => (s.next === null ? [] : [s.next]))],
    steps,
    ...(forbidden ? { blockedAt: last.from } : {}),
  };
}

export type ForwardDecision =
  /** The holder is the final destination: nothing to forward. */
  | { action: 'ARRIVED'; plan: null }
  /** Send on to `nextHop` (itself to forward again when `toBeForwarded`). */
  | { action: 'FORWARD'; nextHop: RouteStop; toBeForwarded: boolean; plan: RoutePlan }
  /** The policy does not let the holder send it on; it can only return it to the sender. */
  | { action: 'FORBIDDEN'; plan: RoutePlan };

/**
 * What an office holding a letter marked "to be forwarded" may do next: the next hop is the one
 * the policy computes from the holder's own place. (Returning the letter with a reason is always
 * open and is not a routing question.)
 */
export function checkForward(currentHolder: OfficeRef, finalDestination: RouteStop, policy: RoutingPolicy, lookup: OfficeLookup): ForwardDecision {
  if (sameStop(currentHolder, finalDestination)) return { action: 'ARRIVED', plan: null };
  const plan = planRoute(currentHolder, finalDestination, policy, lookup);
  if (plan.deliverTo === null) return { action: 'FORBIDDEN', plan };
  return { action: 'FORWARD', nextHop: plan.deliverTo, toBeForwarded: plan.toBeForwarded, plan };
}

/**
 * Refuses a delivery the policy does not allow and returns the plan otherwise. `sender` delivers
 * to `directRecipient` a letter whose final destination is `finalDestination` (by default the
 * recipient itself: a new letter; pass it when forwarding). Throws RoutingViolation:
 * ROUTING_VIA_PARENT_REQUIRED when the letter must go via the parent office,
 * ROUTING_WRONG_NEXT_HOP when another office is the next hop, ROUTING_FORBIDDEN when the policy
 * forbids the route.
 */
export function assertDeliveryAllowed(
  sender: OfficeRef,
  directRecipient: RouteStop,
  policy: RoutingPolicy,
  lookup: OfficeLookup,
  finalDestination: RouteStop = directRecipient,
): RoutePlan {
  const plan = planRoute(sender, finalDestination, policy, lookup);
  if (plan.deliverTo !== null && sameStop(plan.deliverTo, directRecipient)) return plan;
  const towards = `Surat dari ${LEVEL_LABELS[sender.level]} ke ${RELATION_LABELS[plan.relation]}`;
  if (plan.deliverTo === null) {
    const blocked = plan.blockedAt && !sameStop(plan.blockedAt, sender) ? `: ${stopLabel(plan.blockedAt)} tidak dapat meneruskannya` : '';
    throw new RoutingViolation('ROUTING_FORBIDDEN', `${towards} tidak diizinkan oleh kebijakan rute${blocked} (routing policy forbids this delivery)`, plan.hops, null, directRecipient);
  }
  const route = routeLabel(plan.hops);
  if (plan.mode === 'VIA_PARENT') {
    const message = `${towards} wajib melalui ${stopLabel(plan.deliverTo)} untuk diteruskan; rute: ${route} (must be sent via the parent office)`;
    throw new RoutingViolation('ROUTING_VIA_PARENT_REQUIRED', message, plan.hops, plan.deliverTo, directRecipient);
  }
  const message = `Surat ini harus dikirim ke ${stopLabel(plan.deliverTo)}, bukan ke ${stopLabel(directRecipient)}; rute: ${route} (wrong next hop)`;
  throw new RoutingViolation('ROUTING_WRONG_NEXT_HOP', message, plan.hops, plan.deliverTo, directRecipient);
}
