import type { EntityManager } from 'typeorm';
import type { OrganisationService } from '@naskah/organisation';
import type { RoutePlan, RouteStop } from '../routing';
import { explainPlan } from './plan-targets';
import type { RecipientGroup } from './recipient-groups';
import { relayPosition } from './relay-position';
import { RecipientRef, resolveAddressees } from './resolve-addressees';
import { planDelivery } from './route-judge';

export interface RouteHopPreview {
  officeId: number | null;
  code: string | null;
  name: string;
  level: string | null;
}

export interface DeliverToPreview {
  officeId: number;
  officeName: string;
  positionId: number;
  positionTitle: string;
}

/** The members of a group that travel the same way: sent straight to each, or all through one relay office. */
export interface GroupRoutePreview {
  mode: RoutePlan['mode'];
  toBeForwarded: boolean;
  /** How many members travel this way. */
  count: number;
  /** The relay (Sekretaris of the parent office) when VIA_PARENT; null when each member receives it directly. */
  deliverTo: DeliverToPreview | null;
  /** The route of one of them in words (Bahasa Indonesia). */
  explanation: string;
}

/** A group or distribution list, summarised: never one row per member. */
export interface GroupPreview {
  /** What the letter prints after "Yth." */
  label: string;
  members: number;
  excludedSender: boolean;
  /** Members also named by another recipient (one delivery each; TO wins over CC). */
  merged: number;
  routes: GroupRoutePreview[];
}

/** How one addressee or copy will travel, for the drafting screen. */
export interface RoutePreview {
  kind: 'TO' | 'CC';
  recipient: {
    officeId: number | null;
    positionId: number | null;
    externalName: string | null;
    group?: RecipientGroup | null;
    provinceOfficeId?: number | null;
    distributionListId?: number | null;
  };
  /** For a group: the strictest mode among its members (FORBIDDEN, then VIA_PARENT, then DIRECT). */
  mode: RoutePlan['mode'];
  /** For a group: true when any member's copy goes through a relay. */
  toBeForwarded: boolean;
  /** Where the delivery lands first (the Sekretaris of the parent office when VIA_PARENT); null for external parties and groups. */
  deliverTo: DeliverToPreview | null;
  /** Offices on the route, sender first (a group: the sender only; see `group.routes`). */
  hops: RouteHopPreview[];
  /** The route in words (Bahasa Indonesia). */
  explanation: string;
  /** Set for a group or distribution list recipient. */
  group?: GroupPreview;
}

const hopOf = (s: RouteStop): RouteHopPreview =>
  s === 'EXTERNAL' ? { officeId: null, code: null, name: 'Pihak eksternal', level: null } : { officeId: Number(s.id), code: s.code, name: s.name ?? s.code, level: s.level };

const STRICTNESS: RoutePlan['mode'][] = ['DIRECT', 'VIA_PARENT', 'FORBIDDEN'];

export async function previewRoutes(em: EntityManager, org: OrganisationService, fromOfficeId: number, recipients: RecipientRef[]): Promise<RoutePreview[]> {
  const { internal, groups } = await resolveAddressees(em, recipients, { senderOfficeId: fromOfficeId });
  const plans = new Map<number, Awaited<ReturnType<typeof planDelivery>>>();
  const planOf = async (officeId: number) => {
    if (!plans.has(officeId)) plans.set(officeId, await planDelivery(em, fromOfficeId, officeId));
    return plans.get(officeId)!;
  };
  const relays = new Map<number, number>();
  const relayOf = async (officeId: number) => {
    if (!relays.has(officeId)) relays.set(officeId, await relayPosition(org, officeId));
    return relays.get(officeId)!;
  };
  const pending: DeliverToPreview[] = [];
  const deliverTo = async (plan: RoutePlan, dir: Awaited<ReturnType<typeof planDelivery>>['dir'], addresseePositionId: number): Promise<DeliverToPreview | null> => {
    if (!plan.deliverTo || plan.deliverTo === 'EXTERNAL') return null;
    const officeId = Number(plan.deliverTo.id);
    const positionId = plan.toBeForwarded ? await relayOf(officeId) : addresseePositionId;
    const d = { officeId, officeName: dir.get(officeId)?.name ?? String(officeId), positionId, positionTitle: '' };
    pending.push(d);
    return d;
  };

  const out: RoutePreview[] = [];
  for (const [i, r] of recipients.entries()) {
    const g = groups.find((x) => x.index === i);
    const recipient = {
      officeId: null as number | null, positionId: null as number | null, externalName: null as string | null,
      ...(g ? { group: g.group, provinceOfficeId: g.provinceOfficeId, distributionListId: g.distributionListId } : {}),
    };
    if (g) {
      // one summary row per way of travelling, not one row per member
      const routes = new Map<string, GroupRoutePreview>();
      let sender: RoutePlan['hops'][number] | null = null;
      for (const a of internal.filter((x) => x.from.includes(i))) {
        const { plan, dir } = await planOf(a.officeId);
        sender ??= plan.hops[0];
        const relay = plan.toBeForwarded && plan.deliverTo && plan.deliverTo !== 'EXTERNAL' ? plan.deliverTo.id : '';
        const key = `${plan.mode}/${relay}`;
        const route = routes.get(key);
        if (route) route.count += 1;
        else routes.set(key, { mode: plan.mode, toBeForwarded: plan.toBeForwarded, count: 1, deliverTo: relay ? await deliverTo(plan, dir, a.positionId) : null, explanation: explainPlan(plan) });
      }
      const list = [...routes.values()];
      const mode = list.reduce<RoutePlan['mode']>((m, x) => (STRICTNESS.indexOf(x.mode) > STRICTNESS.indexOf(m) ? x.mode : m), 'DIRECT');
      const parts = list.map((x) => (x.mode === 'FORBIDDEN' ? `${x.count} tidak diizinkan` : x.toBeForwarded ? `${x.count} melalui ${x.deliverTo?.officeName} untuk diteruskan` : `${x.count} dikirim langsung`));
      out.push({
        kind: r.kind, recipient, mode, toBeForwarded: list.some((x) => x.toBeForwarded), deliverTo: null, hops: sender ? [hopOf(sender)] : [],
        explanation: `${g.label}: ${g.members} satker/jabatan${g.excludedSender ? ' (satker pengirim tidak termasuk)' : ''}; ${parts.join(', ')}.`,
        group: { label: g.label, members: g.members, excludedSender: g.excludedSender, merged: g.merged, routes: list },
      });
      continue;
    }
    const a = internal.find((x) => x.from.includes(i));
    const { plan, dir } = a ? await planOf(a.officeId) : await planDelivery(em, fromOfficeId, 'EXTERNAL');
    out.push({
      kind: r.kind,
      recipient: { ...recipient, officeId: a?.officeId ?? null, positionId: a?.positionId ?? null, externalName: a ? null : (r.externalName ?? null) },
      mode: plan.mode, toBeForwarded: plan.toBeForwarded, deliverTo: a ? await deliverTo(plan, dir, a.positionId) : null, hops: plan.hops.map(hopOf), explanation: explainPlan(plan),
    });
  }
  const positionIds = [...new Set(pending.map((d) => d.positionId))];
  if (positionIds.length) {
    const rows = await em.query(`SELECT id, title FROM positions WHERE id IN (${positionIds.map(() => '?').join(', ')})`, positionIds);
    const titles = new Map<number, string>(rows.map((r: Record<string, unknown>) => [Number(r.id), String(r.title)]));
    for (const d of pending) d.positionTitle = titles.get(d.positionId) ?? '';
  }
  return out;
}
