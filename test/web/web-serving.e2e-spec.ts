import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Http, startApi } from '@naskah/testing';

/**
 * How the API serves the web app (apps/web/dist, built by scripts/web.sh before the tests run):
 * hashed assets cached for a year and sent pre-compressed, index.html revalidated on every visit
 * with a fresh style nonce, app paths answered with index.html while API paths stay 404, and the
 * printed QR links (/verifikasi.html?t=) still arriving at the verification page.
 */
const DIST = join(__dirname, '..', '..', 'apps', 'web', 'dist');
const csp = (h: unknown) => Object.fromEntries(String(h).split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

describe('the API serves the web app', () => {
  let http: Http;
  beforeAll(async () => {
    if (!existsSync(join(DIST, 'index.html'))) throw new Error('apps/web/dist is missing: npm test builds it (bash scripts/web.sh build)');
    http = await startApi();
  });
  afterAll(() => http?.close());

  it('answers app paths with index.html: no-cache, a fresh nonce per answer in the page and in style-src only', async () => {
    const a = await http.request('GET', '/naskah-masuk/123?x=1');
    const b = await http.request('GET', '/beranda');
    for (const res of [a, b]) {
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
    const nonceOf = (res: { headers: Record<string, unknown> }) => /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))![1];
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    expect(String(a.body)).toContain(`<meta name="csp-nonce" content="${nonceOf(a)}"`);
    expect(String(a.body)).not.toContain('__NASKAH_CSP_NONCE__');
    const policy = csp(a.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'", `'nonce-${nonceOf(a)}'`]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it('serves hashed assets immutable for a year, brotli or gzip when accepted', async () => {
    const js = readdirSync(join(DIST, 'assets')).find((f) => /^index-[\w-]+\.js$/.test(f))!;
    const br = await http.request('GET', `/assets/${js}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    const gz = await http.request('GET', `/assets/${js}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await http.request('GET', `/assets/${js}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(String(plain.headers['content-type'])).toMatch(/javascript/);
  });

  it('keeps API paths, missing files and missing assets 404 (never the app page)', async () => {
    for (const url of ['/api/no-such-thing', '/assets/nope-123.js', '/nope.js', '/health/nope']) {
      const res = await http.request('GET', url);
      expect([url, res.status]).toEqual([url, 404]);
      expect(String(res.headers['content-type'])).not.toMatch(/text\/html/);
    }
  });

  it('sends the QR links printed so far (/verifikasi.html?t=) to the verification page; the previous UI stays under /lama/', async () => {
    const old = await http.request('GET', '/verifikasi.html?t=AbC_123');
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe('/verifikasi?t=AbC_123');
    const lama = await http.request('GET', '/lama/');
    expect(lama.status).toBe(200);
    expect(String(lama.body)).toContain('src="app.js"');
  });
});
