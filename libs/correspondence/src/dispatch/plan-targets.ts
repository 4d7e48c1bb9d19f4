import { LEVEL_LABELS, RELATION_LABELS, routeLabel, RoutePlan, stopLabel } from '../routing';
import type { TransmissionTarget } from './transmissions';

/** An addressee (tujuan) or copy (tembusan) resolved to a position. */
export interface Addressee {
  kind: 'TO' | 'CC';
  officeId: number;
  positionId: number;
}

/**
 * Applies the routing rule to each addressee: DIRECT delivers to the addressee itself; VIA_PARENT
 * delivers to the relay position (the Sekretaris) of the office the plan names, marked to be
 * forwarded, with the addressee kept as the final destination. FORBIDDEN never gets here
 * (`planOf` throws). Pure: the plans and relay positions come from the caller.
 */
export function targetsFor(addressees: Addressee[], planOf: (officeId: number) => RoutePlan, relayPositionOf: (officeId: number) => number): TransmissionTarget[] {
  return addressees.map((a) => {
    const plan = planOf(a.officeId);
    if (!plan.toBeForwarded) return { kind: a.kind, officeId: a.officeId, positionId: a.positionId, toBeForwarded: false, finalOfficeId: null, finalPositionId: null };
    const relayOffice = Number((plan.deliverTo as { id: string }).id);
    return { kind: a.kind, officeId: relayOffice, positionId: relayPositionOf(relayOffice), toBeForwarded: true, finalOfficeId: a.officeId, finalPositionId: a.positionId };
  });
}

/** The route of a plan in words, in Bahasa Indonesia, for the drafter's preview and for refusals. */
export function explainPlan(plan: RoutePlan): string {
  const dest = plan.finalDestination;
  if (dest === 'EXTERNAL') return 'Pihak eksternal: tidak dikirim melalui aplikasi; tujuan dicetak pada naskah dan dikirim di luar sistem.';
  const from = plan.hops[0] as { level: keyof typeof LEVEL_LABELS };
  const towards = `Surat dari ${LEVEL_LABELS[from.level]} ke ${RELATION_LABELS[plan.relation]}`;
  if (plan.mode === 'FORBIDDEN') return `${towards} tidak diizinkan oleh kebijakan rute.`;
  if (plan.relation === 'SAME_OFFICE') return `Surat internal: dikirim langsung ke ${stopLabel(dest)}.`;
  if (!plan.toBeForwarded) return `Dikirim langsung ke ${stopLabel(dest)}.`;
  return `${towards} wajib melalui ${stopLabel(plan.deliverTo!)} untuk diteruskan ke ${stopLabel(dest)}. Rute: ${routeLabel(plan.hops)}.`;
}
