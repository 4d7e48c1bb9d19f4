import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { RECIPIENT_GROUP } from '../labels';
import type { Recipient } from './content';

export type Office = components['schemas']['OfficeView'];
export type Position = components['schemas']['PositionView'];
export type DistributionList = components['schemas']['DistributionListSummaryDto'];
export type Classification = components['schemas']['ClassificationView'];

export type Eligible = components['schemas']['EligibleParticipantsView'];
export type EligiblePosition = components['schemas']['EligiblePosition'];

/**
 * Who the draft may name — reviewers, signers and, for the chosen signer, the a.n. positions with
 * the u.b. allowed under each — as the API lists them (GET /api/letters/eligible-participants): the
 * rule that list comes from is the one save and submit apply, so the pickers offer exactly what the
 * API accepts. For a saved draft, `letterId` (its office and drafter).
 */
export function useEligibleParticipants(letterId: string | undefined, signerPositionId?: number, enabled = true) {
  return useQuery({
    queryKey: ['eligible-participants', letterId ?? null, signerPositionId ?? null],
    enabled,
    queryFn: () =>
      unwrap<Eligible>(
        api.GET('/api/letters/eligible-participants', { params: { query: { ...(letterId ? { letterId } : {}), ...(signerPositionId ? { signerPositionId } : {}) } } }),
      ),
    staleTime: 60_000,
  });
}

/** Every office (553), for naming the ones a draft addresses; loaded once. */
export function useOffices() {
  return useQuery({
    queryKey: ['offices', 'all'],
    queryFn: () => unwrap<components['schemas']['OfficePage']>(api.GET('/api/offices', { params: { query: { limit: 1000 } } })),
    staleTime: Infinity,
    select: (p) => new Map(p.items.map((o) => [o.id, o])),
  });
}

/** The positions a draft names (addressees), each asked once. */
export function usePositions(ids: number[]) {
  const qs = useQueries({
    queries: [...new Set(ids)].map((id) => ({
      queryKey: ['positions', id],
      queryFn: () => unwrap<Position>(api.GET('/api/positions/{id}', { params: { path: { id } } })),
      staleTime: 5 * 60_000,
    })),
  });
  return new Map(qs.filter((q) => q.data).map((q) => [q.data!.id, q.data!]));
}

export function useDistributionLists() {
  return useQuery({
    queryKey: ['distribution-lists'],
    // a 403 (no access to the office's lists) leaves them out of the search, nothing more
    queryFn: () => unwrap<components['schemas']['DistributionListPageDto']>(api.GET('/api/distribution-lists')).catch(() => ({ items: [] as DistributionList[] })),
    staleTime: 60_000,
    select: (p) => p.items as DistributionList[],
  });
}

export function useClassifications() {
  return useQuery({
    queryKey: ['master', 'classifications'],
    queryFn: () => unwrap<components['schemas']['ClassificationList']>(api.GET('/api/master/classifications')),
    staleTime: Infinity,
  });
}

export const positionLabel = (p: Position, offices?: Map<number, Office>) => {
  const office = offices?.get(p.officeId)?.name;
  return office ? `${p.title} ${office}` : p.title;
};

/** How a recipient reads on screen (the letter prints the same: "Ketua KPU …", "Sekretaris Jenderal KPU RI"). */
export function recipientLabel(r: Recipient, ctx: { offices?: Map<number, Office>; positions?: Map<number, Position>; lists?: DistributionList[] }): string {
  if (r.externalName) return r.externalName;
  if (r.positionId) {
    const p = ctx.positions?.get(r.positionId);
    return p ? positionLabel(p, ctx.offices) : 'Jabatan …';
  }
  if (r.distributionListId) return `Daftar distribusi: ${ctx.lists?.find((l) => l.id === r.distributionListId)?.name ?? '…'}`;
  if (r.group === 'KABKOTA_OF_PROVINCE') {
    const prov = r.provinceOfficeId ? ctx.offices?.get(r.provinceOfficeId) : undefined;
    return prov ? `Semua KPU Kabupaten/Kota se-Provinsi ${prov.regionName}` : RECIPIENT_GROUP.KABKOTA_OF_PROVINCE;
  }
  if (r.group) return RECIPIENT_GROUP[r.group];
  if (r.officeId) {
    const o = ctx.offices?.get(r.officeId);
    return o ? `Ketua ${o.name}` : 'Satker …';
  }
  return '—';
}

/** Same target, same kind: one recipient. */
export const recipientKey = (r: Recipient) =>
  [r.kind, r.officeId ?? '', r.positionId ?? '', (r.externalName ?? '').toLowerCase(), r.group ?? '', r.provinceOfficeId ?? '', r.distributionListId ?? ''].join('|');
