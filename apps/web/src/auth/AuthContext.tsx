import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import { getAccessToken, onSessionChange, refreshSession, signIn as apiSignIn, signOut as apiSignOut } from '../api/session';
import type { components } from '../api/schema';

type Me = components['schemas']['MeView'];

type Status = 'checking' | 'signed-in' | 'signed-out';

export interface PositionChoice {
  id: number;
  title: string;
  /** '' for the user's own position, 'Plt.' / 'Plh.' for one held by delegation */
  capacity: string;
}

interface AuthValue {
  status: Status;
  me: Me | undefined;
  /** own position first, then Plt/Plh positions of today */
  positions: PositionChoice[];
  /** the position the user acts for in the lists (null: all of them) */
  actingFor: number | null;
  setActingFor(id: number | null): void;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
const ACTING_KEY = 'naskah.actingFor';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>(getAccessToken() ? 'signed-in' : 'checking');
  const [actingFor, setActing] = useState<number | null>(() => Number(sessionStorage.getItem(ACTING_KEY)) || null);
  const qc = useQueryClient();

  useEffect(() => {
    // only a change (signed in ↔ out) gets here; what a signed-out user saw must not stay in the cache
    const off = onSessionChange((signedIn) => {
      setStatus(signedIn ? 'signed-in' : 'signed-out');
      if (!signedIn) qc.clear();
    });
    // a reload or a new tab: the access token is gone from memory, the cookie gets a new one
    if (!getAccessToken()) void refreshSession().then((ok) => setStatus(ok ? 'signed-in' : 'signed-out'));
    return () => {
      off();
    };
  }, [qc]);

  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => unwrap<Me>(api.GET('/api/me')),
    enabled: status === 'signed-in',
    staleTime: 5 * 60_000,
  });

  const signIn = useCallback(async (username: string, password: string) => {
    const res = await apiSignIn(username, password);
    if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
    setStatus('signed-in');
  }, []);

  const signOut = useCallback(async () => {
    sessionStorage.removeItem(ACTING_KEY);
    await apiSignOut();
    qc.clear();
    setStatus('signed-out');
  }, [qc]);

  const positions = useMemo<PositionChoice[]>(() => {
    const m = me.data;
    if (!m) return [];
    const own = m.position ? [{ id: m.position.id, title: m.position.title, capacity: '' }] : [];
    const acting = m.delegations.filter((d) => d.positionId !== m.position?.id).map((d) => ({ id: d.positionId, title: d.positionTitle, capacity: d.kind === 'PLT' ? 'Plt.' : 'Plh.' }));
    return [...own, ...acting];
  }, [me.data]);

  const setActingFor = useCallback((id: number | null) => {
    setActing(id);
    if (id) sessionStorage.setItem(ACTING_KEY, String(id));
    else sessionStorage.removeItem(ACTING_KEY);
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ status, me: me.data, positions, actingFor: positions.some((p) => p.id === actingFor) ? actingFor : null, setActingFor, signIn, signOut }),
    [status, me.data, positions, actingFor, setActingFor, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
