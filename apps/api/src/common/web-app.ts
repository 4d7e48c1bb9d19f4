import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { uiCspWithStyleNonce } from './http-security';

/** apps/web's build (npm start / npm test build it when its sources change) and the previous UI. */
export const WEB_DIST = join(__dirname, '..', '..', '..', 'web', 'dist');
export const LEGACY_UI = join(__dirname, '..', '..', 'public');
export const LEGACY_PREFIX = '/lama/';
const NONCE_PLACEHOLDER = '__NASKAH_CSP_NONCE__';

/**
 * The web UI:
 * - `/assets/*`: the app's hashed files, `Cache-Control: public, max-age=31536000, immutable`, sent
 *   as the .br / .gz the build wrote beside them when the browser accepts it (preCompressed);
 * - any other path outside /api and /health: index.html (the app routes in the browser), `no-cache`,
 *   with a fresh CSP nonce for the styles Ant Design writes at run time (style-src 'self' 'nonce-…';
 *   scripts stay 'self' only);
 * - `/lama/`: the previous UI (plain modules in apps/api/public) for the screens part 1 has not
 *   rebuilt yet (dispositions, records, compose), until part 2 replaces them;
 * - `/verifikasi.html?t=…` (printed in the QR codes of letters signed so far) → `/verifikasi?t=…`.
 * Without a build (apps/web/dist missing) `/` leads to the previous UI.
 */
export async function registerWebUi(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyStatic as never, { root: LEGACY_UI, prefix: LEGACY_PREFIX, index: ['index.html'], wildcard: false, decorateReply: false });
  fastify.get('/lama', (_req, reply) => reply.redirect(LEGACY_PREFIX, 301));
  fastify.get('/verifikasi.html', (req, reply) => {
    const qs = req.url.indexOf('?');
    return reply.redirect(`/verifikasi${qs >= 0 ? req.url.slice(qs) : ''}`, 301);
  });

  const indexFile = join(WEB_DIST, 'index.html');
  if (!existsSync(indexFile)) {
    fastify.get('/', (_req, reply) => reply.redirect(LEGACY_PREFIX, 302));
    return;
  }
  const template = readFileSync(indexFile, 'utf8');
  await fastify.register(fastifyStatic as never, {
    root: join(WEB_DIST, 'assets'),
    prefix: '/assets/',
    wildcard: false,
    index: false,
    preCompressed: true,
    decorateReply: false,
    cacheControl: false,
    // @fastify/static 10 passes the Fastify reply (not the raw response)
    setHeaders: (reply: FastifyReply) => reply.header('cache-control', 'public, max-age=31536000, immutable'),
  });
  const favicon = existsSync(join(WEB_DIST, 'favicon.svg')) ? readFileSync(join(WEB_DIST, 'favicon.svg')) : null;
  if (favicon) fastify.get('/favicon.svg', (_req, reply) => reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(favicon));

  const page = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?', 1)[0];
    // API paths and file names that do not exist stay 404 (no HTML answer to a missing script or endpoint)
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/health') || path.startsWith('/assets/') || /\.[a-z0-9]{1,5}$/i.test(path)) {
      return reply.callNotFound();
    }
    const nonce = randomBytes(18).toString('base64');
    return reply
      .header('content-security-policy', uiCspWithStyleNonce(nonce))
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(template.replaceAll(NONCE_PLACEHOLDER, nonce));
  };
  fastify.get('/', page);
  fastify.get('/*', page);
}
