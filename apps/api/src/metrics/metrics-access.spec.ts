import { metricsAccess } from './metrics-access';

describe('who may read /metrics', () => {
  const TOKEN = 'scrape-token-0123456789abcdef';

  it('with METRICS_TOKEN: only its bearer, from anywhere', () => {
    expect(metricsAccess(TOKEN, { authorization: `Bearer ${TOKEN}`, remoteAddress: '10.1.2.3', proxied: true })).toBe('ALLOWED');
    expect(metricsAccess(TOKEN, { authorization: `Bearer ${TOKEN}x`, remoteAddress: '127.0.0.1', proxied: false })).toBe('TOKEN_REQUIRED');
    expect(metricsAccess(TOKEN, { authorization: TOKEN, remoteAddress: '127.0.0.1', proxied: false })).toBe('TOKEN_REQUIRED');
    expect(metricsAccess(TOKEN, { remoteAddress: '127.0.0.1', proxied: false })).toBe('TOKEN_REQUIRED');
  });

  it('without it: a direct loopback connection only', () => {
    for (const a of ['127.0.0.1', '127.5.0.9', '::1', '::ffff:127.0.0.1']) expect(metricsAccess(undefined, { remoteAddress: a, proxied: false })).toBe('ALLOWED');
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '1127.0.0.1', undefined]) expect(metricsAccess(undefined, { remoteAddress: a, proxied: false })).toBe('LOOPBACK_ONLY');
    // through a proxy on the same host: the peer is loopback, the caller is not
    expect(metricsAccess(undefined, { remoteAddress: '127.0.0.1', proxied: true })).toBe('LOOPBACK_ONLY');
  });
});
