import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { RECIPIENT_GROUP } from '../labels';
import type { Recipient } from './content';

export type Office = components['schemas']['OfficeView'];
export type Position = components['schemas']['PositionView'];
export type DistributionList = components['schemas']['DistributionListSummaryDto'];
export type Classification = components['schemas']['ClassificationView'];

/**
 * Who may review and sign. There is no API listing eligible reviewers/signers; the rule is the
 * server's (LettersService.checkReferences in libs/correspondence/src/letters/letters.service.ts):
 * reviewers are active positions of the drafting office, the signer a position of that office whose
 * kind is one of these. The lists come from GET /api/offices/{id}/positions; the server still checks
 * (INVALID_REVIEWER / INVALID_SIGNER at the field).
 */
export const SIGNING_KINDS = ['KETUA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG'] as const;

/** Every office (553), for naming the ones a draft addresses; loaded once. */
export function useOffices() {
  return useQuery({
    queryKey: ['offices', 'all'],
    queryFn: () => unwrap<components['schemas']['OfficePage']>(api.GET('/api/offices', { params: { query: { limit: 1000 } } })),
    staleTime: Infinity,
    select: (p) => new Map(p.items.map((o) => [o.id, o])),
  });
}

export function useOfficePositions(officeId: number | undefined) {
  return useQuery({
    queryKey: ['offices', officeId, 'positions'],
    enabled: !!officeId,
    queryFn: () => unwrap<Position[]>(api.GET('/api/offices/{id}/positions', { params: { path: { id: officeId! } } })),
    staleTime: 5 * 60_000,
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
