import type { RouteStop } from './routing.types';

/** A JSON-friendly picture of a route stop, for error details and API previews. */
export function stopSummary(stop: RouteStop): 'EXTERNAL' | { id: string; code: string; level: string; name?: string } {
  return stop === 'EXTERNAL' ? stop : { id: stop.id, code: stop.code, level: stop.level, ...(stop.name ? { name: stop.name } : {}) };
}

export type RoutingViolationCode = 'ROUTING_VIA_PARENT_REQUIRED' | 'ROUTING_WRONG_NEXT_HOP' | 'ROUTING_FORBIDDEN';

/**
 * Someone tried to deliver a letter where the routing policy does not allow it: directly where it
 * must go via the parent office, to the wrong next office, or where the policy forbids sending.
 * `requiredRoute` is the route the policy computes (sender first). Map to a DomainError with
 * `new DomainError(e.code, e.kind, e.message, e.details)`.
 */
export class RoutingViolation extends Error {
  readonly kind: 'UNPROCESSABLE' | 'FORBIDDEN';

  constructor(
    readonly code: RoutingViolationCode,
    message: string,
    readonly requiredRoute: RouteStop[],
    readonly requiredDeliverTo: RouteStop | null,
    readonly attempted: RouteStop,
  ) {
    super(message);
    this.name = 'RoutingViolation';
    this.kind = code === 'ROUTING_FORBIDDEN' ? 'FORBIDDEN' : 'UNPROCESSABLE';
  }

  get details(): Record<string, unknown> {
    return {
      requiredRoute: this.requiredRoute.map(stopSummary),
      requiredDeliverTo: this.requiredDeliverTo === null ? null : stopSummary(this.requiredDeliverTo),
      attempted: stopSummary(this.attempted),
    };
  }
}

export type RoutingErrorCode =
  | 'ROUTING_POLICY_INVALID'
  | 'ROUTING_RULE_MISSING'
  | 'ROUTING_HIERARCHY_INVALID'
  | 'ROUTING_LOOP'
  | 'ROUTING_ROUTE_TOO_LONG';

/** The policy or the office hierarchy is malformed (configuration or data, not the user's doing). */
export class RoutingError extends Error {
  readonly kind = 'UNPROCESSABLE' as const;

  constructor(
    readonly code: RoutingErrorCode,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'RoutingError';
  }

  get details(): { problems: string[] } {
    return { problems: this.problems };
  }
}
