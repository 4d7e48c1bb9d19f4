import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fastifyHelmet from '@fastify/helmet';

/**
 * Content-Security-Policy of the web UI (apps/web; the previous UI under /lama/): scripts and styles only from our own
 * files — no inline script, no inline style attribute (the UI sets classes, never `style=`), no
 * eval; data: only for images (the favicon is `data:,`); requests only to this origin (the API and
 * the notification stream); no plugins; frames only of blob: URLs — the letter's PDF, fetched with
 * the access token, shown inline by the browser's own viewer (apps/web/src/letter/PdfPreview.tsx) —
 * never of another site or of our own pages; and no one may frame the pages, so the sign and approve
 * buttons cannot be overlaid by another site (clickjacking). `upgrade-insecure-requests` (a helmet
 * default) is left out: the embedded server and the compose nginx speak plain HTTP on a LAN, where
 * it would send every request of the page to an https:// address that does not answer.
 */
export const UI_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ['blob:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The Swagger UI page (/api/docs, only when API_DOCS is on) needs more: its HTML carries `<style>`
 * blocks and a `style=` attribute, and its CSS draws icons from data: URLs. Scripts stay ours only
 * (swagger-ui-init.js is a file); framing stays forbidden. Nothing else gets this policy.
 */
export const DOCS_CSP: Record<string, string[]> = { ...UI_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

export const DOCS_PATH = '/api/docs';

/**
 * The web app's page (apps/web, served by common/web-app.ts): Ant Design 6 writes its component
 * styles as <style> elements at run time (CSS-in-JS). Rather than 'unsafe-inline', each answer of
 * index.html carries a fresh random nonce that the app hands to antd (ConfigProvider csp), so only
 * the style elements our own script creates apply. Scripts stay 'self' only (no nonce, no inline).
 * Style attributes set through the CSSOM (element.style, what React does) are not affected by CSP.
 */
export function uiCspWithStyleNonce(nonce: string): string {
  const directives = { ...UI_CSP, 'style-src': ["'self'", `'nonce-${nonce}'`] };
  return Object.entries(directives).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');
}

/** Security headers for every response (helmet), the docs' own CSP, and no-store on API answers. */
export async function registerHttpSecurity(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: UI_CSP },
    frameguard: { action: 'deny' }, // X-Frame-Options for browsers without frame-ancestors
    referrerPolicy: { policy: 'no-referrer' }, // letter ids in URLs never leave the app
    // HTTPS only where it is served over HTTPS (browsers ignore HSTS over HTTP). Not for
    // subdomains: an office's other sites under the same domain may still be plain HTTP.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    // nosniff (X-Content-Type-Options), Cross-Origin-Opener/Resource-Policy same-origin and the
    // rest of helmet's defaults stay on.
  });
  // Routes registered from here on (the Swagger UI's among them) under /api/docs get DOCS_CSP.
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (route.url === DOCS_PATH || route.url.startsWith(`${DOCS_PATH}/`)) {
      route.config = { ...(route.config as object), helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } } } as never;
    }
  });
  fastify.addHook('onSend', noStoreForApi);
}

/**
 * Shared office PCs: what the API answers (letters, inboxes, tokens, files) must not stay in the
 * browser's or a proxy's cache. Everything under /api/ and /health, and any request that carried
 * credentials, is `no-store` unless the route set its own Cache-Control. The web UI's static files
 * (public/) keep @fastify/static's caching (revalidated by ETag / Last-Modified).
 */
async function noStoreForApi(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const path = req.url.split('?', 1)[0];
  const api = path.startsWith('/api/') || path === '/api' || path.startsWith('/health');
  if ((api || req.headers.authorization) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return payload;
}
