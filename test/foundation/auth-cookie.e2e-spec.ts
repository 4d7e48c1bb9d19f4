import { DEMO_PASSWORD } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';

/**
 * Web UI sessions (issue 13): with `X-Naskah-Session: cookie` the refresh token lives only in an
 * httpOnly, SameSite=Strict cookie scoped to /api/auth; the access token is in the JSON answer.
 * A reload or a new tab calls POST /api/auth/refresh with the cookie alone.
 */
describe('cookie sessions for the web UI', () => {
  let http: Http;
  const COOKIE = { 'x-naskah-session': 'cookie' };
  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(() => http.close());

  const setCookie = (headers: Record<string, unknown>) => String(headers['set-cookie'] ?? '');
  const tokenOf = (sc: string) => /naskah_refresh=([^;]*)/.exec(sc)?.[1] ?? '';
  const login = (headers: Record<string, string> = COOKIE) =>
    http.request('POST', '/api/auth/login', { body: { username: 'kasubbag.umum.5204', password: DEMO_PASSWORD }, headers });

  it('login sets the refresh cookie (httpOnly, SameSite=Strict, Path=/api/auth) and answers the access token only', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.refreshToken).toBeUndefined();
    const sc = setCookie(res.headers);
    expect(sc).toMatch(/^naskah_refresh=[A-Za-z0-9_-]{20,};/);
    expect(sc).toContain('HttpOnly');
    expect(sc).toContain('SameSite=Strict');
    expect(sc).toContain('Path=/api/auth');
    expect(sc).toContain(`Max-Age=${14 * 86400}`);
    expect(sc).not.toContain('Secure'); // plain HTTP here; Secure only when the request came over HTTPS
  });

  it('refresh with the cookie alone (a reload, a new tab) yields a new access token and rotates the cookie', async () => {
    const first = tokenOf(setCookie((await login()).headers));
    const res = await http.request('POST', '/api/auth/refresh', { body: {}, headers: { ...COOKIE, cookie: `other=1; naskah_refresh=${first}` } });
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toBeUndefined();
    const me = await http.request('GET', '/api/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('kasubbag.umum.5204');
    const next = tokenOf(setCookie(res.headers));
    expect(next).not.toBe(first);
    expect(next.length).toBeGreaterThan(20);
  });

  it('without the session header the cookie is ignored (no cross-site use of the cookie)', async () => {
    const first = tokenOf(setCookie((await login()).headers));
    const res = await http.request('POST', '/api/auth/refresh', { body: {}, headers: { cookie: `naskah_refresh=${first}` } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('a refused refresh clears the cookie; logout with the cookie revokes it and clears it', async () => {
    const first = tokenOf(setCookie((await login()).headers));
    const out = await http.request('POST', '/api/auth/logout', { body: {}, headers: { ...COOKIE, cookie: `naskah_refresh=${first}` } });
    expect(out.status).toBe(204);
    expect(setCookie(out.headers)).toMatch(/^naskah_refresh=; .*Max-Age=0/);
    const again = await http.request('POST', '/api/auth/refresh', { body: {}, headers: { ...COOKIE, cookie: `naskah_refresh=${first}` } });
    expect(again.status).toBe(401);
    expect(setCookie(again.headers)).toMatch(/^naskah_refresh=; .*Max-Age=0/);
  });

  it('clients without the header keep the body token (scripts, existing integrations)', async () => {
    const res = await login({});
    expect(res.status).toBe(200);
    expect(res.body.refreshToken).toEqual(expect.any(String));
    expect((await http.request('POST', '/api/auth/refresh', { body: { refreshToken: res.body.refreshToken } })).status).toBe(200);
  });

  it('refresh with neither a body token nor a cookie answers 401', async () => {
    const res = await http.request('POST', '/api/auth/refresh', { body: {}, headers: COOKIE });
    expect(res.status).toBe(401);
  });
});
