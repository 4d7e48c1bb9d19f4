import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { api } from '../api/client';
import { ok, useOfficePositions, type Letter, type LetterRevision, type PositionView } from './api';
import type { Names } from './RevisionDiff';


/**
 * Names of the positions and offices a letter mentions (drafter, reviewers, signer, recipients, in
 * every revision, and `more`: e.g. who acted in its history — a reader at another office): the
 * letter's own office in one request, the others one by one (cached).
 */
export function useLetterNames(letter: Letter | undefined, revisions: LetterRevision[] = [], more: (number | null | undefined)[] = []): Names & { holder(id: number | null | undefined): string | null } {
  const own = useOfficePositions(letter?.officeId);
  const byId = useMemo(() => new Map<number, PositionView>((own.data ?? []).map((p) => [p.id, p])), [own.data]);
  const positionIds = new Set<number>();
  const officeIds = new Set<number>();
  const scan = (f: { recipients?: Letter['recipients']; reviewerPositionIds?: number[]; signerPositionId?: number }) => {
    f.reviewerPositionIds?.forEach((id) => positionIds.add(id));
    if (f.signerPositionId) positionIds.add(f.signerPositionId);
    for (const r of f.recipients ?? []) {
      if (r.positionId) positionIds.add(r.positionId);
      if (r.officeId) officeIds.add(r.officeId);
      if (r.provinceOfficeId) officeIds.add(r.provinceOfficeId);
    }
  };
  if (letter) {
    scan(letter);
    officeIds.add(letter.officeId); // another office names the sending office beside the signer
    if (letter.drafterPositionId !== null) positionIds.add(letter.drafterPositionId);
  }
  revisions.forEach((r) => scan(r.snapshot));
  more.forEach((id) => id && positionIds.add(id));
  const missing = own.isPending ? [] : [...positionIds].filter((id) => !byId.has(id)).sort((a, b) => a - b);
  const extra = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['position', id],
      queryFn: () => ok(api.GET('/api/positions/{id}', { params: { path: { id } } })),
      staleTime: Infinity,
    })),
  });
  // a position that cannot be read says nothing rather than "Memuat…" for ever
  const failed = new Set(missing.filter((_, i) => extra[i]?.isError));
  const offices = useQueries({
    queries: [...officeIds, ...extra.map((q) => q.data?.officeId).filter((x): x is number => typeof x === 'number')]
      .filter((v, i, a) => a.indexOf(v) === i)
      .sort((a, b) => a - b)
      .map((id) => ({
        queryKey: ['office', id],
        queryFn: () => ok(api.GET('/api/offices/{id}', { params: { path: { id } } })),
        staleTime: Infinity,
      })),
  });
  const officeName = (id: number | null | undefined) => {
    if (!id) return '—';
    return offices.find((q) => q.data?.id === id)?.data?.name ?? `Satker ${id}`;
  };
  const pos = (id: number | null | undefined): PositionView | undefined => (id ? (byId.get(id) ?? extra.find((q) => q.data?.id === id)?.data) : undefined);
  return {
    position: (id) => {
      const p = pos(id);
      if (!p) return id && !failed.has(id) ? 'Memuat…' : '—';
      return p.officeId === letter?.officeId ? p.title : `${p.title} — ${officeName(p.officeId)}`;
    },
    office: officeName,
    holder: (id) => pos(id)?.holder?.fullName ?? null,
  };
}
