// api.js — fetch wrapper for the Naskah API: Bearer token, one refresh on 401, login on failure.
// Sessions as in the new app (apps/web): the refresh token is an httpOnly cookie (X-Naskah-Session: cookie),
// only the access token is kept here; refreshes are serialised across tabs (Web Locks) because a reused
// refresh token ends the session.
const KEY = 'naskah.tokens';

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `Permintaan gagal (HTTP ${status})`);
    this.status = status;
    this.code = body && body.code;
    this.body = body || {};
    this.fields = (body && body.details && Array.isArray(body.details.fields)) ? body.details.fields : [];
    /** Line-by-line reasons of a rejected upload (JRA CSV: [{line, reason}]). */
    this.problems = (body && body.details && Array.isArray(body.details.problems)) ? body.details.problems : [];
  }
}

export function getTokens() {
  try { return JSON.parse(sessionStorage.getItem(KEY)) || null; } catch { return null; }
}
export function setTokens(t) {
  if (t) sessionStorage.setItem(KEY, JSON.stringify({ accessToken: t.accessToken }));
  else sessionStorage.removeItem(KEY);
}
export const isSignedIn = () => Boolean(getTokens()?.accessToken);

let onUnauthenticated = () => { location.hash = '#/masuk'; };
export function setUnauthenticatedHandler(fn) { onUnauthenticated = fn; }

let refreshing = null;
/** Exchanges the refresh token for a new access token (once, shared by concurrent callers). */
export function refreshTokens() { return refreshOnce(); }
const SESSION = { 'content-type': 'application/json', 'x-naskah-session': 'cookie' };
const withLock = (fn) => (navigator.locks ? navigator.locks.request('naskah-refresh', fn) : fn());
async function refreshOnce() {
  if (!refreshing) {
    refreshing = withLock(async () => {
      try {
        const res = await fetch('/api/auth/refresh', { method: 'POST', headers: SESSION, body: '{}', credentials: 'same-origin' });
        if (!res.ok) return false;
        const body = await res.json();
        setTokens({ accessToken: body.accessToken });
        return true;
      } catch { return false; } finally { setTimeout(() => { refreshing = null; }, 0); }
    });
  }
  return refreshing;
}

async function parse(res) {
  const type = res.headers.get('content-type') || '';
  if (res.status === 204) return null;
  if (type.includes('application/json')) return res.json();
  return res.text();
}

/**
 * request(method, path, {json, form, query, raw}) → parsed body (or the Response when raw).
 * Throws ApiError with the server's message and field reasons.
 */
export async function request(method, path, opts = {}) {
  let url = path;
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const send = () => {
    const headers = { ...(opts.headers || {}) };
    const tok = getTokens()?.accessToken;
    if (tok && !opts.anonymous) headers.authorization = `Bearer ${tok}`;
    let body;
    if (opts.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(opts.json); }
    else if (opts.form) body = opts.form;
    return fetch(url, { method, headers, body });
  };
  let res;
  try { res = await send(); } catch { throw new ApiError(0, { message: 'Tidak dapat menghubungi server. Periksa koneksi Anda.' }); }
  if (res.status === 401 && !opts.anonymous) {
    if (await refreshOnce()) res = await send();
    if (res.status === 401) {
      setTokens(null);
      onUnauthenticated();
      throw new ApiError(401, await parse(res).catch(() => null) || { message: 'Sesi berakhir. Silakan masuk kembali.' });
    }
  }
  if (opts.raw && res.ok) return res;
  const body = await parse(res).catch(() => null);
  if (!res.ok) throw new ApiError(res.status, typeof body === 'object' ? body : { message: body || undefined });
  return body;
}

export const api = {
  get: (p, query) => request('GET', p, { query }),
  post: (p, json = {}) => request('POST', p, { json }),
  patch: (p, json) => request('PATCH', p, { json }),
  del: (p) => request('DELETE', p),
  /** multipart/form-data POST (the browser sets the boundary). */
  upload: (p, form) => request('POST', p, { form }),
  blob: async (p) => (await request('GET', p, { raw: true })).blob(),
};

export async function login(username, password) {
  const body = await request('POST', '/api/auth/login', { json: { username, password }, anonymous: true, headers: SESSION });
  setTokens(body);
  return body;
}

export async function logout() {
  setTokens(null);
  await request('POST', '/api/auth/logout', { json: {}, anonymous: true, headers: SESSION }).catch(() => null);
}
