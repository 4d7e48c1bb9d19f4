/**
 * The session of this tab. The access token lives in memory only (never in storage a script of
 * another page or an extension could read later); the refresh token is an httpOnly cookie the
 * page never sees (Path=/api/auth, SameSite=Strict). A reload or a new tab starts without an
 * access token and asks POST /api/auth/refresh, which answers from the cookie.
 *
 * Refresh tokens rotate and a reused one revokes the whole session (theft detection), so two tabs
 * must never refresh with the same cookie at once: refreshes are serialised across tabs with the
 * Web Locks API (the next tab then sends the cookie the previous refresh set).
 */
export const SESSION_HEADERS = { 'x-naskah-session': 'cookie', 'content-type': 'application/json' } as const;

let accessToken: string | null = null;
let inflight: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('naskah-session') : null;

export const getAccessToken = () => accessToken;

export function setAccessToken(token: string | null): void {
  const changed = (token === null) !== (accessToken === null);
  accessToken = token;
  if (!changed) return;
  for (const fn of listeners) fn(token !== null);
}

export function onSessionChange(fn: (signedIn: boolean) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Seconds until the access token expires (its JWT exp), 0 when unknown. */
export function tokenTtl(token: string | null = accessToken): number {
  if (!token) return 0;
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return Math.max(0, (payload.exp ?? 0) - Date.now() / 1000);
  } catch {
    return 0;
  }
}

async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? (locks.request('naskah-refresh', fn) as Promise<T>) : fn();
}

/** Gets a new access token from the refresh cookie; false when there is no valid session. One at a time per tab. */
export function refreshSession(): Promise<boolean> {
  inflight ??= withRefreshLock(async () => {
    try {
      const res = await fetch('/api/auth/refresh', { method: 'POST', headers: SESSION_HEADERS, body: '{}', credentials: 'same-origin' });
      if (!res.ok) {
        setAccessToken(null);
        return false;
      }
      const body = (await res.json()) as { accessToken: string };
      setAccessToken(body.accessToken);
      return true;
    } catch {
      return false; // offline: keep what we have; the caller shows the error
    }
  }).finally(() => {
    inflight = null;
  });
  return inflight;
}

/** A valid access token (refreshed when it expires within 30 s), or null when signed out. */
export async function freshAccessToken(): Promise<string | null> {
  if (accessToken && tokenTtl() > 30) return accessToken;
  return (await refreshSession()) ? accessToken : null;
}

export async function signIn(username: string, password: string): Promise<Response> {
  const res = await fetch('/api/auth/login', { method: 'POST', headers: SESSION_HEADERS, body: JSON.stringify({ username, password }), credentials: 'same-origin' });
  if (res.ok) setAccessToken(((await res.clone().json()) as { accessToken: string }).accessToken);
  return res;
}

export async function signOut(): Promise<void> {
  setAccessToken(null);
  channel?.postMessage('signed-out');
  await fetch('/api/auth/logout', { method: 'POST', headers: SESSION_HEADERS, body: '{}', credentials: 'same-origin' }).catch(() => undefined);
}

// Signing out in one tab signs out the others (their access tokens are revoked by the server too).
channel?.addEventListener('message', (e) => {
  if (e.data === 'signed-out') setAccessToken(null);
});
