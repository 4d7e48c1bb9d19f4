import fc from 'fast-check';
import {
  assertDeliveryAllowed,
  checkForward,
  DEFAULT_KPU_POLICY,
  parsePolicyRows,
  planRoute,
  REQUIRED_RULES,
  RoutingViolation,
  ROUTING_MODES,
  type RouteStop,
  type RoutingPolicy,
  type RoutingRule,
} from './index';
import { BIMA, BOGOR, codes, JABAR, lookup, NTB, OFFICES, RI, SUMBAWA } from './offices.fixture';

const at = (code: string): RouteStop => (code === 'EXTERNAL' ? 'EXTERNAL' : lookup(code)!);
const P = DEFAULT_KPU_POLICY;

function violationOf(run: () => unknown): RoutingViolation {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(RoutingViolation);
    return e as RoutingViolation;
  }
  throw new Error('expected a RoutingViolation');
}

describe('planRoute under the default policy — every cell', () => {
  it.each([
    // from, to, mode, deliverTo, expected route
    ['5204', 'RI', 'VIA_PARENT', '52', ['5204', '52', 'RI']],
    ['5204', '52', 'DIRECT', '52', ['5204', '52']],
    ['5204', '32', 'VIA_PARENT', '52', ['5204', '52', '32']],
    ['5204', '5206', 'DIRECT', '5206', ['5204', '5206']],
    ['5204', '3201', 'VIA_PARENT', '52', ['5204', '52', '3201']],
    ['5204', 'EXTERNAL', 'DIRECT', 'EXTERNAL', ['5204', 'EXTERNAL']],
    ['5204', '5204', 'DIRECT', '5204', ['5204', '5204']],
    ['52', 'RI', 'DIRECT', 'RI', ['52', 'RI']],
    ['52', '52', 'DIRECT', '52', ['52', '52']],
    ['52', '32', 'DIRECT', '32', ['52', '32']],
    ['52', '5204', 'DIRECT', '5204', ['52', '5204']],
    ['52', '3201', 'DIRECT', '3201', ['52', '3201']],
    ['52', 'EXTERNAL', 'DIRECT', 'EXTERNAL', ['52', 'EXTERNAL']],
    ['RI', 'RI', 'DIRECT', 'RI', ['RI', 'RI']],
    ['RI', '52', 'DIRECT', '52', ['RI', '52']],
    ['RI', '3201', 'DIRECT', '3201', ['RI', '3201']],
    ['RI', 'EXTERNAL', 'DIRECT', 'EXTERNAL', ['RI', 'EXTERNAL']],
  ])('%s → %s: %s, deliver to %s', (from, to, mode, deliverTo, route) => {
    const plan = planRoute(lookup(from)!, at(to), P, lookup);
    expect(plan.mode).toBe(mode);
    expect(codes([plan.deliverTo!])).toEqual([deliverTo]);
    expect(plan.toBeForwarded).toBe(mode === 'VIA_PARENT');
    expect(codes(plan.hops)).toEqual(route);
    expect(plan.finalDestination).toBe(at(to));
  });
});

