import type { EntityManager } from 'typeorm';
import type { OrganisationService } from '@naskah/organisation';
import type { RoutePlan, RouteStop } from '../routing';
import { explainPlan } from './plan-targets';
import { relayPosition } from './relay-position';
import { RecipientRef, resolveAddressees } from './resolve-addressees';
import { planDelivery } from './route-judge';

export interface RouteHopPreview {
  officeId: number | null;
  code: string | null;
  name: string;
  level: string | null;
}

/** How one addressee or copy will travel, for the drafting screen. */
export interface RoutePreview {
  kind: 'TO' | 'CC';
  recipient: { officeId: number | null; positionId: number | null; externalName: string | null };
  mode: RoutePlan['mode'];
  toBeForwarded: boolean;
  /** Where the delivery lands first (the Sekretaris of the parent office when VIA_PARENT); null for external parties. */
  deliverTo: { officeId: number; officeName: string; positionId: number; positionTitle: string } | null;
  /** Offices on the route, sender first. */
  hops: RouteHopPreview[];
  /** The route in words (Bahasa Indonesia). */
  explanation: string;
}

const hopOf = (s: RouteStop): RouteHopPreview =>
  s === 'EXTERNAL' ? { officeId: null, code: null, name: 'Pihak eksternal', level: null } : { officeId: Number(s.id), code: s.code, name: s.name ?? s.code, level: s.level };

export async function previewRoutes(em: EntityManager, org: OrganisationService, fromOfficeId: number, recipients: RecipientRef[]): Promise<RoutePreview[]> {
  const { internal } = await resolveAddressees(em, recipients);
  const byIndex = new Map(internal.map((a) => [a.index, a]));
  const out: RoutePreview[] = [];
  const titles = new Map<number, string>();
  const positionIds: number[] = [];
  const pending: { preview: RoutePreview; positionId: number }[] = [];
  for (const [i, r] of recipients.entries()) {
    const a = byIndex.get(i);
    const { plan, dir } = await planDelivery(em, fromOfficeId, a ? a.officeId : 'EXTERNAL');
    const preview: RoutePreview = {
      kind: r.kind,
      recipient: { officeId: a?.officeId ?? null, positionId: a?.positionId ?? null, externalName: a ? null : (r.externalName ?? null) },
      mode: plan.mode, toBeForwarded: plan.toBeForwarded, deliverTo: null, hops: plan.hops.map(hopOf), explanation: explainPlan(plan),
    };
    if (a && plan.deliverTo && plan.deliverTo !== 'EXTERNAL') {
      const officeId = Number(plan.deliverTo.id);
      const positionId = plan.toBeForwarded ? await relayPosition(org, officeId) : a.positionId;
      preview.deliverTo = { officeId, officeName: dir.get(officeId)?.name ?? String(officeId), positionId, positionTitle: '' };
      positionIds.push(positionId);
      pending.push({ preview, positionId });
    }
    out.push(preview);
  }
  if (positionIds.length) {
    const rows = await em.query(`SELECT id, title FROM positions WHERE id IN (${positionIds.map(() => '?').join(', ')})`, positionIds);
    for (const r of rows) titles.set(Number(r.id), String(r.title));
    for (const { preview, positionId } of pending) preview.deliverTo!.positionTitle = titles.get(positionId) ?? '';
  }
  return out;
}
