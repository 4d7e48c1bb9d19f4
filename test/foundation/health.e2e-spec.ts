import type IORedis from 'ioredis';
import { REDIS } from '@naskah/queue';
import { Http, startApi, testServerUrls } from '@naskah/testing';

describe('health, OpenAPI and the error shape', () => {
  let http: Http;
  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(() => http.close());

  it('answers /health/live without a token', async () => {
    const res = await http.request('GET', '/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /health/ready without a token, with the database and Redis up', async () => {
    const res = await http.request('GET', '/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
    // the Redis node that took the probe's write (with Sentinel: the current primary)
    expect(res.body.info.redis.master).toBe(`127.0.0.1:${new URL(testServerUrls().redis).port}`);
  });

  it('serves the OpenAPI document and the docs page without a token', async () => {
    const json = await http.request('GET', '/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.info.title).toBe('Naskah API');
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/offices', '/api/admin/users', '/health/ready']));
    const page = await http.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
  });

  it('answers an unknown route with a 404 in the common JSON shape', async () => {
    // (a page path such as /no-such-page is the web app's: it answers index.html and says "not found" itself)
    for (const url of ['/api/no-such-thing', '/health/no-such-check', '/no-such-file.js']) {
      const res = await http.request('GET', url);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
    }
  });

  it('answers malformed JSON with a 400 in the common JSON shape', async () => {
    const res = await http.request('POST', '/api/auth/login', { body: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: expect.any(String), message: expect.any(String) });
  });

  it('answers paging past its bounds with a 400 naming the field, not a database error', async () => {
    const token = await http.login('staf.umum.5204');
    const res = await http.request('GET', '/api/offices?offset=1e20', { token });
    expect(res.status).toBe(400);
    expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'offset' })]);
  });

  it('carries a request id, taking a sane one from the caller', async () => {
    const res = await http.request('GET', '/health/live', { headers: { 'x-request-id': 'req-abc-123' } });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    const bad = await http.request('GET', '/health/live', { headers: { 'x-request-id': 'not ok\u0001' } });
    expect(bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  // Last: it takes the API's Redis client down for good.
  it('answers /health/ready 503 naming Redis when Redis is gone', async () => {
    http.app.get<IORedis>(REDIS).disconnect();
    const res = await http.request('GET', '/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', details: { error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } } });
  });
});
