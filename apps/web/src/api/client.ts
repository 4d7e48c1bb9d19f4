import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, networkError } from './errors';
import { freshAccessToken, refreshSession, setAccessToken } from './session';

/**
 * The typed API client (openapi-fetch over the types generated from the API's OpenAPI document:
 * paths, parameters and request bodies are checked by the compiler). Every request carries the
 * in-memory access token, refreshed shortly before it expires; a 401 on a request without a body
 * is retried once after a refresh.
 */
const auth: Middleware = {
  async onRequest({ request }) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/api/auth/') || path.startsWith('/api/verify')) return request; // public
    const token = await freshAccessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || new URL(request.url).pathname.startsWith('/api/auth/')) return response;
    if (request.method === 'GET' && (await refreshSession())) {
      const token = await freshAccessToken();
      const retry = new Request(request, { headers: new Headers(request.headers) });
      if (token) retry.headers.set('authorization', `Bearer ${token}`);
      const again = await fetch(retry);
      if (again.status !== 401) return again;
    }
    setAccessToken(null); // the guard sends the user to sign in, back here afterwards
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * The answer's body as T, or an ApiError. T is the operation's response schema from the generated
 * types (`components['schemas'][…]` of ./schema), named by the caller.
 */
export async function unwrap<T>(call: Promise<Result>): Promise<T> {
  let r: Result;
  try {
    r = await call;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw networkError();
  }
  if (!r.response.ok) throw new ApiError(r.response.status, r.error, r.response.headers.get('retry-after'));
  return r.data as T;
}

/** A file the API serves behind the access token, as a blob URL (PDFs, attachments). */
export async function fetchBlobUrl(path: string): Promise<string> {
  const token = await freshAccessToken();
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  return URL.createObjectURL(await res.blob());
}