describe('planRoute — the hierarchy at work', () => {
  it('Kab Sumbawa → KPU RI: delivered to Provinsi NTB, to be forwarded, judged again from there', () => {
    const plan = planRoute(SUMBAWA, RI, P, lookup);
    expect(plan).toMatchObject({ mode: 'VIA_PARENT', relation: 'KPU_RI', deliverTo: NTB, toBeForwarded: true, finalDestination: RI });
    expect(plan.steps.map((s) => [s.from.code, s.relation, s.mode])).toEqual([
      ['5204', 'KPU_RI', 'VIA_PARENT'],
      ['52', 'KPU_RI', 'DIRECT'],
    ]);
  });

  it('Kab Sumbawa → Kab Bogor: via NTB, which writes to Bogor directly', () => {
    expect(codes(planRoute(SUMBAWA, BOGOR, P, lookup).hops)).toEqual(['5204', '52', '3201']);
  });

  it('takes three steps when the Provinsi must also go through KPU RI', () => {
    const strict = P.map((r) => (r.fromLevel === 'PROVINSI' && r.relation === 'KABKOTA_OTHER_PROVINCE' ? { ...r, mode: 'VIA_PARENT' as const } : r));
    expect(codes(planRoute(SUMBAWA, BOGOR, strict, lookup).hops)).toEqual(['5204', '52', 'RI', '3201']);
  });

  it('stops forwarding when the parent is the destination', () => {
    const viaForOwn = P.map((r) => (r.fromLevel === 'KABKOTA' && r.relation === 'OWN_PROVINSI' ? { ...r, mode: 'VIA_PARENT' as const } : r));
    const plan = planRoute(SUMBAWA, NTB, viaForOwn, lookup);
    expect(plan).toMatchObject({ deliverTo: NTB, toBeForwarded: false });
    expect(codes(plan.hops)).toEqual(['5204', '52']);
  });

  it('is FORBIDDEN as a whole when an office on the way may not send on', () => {
    const noOther = P.map((r) => (r.fromLevel === 'PROVINSI' && r.relation === 'KABKOTA_OTHER_PROVINCE' ? { ...r, mode: 'FORBIDDEN' as const } : r));
    const plan = planRoute(SUMBAWA, BOGOR, noOther, lookup);
    expect(plan).toMatchObject({ mode: 'FORBIDDEN', deliverTo: null, toBeForwarded: false, blockedAt: NTB });
    expect(codes(plan.hops)).toEqual(['5204', '52']);
  });
});

describe('planRoute — malformed data', () => {
  it('detects a loop in inconsistent hierarchy data', () => {
    // the lookup answers "52" with an office claiming to be 5204 itself
    const loopy = (id: string) => (id === '52' ? { ...NTB, id: '5204' } : lookup(id));
    expect(() => planRoute(SUMBAWA, RI, P, loopy)).toThrow(expect.objectContaining({ code: 'ROUTING_LOOP' }));
  });

  it('refuses VIA_PARENT from a Provinsi stored without a parent', () => {
    const orphan = { ...NTB, parentId: null };
    const viaRi = P.map((r) => (r.fromLevel === 'PROVINSI' && r.relation === 'KPU_RI' ? { ...r, mode: 'VIA_PARENT' as const } : r));
    expect(() => planRoute(orphan, RI, viaRi, lookup)).toThrow(expect.objectContaining({ code: 'ROUTING_HIERARCHY_INVALID' }));
  });

  it('refuses a policy with a missing rule or an unlawful one', () => {
    expect(() => planRoute(SUMBAWA, RI, [], lookup)).toThrow(expect.objectContaining({ code: 'ROUTING_RULE_MISSING' }));
    const riVia: RoutingPolicy = [...P.filter((r) => r.fromLevel !== 'RI'), { fromLevel: 'RI', relation: 'EXTERNAL', mode: 'VIA_PARENT' }];
    expect(() => planRoute(RI, 'EXTERNAL', riVia, lookup)).toThrow(expect.objectContaining({ code: 'ROUTING_POLICY_INVALID' }));
  });
});

describe('checkForward', () => {
  it('tells Provinsi NTB to forward the Kab/Kota letter to KPU RI', () => {
    expect(checkForward(NTB, RI, P, lookup)).toMatchObject({ action: 'FORWARD', nextHop: RI, toBeForwarded: false });
  });

  it('answers ARRIVED at the destination, FORBIDDEN where the policy blocks', () => {
    expect(checkForward(RI, RI, P, lookup)).toEqual({ action: 'ARRIVED', plan: null });
    const blocked = P.map((r) => (r.fromLevel === 'PROVINSI' && r.relation === 'KPU_RI' ? { ...r, mode: 'FORBIDDEN' as const } : r));
    expect(checkForward(NTB, RI, blocked, lookup).action).toBe('FORBIDDEN');
  });
});

