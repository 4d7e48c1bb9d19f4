import { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Issue 11 item 10: one id rule on every path. Every route of the OpenAPI document with a path
 * parameter is called with the non-canonical spellings of an id — a real row's id with a leading
 * zero, an exponent, a sign, hex, 2^64 — as users who may see the real rows. Each answer is 400 or
 * 404: never a 2xx (the row was addressed) and never a 5xx.
 */
describe('canonical ids on every path of the OpenAPI document', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  const real: Record<string, string> = {};

  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    const { deliveryId, letterId } = await receivedLetter(http, { office: '5204', position: 'KASUBBAG-TPH' }, { subject: 'Undangan rapat koordinasi' });
    const issued = await http.request('POST', '/api/dispositions', {
      token: await http.login('kasubbag.teknis.5204'),
      body: { deliveryId, recipientPositionIds: [await positionIdOf(ds, '5204', 'STAF-TPH')], instructionCodes: ['TINDAK_LANJUTI'] },
    });
    expect(issued.status).toBe(201);
    Object.assign(real, {
      letters: letterId, deliveries: deliveryId, dispositions: String(issued.body[0].id), verify: letterId,
      users: String((await ds.query("SELECT id FROM users WHERE username = 'staf.teknis.5204'"))[0].id),
      positions: String(await positionIdOf(ds, '5204', 'STAF-TPH')),
      offices: String((await ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id),
    });
  }, 60_000);
  afterAll(() => stop());

  /** The id of a real row for a path like /api/dispositions/{id}/read (by the segment before the parameter), else 1. */
  const realIdFor = (segments: string[], i: number) => real[segments[i - 1]] ?? '1';
  const BAD = (id: string) => [`0${id}`, `00${id}`, '1e3', '-1', '0x10', '18446744073709551616', `${id}.0`, `+${id}`];
  const USERS = ['staf.teknis.5204', 'kasubbag.teknis.5204', 'admin', 'arsiparis.5271', 'ketua.5271', 'arsiparis.ri'];

  it('answers 400 or 404 to every non-canonical id, never 2xx or 5xx', async () => {
    const doc = (await http.request('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => ({ path, method: m.toUpperCase() })));
    const withParams = routes.filter((r) => r.path.includes('{'));
    expect(withParams.length).toBeGreaterThan(60);

    const tokens = await Promise.all(USERS.map((u) => http.login(u)));
    const wrong: string[] = [];
    let tried = 0;
    for (const { path, method } of withParams) {
      const segments = path.split('/');
      const params = segments.map((s, i) => (/^\{(\w+)\}$/.test(s) ? i : -1)).filter((i) => i >= 0);
      for (const at of params) {
        const name = segments[at].slice(1, -1);
        if (!/^(id|\w+Id)$/.test(name)) continue; // /rules/{code}, /disposition-instructions/{code}: not ids
        for (const bad of BAD(realIdFor(segments, at))) {
          const url = segments.map((s, i) => (i === at ? encodeURIComponent(bad) : params.includes(i) ? realIdFor(segments, i) : s)).join('/');
          // the first user the route's role guard lets through (401/403 come before the id is read)
          let res = { status: 0, body: undefined as unknown };
          for (const token of tokens) {
            res = await http.request(method, url, { token, body: ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined });
            if (res.status !== 401 && res.status !== 403) break;
          }
          tried++;
          if (res.status !== 400 && res.status !== 404) wrong.push(`${method} ${url} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(400);
  }, 120_000);
});
