import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type MasterItem = components['schemas']['LetterTypeView'];

/** Letter types (code → name, and what submitting requires of each), loaded once per session. */
export function useLetterTypes() {
  return useQuery({ queryKey: ['master', 'letter-types'], queryFn: () => unwrap<components['schemas']['LetterTypeView'][]>(api.GET('/api/master/letter-types')), staleTime: Infinity });
}

export function typeName(types: MasterItem[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return types?.find((t) => t.code === code)?.name ?? code;
}