describe('assertDeliveryAllowed', () => {
  it('refuses Kab Sumbawa → KPU RI directly, naming the required route', () => {
    const v = violationOf(() => assertDeliveryAllowed(SUMBAWA, RI, P, lookup));
    expect(v.code).toBe('ROUTING_VIA_PARENT_REQUIRED');
    expect(v.kind).toBe('UNPROCESSABLE');
    expect(codes(v.requiredRoute)).toEqual(['5204', '52', 'RI']);
    expect(v.requiredDeliverTo).toBe(NTB);
    expect(v.message).toBe(
      'Surat dari KPU Kabupaten/Kota ke KPU RI wajib melalui KPU Provinsi Nusa Tenggara Barat untuk diteruskan; ' +
        'rute: KPU Kabupaten Sumbawa → KPU Provinsi Nusa Tenggara Barat → KPU RI (must be sent via the parent office)',
    );
    expect(v.details).toMatchObject({ requiredRoute: [{ code: '5204' }, { code: '52' }, { code: 'RI' }], requiredDeliverTo: { id: '52' }, attempted: { id: 'RI' } });
  });

  it('allows the delivery to the parent when the final destination is given, and returns the plan', () => {
    expect(codes(assertDeliveryAllowed(SUMBAWA, NTB, P, lookup, RI).hops)).toEqual(['5204', '52', 'RI']);
    expect(assertDeliveryAllowed(NTB, RI, P, lookup).mode).toBe('DIRECT');
  });

  it('refuses a forward to the wrong next office', () => {
    const v = violationOf(() => assertDeliveryAllowed(NTB, JABAR, P, lookup, BOGOR));
    expect(v.code).toBe('ROUTING_WRONG_NEXT_HOP');
    expect(v.message).toMatch(/^Surat ini harus dikirim ke KPU Kabupaten Bogor, bukan ke KPU Provinsi Jawa Barat/);
  });

  it('refuses a needless detour through the parent', () => {
    expect(violationOf(() => assertDeliveryAllowed(SUMBAWA, NTB, P, lookup, BIMA)).code).toBe('ROUTING_WRONG_NEXT_HOP');
  });

  it('refuses a forbidden route with kind FORBIDDEN', () => {
    const noExternal = P.map((r) => (r.fromLevel === 'KABKOTA' && r.relation === 'EXTERNAL' ? { ...r, mode: 'FORBIDDEN' as const } : r));
    const v = violationOf(() => assertDeliveryAllowed(SUMBAWA, 'EXTERNAL', noExternal, lookup));
    expect(v).toMatchObject({ code: 'ROUTING_FORBIDDEN', kind: 'FORBIDDEN', requiredDeliverTo: null });
    expect(v.message).toMatch(/^Surat dari KPU Kabupaten\/Kota ke pihak eksternal tidak diizinkan/);
  });
});

describe('hierarchy is law: no Kab/Kota ever delivers straight to KPU RI', () => {
  const kabkota = OFFICES.filter((o) => o.level === 'KABKOTA');
  const destinations: RouteStop[] = [...OFFICES, 'EXTERNAL'];

  function assertNoBypass(policy: RoutingPolicy): void {
    for (const sender of kabkota) {
      for (const final of destinations) {
        const plan = planRoute(sender, final, policy, lookup);
        expect(plan.deliverTo === null || plan.deliverTo === 'EXTERNAL' || plan.deliverTo.level !== 'RI').toBe(true);
        expect(() => assertDeliveryAllowed(sender, RI, policy, lookup, final)).toThrow(RoutingViolation);
      }
    }
  }

  it('under the default policy, for every destination', () => {
    assertNoBypass(P);
  });

  it('under every lawful policy (property)', () => {
    const modes = fc.constantFrom(...ROUTING_MODES);
    const rows = fc.tuple(...REQUIRED_RULES.map(([fromLevel, relation]) => modes.map((mode): RoutingRule => ({ fromLevel, relation, mode }))));
    fc.assert(
      fc.property(rows, (candidate) => {
        let policy: RoutingPolicy;
        try {
          policy = parsePolicyRows(candidate);
        } catch {
          return candidate.some((r) => (r.fromLevel === 'RI' && r.mode === 'VIA_PARENT') || (r.fromLevel === 'KABKOTA' && r.relation === 'KPU_RI' && r.mode === 'DIRECT'));
        }
        assertNoBypass(policy);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
