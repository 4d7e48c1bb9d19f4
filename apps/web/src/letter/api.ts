import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError, networkError } from '../api/errors';
import { freshAccessToken } from '../api/session';
import type { components } from '../api/schema';

/** The API's documented answers (generated from its OpenAPI document), as the letter screens use them. */
type S = components['schemas'];
export type Letter = S['LetterView'];
export type LetterReview = S['LetterReview'];
export type LetterRecipient = S['LetterRecipient'];
export type LetterRevision = S['LetterRevision'];
export type LetterFields = S['LetterFieldsView'];
export type RevisionComparison = S['LetterRevisionComparison'];
export type FieldChange = S['LetterFieldChange'];
export type AuditEvent = S['AuditEventView'];
export type TrackingPage = S['TrackingPageDto'];
export type TrackedDelivery = S['TrackedDeliveryDto'];
export type TrackingStatus = S['TrackingStatus'];
export type UnreadReminder = S['UnreadReminderDto'];
export type DossierSuggestions = S['DossierSuggestions'];
export type DossierSummary = S['DossierSummary'];
export type PositionView = S['PositionView'];
export type WorkPage = S['WorkPageDto'];
export type WorkItem = S['WorkItemDto'];
export type IncomingRegistered = S['IncomingRegistered'];
export type RegisterIncoming = S['RegisterIncomingDto'];
export type SendResult = S['SendResultDto'];

export const letterKey = (id: string) => ['letter', id] as const;

/**
 * Opening a letter or a received letter reads the caller's notifications about it (the API marks them
 * as it answers): the bell's count and the notification list are asked again, not kept for their
 * usual 15 s — the official who followed a notification must not find it still unread.
 */
export function notificationsRead(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: ['notifications'] });
}

export function useLetter(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: letterKey(id),
    queryFn: async () => {
      const letter = await ok(api.GET('/api/letters/{id}', { params: { path: { id } } }));
      notificationsRead(qc);
      return letter;
    },
  });
}

/** A position's title and holder (cached for the session: positions rarely change while a page is open). */
export function usePosition(id: number | null | undefined) {
  return useQuery({
    queryKey: ['position', id],
    queryFn: () => ok(api.GET('/api/positions/{id}', { params: { path: { id: id! } } })),
    enabled: typeof id === 'number' && id > 0,
    staleTime: Infinity,
  });
}

/** Every position of an office (one request names reviewers, signer and drafter). */
export function useOfficePositions(officeId: number | null | undefined) {
  return useQuery({
    queryKey: ['office', officeId, 'positions'],
    queryFn: () => ok(api.GET('/api/offices/{id}/positions', { params: { path: { id: officeId! } } })),
    enabled: typeof officeId === 'number' && officeId > 0,
    staleTime: 10 * 60_000,
  });
}

/**
 * A multipart request (openapi-fetch would JSON-encode the body): the access token like every call,
 * and the API's error as an ApiError (the fields it names come back at the form's fields).
 */
export async function postMultipart<T>(path: string, form: FormData): Promise<T> {
  const token = await freshAccessToken();
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw networkError();
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body, res.headers.get('retry-after'));
  return body as T;
}

/** The answer of a typed call, its type inferred from the OpenAPI document (so a wrong shape fails to compile). */
export function ok<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  return unwrap<D>(call);
}
