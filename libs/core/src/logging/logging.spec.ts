import { loadConfig } from '../config/app-config';
import { loggerParams, requestIdFrom, withoutSecrets } from './logging';

describe('request logging', () => {
  const params = loggerParams(loadConfig({}), 'api');
  const pinoHttp = params.pinoHttp as { serializers: { req: (r: object) => { url?: string } }; redact: string[] };

  it('never logs an access token carried in the query string', () => {
    const logged = pinoHttp.serializers.req({ id: 'r1', method: 'GET', url: '/api/files/7?inline=1&access_token=eyJhbGci.secret.sig' });
    expect(logged).toEqual({ id: 'r1', method: 'GET', url: '/api/files/7?inline=1&access_token=[hidden]' });
    expect(withoutSecrets('/x?token=a&b=2')).toBe('/x?token=[hidden]&b=2');
    expect(withoutSecrets('/api/offices?q=52')).toBe('/api/offices?q=52');
  });

  it('redacts credentials in headers', () => {
    expect(pinoHttp.redact).toEqual(expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie']));
  });

  it('mounts the request logger on every path', () => {
    expect(params.forRoutes).toEqual([expect.objectContaining({ path: '/{*splat}' })]);
  });

  it('takes a sane request id from the caller and makes one otherwise', () => {
    expect(requestIdFrom('abc-123_X')).toBe('abc-123_X');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(65), 'line\nbreak', ['a']]) expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
