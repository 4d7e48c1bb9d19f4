import { countRows, Http, startApi } from '@naskah/testing';

/** Bodies built to break the validation layer get a 400 naming the field, never a 500. */
describe('hostile request bodies', () => {
  let http: Http;
  let token: string;
  beforeAll(async () => {
    http = await startApi();
    token = await http.login('kasubbag.umum.5204');
  });
  afterAll(() => http.close());

  it('answers 400 to JSON nested 5,000 levels deep and creates nothing', async () => {
    const before = await countRows(http.ds, 'letters');
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await http.app.inject({ method: 'POST', url: '/api/letters', payload: `{"subject":${deep}}`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('BODY_TOO_DEEP');
    expect(await countRows(http.ds, 'letters')).toBe(before);
  });

  it('refuses fields named constructor or toString with 400 naming them', async () => {
    for (const key of ['constructor', 'toString']) {
      const res = await http.request('POST', '/api/auth/login', { body: { username: 'x', password: 'y', [key]: 'z' } });
      expect(res.status).toBe(400);
      expect(res.body.details.fields[0].field).toBe(key);
    }
  });
});

describe('JSON endpoints and multipart requests', () => {
  let http: Http;
  beforeAll(async () => {
    http = await startApi();
  });
  afterAll(() => http.close());

  it('refuses a multipart request to a JSON endpoint with 415 and changes nothing', async () => {
    const admin = await http.login('admin');
    const [pos] = await http.ds.query("SELECT p.id, p.title FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = '5271' AND p.code = 'STAF-PDI'");
    const boundary = 'xjsonx';
    const res = await http.app.inject({
      method: 'PATCH',
      url: `/api/admin/positions/${pos.id}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nDiubah\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('JSON_BODY_REQUIRED');
    const [after] = await http.ds.query('SELECT title FROM positions WHERE id = ?', [pos.id]);
    expect(after.title).toBe(pos.title);
  });
});
