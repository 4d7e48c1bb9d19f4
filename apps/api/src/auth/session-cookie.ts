import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The refresh token as a cookie for the web UI: httpOnly (scripts never see it), SameSite=Strict
 * (no other site's page sends it), Secure when the request came over HTTPS (directly or, with
 * TRUST_PROXY, through the proxy), and only sent to /api/auth (refresh and logout), never with
 * ordinary API calls. The access token stays in the page's memory.
 *
 * A browser opts in with the header `X-Naskah-Session: cookie`: then the refresh token travels
 * only in the cookie (the JSON answer leaves it out), and refresh/logout read the cookie. A custom
 * header cannot be sent cross-site without a CORS preflight this API never grants, so the cookie
 * is only honoured for the app's own pages. Other clients (scripts, tests) keep the body token.
 */
export const REFRESH_COOKIE = 'naskah_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';
export const SESSION_HEADER = 'x-naskah-session';

export function wantsCookieSession(req: FastifyRequest): boolean {
  return String(req.headers[SESSION_HEADER] ?? '').toLowerCase() === 'cookie';
}

/** The refresh token from the Cookie header (no cookie plugin needed for one name). */
export function refreshTokenFromCookie(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === REFRESH_COOKIE) {
      const value = part.slice(i + 1).trim();
      return /^[A-Za-z0-9_-]{1,200}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setRefreshCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.header('set-cookie', cookie(req, token, maxAgeSeconds));
}

export function clearRefreshCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', cookie(req, '', 0));
}

function cookie(req: FastifyRequest, value: string, maxAge: number): string {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${REFRESH_COOKIE}=${value}; Path=${REFRESH_COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}
