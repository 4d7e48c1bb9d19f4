import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'ALLOWED' | 'TOKEN_REQUIRED' | 'LOOPBACK_ONLY';

export interface MetricsCaller {
  authorization?: string;
  /** The TCP peer (not X-Forwarded-For). */
  remoteAddress?: string;
  /** The request carries X-Forwarded-For, Forwarded or X-Real-IP: it came through a proxy. */
  proxied: boolean;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read /metrics. With METRICS_TOKEN set: only `Authorization: Bearer <METRICS_TOKEN>`
 * (compared in constant time). Without it: only a direct connection from this host — the TCP
 * peer is loopback and no proxy header is present, because a reverse proxy on the same host
 * would make every outside request look local.
 */
export function metricsAccess(token: string | undefined, caller: MetricsCaller): MetricsAccess {
  if (token) {
    const given = caller.authorization?.startsWith('Bearer ') ? caller.authorization.slice(7) : '';
    return given && timingSafeEqual(digest(given), digest(token)) ? 'ALLOWED' : 'TOKEN_REQUIRED';
  }
  return !caller.proxied && LOOPBACK.test(caller.remoteAddress ?? '') ? 'ALLOWED' : 'LOOPBACK_ONLY';
}
