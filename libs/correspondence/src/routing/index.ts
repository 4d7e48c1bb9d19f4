export {
  OFFICE_LEVELS,
  RELATIONS,
  ROUTING_MODES,
  type OfficeLevel,
  type OfficeLookup,
  type OfficeRef,
  type Relation,
  type RoutePlan,
  type RouteStep,
  type RouteStop,
  type RoutingMode,
  type RoutingPolicy,
  type RoutingRule,
} from './routing.types';
export { DEFAULT_KPU_POLICY, REQUIRED_RULES, modeFor, parsePolicyRows, unlawfulRule } from './routing-policy';
export { classify, parentOffice, sameStop } from './classify-relation';
export { MAX_ROUTE_STEPS, assertDeliveryAllowed, checkForward, planRoute, type ForwardDecision } from './route-planner';
export { LEVEL_LABELS, RELATION_LABELS, routeLabel, stopLabel } from './route-labels';
export {
  RoutingError,
  RoutingViolation,
  stopSummary,
  type RoutingErrorCode,
  type RoutingViolationCode,
} from './routing.errors';
export { MODE_LABELS, allowedModes, matrixCells, policyDiff, policyMatrix, policyRows, unlawfulCells, type PolicyCellView, type PolicyRowView } from './policy-matrix';
export { activeRoutingPolicy, loadPolicyVersion, registerRoutingPolicySource, type ActivePolicy, type RoutingPolicySource } from './active-policy';
