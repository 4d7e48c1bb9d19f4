import { deliveriesOnceDispatched, insertSignedLetterFixture, officeIdOf, positionIdOf } from '../../libs/testing/src/letters-fixture';
import { forgetOldDispositionJobs, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { eventually, RecordsEnv, startRecordsEnv, sweep, unitIdOf } from '../records/records-support';
import { OpenApiDoc, responseValidator } from './openapi-support';

/**
 * The documentation is true, not just present: real endpoints, called through the HTTP API on
 * real data, answer exactly what the OpenAPI document says (every documented field present with
 * its type, nullability, enum and format; no field the document does not name).
 */
describe('OpenAPI: real answers match their documented schemas', () => {
  let env: RecordsEnv;
  let validator: ReturnType<typeof responseValidator>;
  beforeAll(async () => {
    env = await startRecordsEnv();
    // this suite's database numbers dispositions from 1 again: a notify job id (disposition-notify_<id>) an earlier suite left
    // under this Jest worker's BullMQ prefix would swallow ours
    await forgetOldDispositionJobs(env.http.app);
    const docRes = await env.http.request('GET', '/api/docs-json');
    validator = responseValidator(docRes.body as OpenApiDoc);
  });
  afterAll(async () => {
    // and leaves none of ours for the next suite under this prefix (its dispositions are numbered from 1 too)
    await forgetOldDispositionJobs(env.http.app);
    await env.close();
  });

  /** Calls `method url` as `username` and checks the answer against the schema documented for `template` and its status. */
  async function call(username: string | null, method: string, template: string, url: string, body?: unknown): Promise<any> {
    const res = username ? await env.req(method, url, username, body) : await env.http.request(method, url, { body });
    const validate = validator.forResponse(method, template, res.status);
    if (!validate) throw new Error(`${method} ${url}: answered ${res.status}, which ${template} does not document as JSON: ${JSON.stringify(res.body).slice(0, 400)}`);
    const ok = validate(res.body);
    expect({ endpoint: `${method} ${template} ${res.status}`, errors: ok ? [] : validate.errors }).toEqual({ endpoint: `${method} ${template} ${res.status}`, errors: [] });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('is strict: a missing, extra, mistyped or out-of-enum field fails', async () => {
    const me = await call('ketua.5271', 'GET', '/api/me', '/api/me');
    const validate = validator.forResponse('GET', '/api/me', 200)!;
    expect(validate(me)).toBe(true);
    const { roles: _roles, ...missing } = me;
    for (const bad of [missing, { ...me, extra: 1 }, { ...me, user: { ...me.user, id: String(me.user.id) } }, { ...me, roles: ['KING'] }, { ...me, office: { ...me.office, code: null } }]) {
      expect(validate(bad)).toBe(false);
    }
    expect(validate({ ...me, position: null, office: null })).toBe(true);
  });

  it('answers errors in the documented error body', async () => {
    for (const [username, template, url, status] of [
      ['ketua.5271', '/api/letters/{id}', '/api/letters/999999999', 404],
      ['admin', '/api/admin/users', '/api/admin/users?limit=3', 400],
      [null, '/api/me', '/api/me', 401],
    ] as const) {
      const res = username ? await env.req('GET', url, username) : await env.http.request('GET', url);
      expect(res.status).toBe(status);
      const validate = validator.forResponse('GET', template, status)!;
      expect({ url, valid: validate(res.body), errors: validate.errors ?? null }).toEqual({ url, valid: true, errors: null });
    }
  });

  it('correspondence: letter, send, inbox page, delivery detail and route, outbox, sign-in and me', async () => {
    const tokens = await call(null, 'POST', '/api/auth/login', '/api/auth/login', { username: 'ketua.5271', password: 'Naskah#2026' });
    expect(tokens.tokenType).toBe('Bearer');
    await call('ketua.5271', 'GET', '/api/me', '/api/me');
    const { letterId, deliveryId } = await receivedLetter(env.http, { office: '5271', position: 'KETUA' }, { subject: 'Undangan rapat koordinasi (skema)' });
    await call('sekjen.ri', 'GET', '/api/letters/{id}', `/api/letters/${letterId}`);
    await call('sekjen.ri', 'GET', '/api/letters/{id}/history', `/api/letters/${letterId}/history`);
    const unread = await call('ketua.5271', 'GET', '/api/worklist/{queue}', '/api/worklist/unread');
    expect(unread.items.map((i: { deliveryId: string }) => i.deliveryId)).toContain(deliveryId);
    const page = await call('ketua.5271', 'GET', '/api/inbox', '/api/inbox');
    expect(page.items.map((i: { id: string }) => i.id)).toContain(deliveryId);
    const detail = await call('ketua.5271', 'GET', '/api/deliveries/{id}', `/api/deliveries/${deliveryId}`);
    expect(detail.letter.id).toBe(letterId);
    await call('ketua.5271', 'POST', '/api/deliveries/{id}/read', `/api/deliveries/${deliveryId}/read`);
    await call('ketua.5271', 'GET', '/api/deliveries/{id}/route', `/api/deliveries/${deliveryId}/route`);
    await call('sekjen.ri', 'GET', '/api/outbox', '/api/outbox?box=sent');

    // a letter sent through the parent office: the answer to send, and a forward
    const { letterId: upward } = await insertSignedLetterFixture(env.ds, { office: '5204', to: [{ office: 'RI', position: 'SEKJEN' }], subject: 'Laporan ke KPU RI (skema)' });
    const sent = await call('sekretaris.5204', 'POST', '/api/letters/{id}/send', `/api/letters/${upward}/send`);
    expect(sent.viaParent.length).toBe(1);
    const [atProvince] = await deliveriesOnceDispatched(env.ds, upward);
    await call('sekretaris.52', 'POST', '/api/deliveries/{id}/forward', `/api/deliveries/${atProvince.id}/forward`, {});

    // its delivery tracking (the signer of the sending office), and remind-the-unread
    const tracking = await call('sekretaris.5204', 'GET', '/api/letters/{id}/tracking', `/api/letters/${upward}/tracking`);
    expect(tracking.items).toHaveLength(1);
    expect(tracking.items[0].deliveredTo).not.toBeNull();
    await call('sekretaris.5204', 'POST', '/api/letters/{id}/tracking/remind-unread', `/api/letters/${upward}/tracking/remind-unread`);
  });

  it('distribution lists: create, list, detail and history', async () => {
    const members = [{ officeId: await officeIdOf(env.ds, '5271') }, { positionId: await positionIdOf(env.ds, '5204', 'SEKRETARIS') }];
    const created = await call('kabag.umum.52', 'POST', '/api/distribution-lists', '/api/distribution-lists', { name: `Daftar uji skema ${Date.now().toString(36)}`, description: 'untuk uji skema', members });
    const lists = await call('kabag.umum.52', 'GET', '/api/distribution-lists', '/api/distribution-lists');
    expect(lists.items.map((l: { id: number }) => l.id)).toContain(created.id);
    await call('kabag.umum.52', 'GET', '/api/distribution-lists/{id}', `/api/distribution-lists/${created.id}`);
    await call('kabag.umum.52', 'PATCH', '/api/distribution-lists/{id}', `/api/distribution-lists/${created.id}`, { version: created.version, description: 'diubah' });
    const history = await call('kabag.umum.52', 'GET', '/api/distribution-lists/{id}/history', `/api/distribution-lists/${created.id}/history`);
    expect(history.map((e: { action: string }) => e.action)).toEqual(['DISTRIBUTION_LIST_CREATED', 'DISTRIBUTION_LIST_UPDATED']);
  });

  it('dispositions: issue, detail, lists, tree and roll-up; notifications', async () => {
    const { letterId, deliveryId } = await receivedLetter(env.http, { office: '5271', position: 'KETUA' }, { subject: 'Permintaan data (skema)' });
    const sekretaris = await positionIdOf(env.ds, '5271', 'SEKRETARIS');
    const [issued] = await call('ketua.5271', 'POST', '/api/dispositions', '/api/dispositions', { deliveryId, recipientPositionIds: [sekretaris], instructionCodes: ['TINDAK_LANJUTI'], workingDays: 3 });
    await call('ketua.5271', 'GET', '/api/dispositions/{id}', `/api/dispositions/${issued.id}`);
    await call('sekretaris.5271', 'POST', '/api/dispositions/{id}/read', `/api/dispositions/${issued.id}/read`);
    await call('sekretaris.5271', 'POST', '/api/dispositions/{id}/follow-ups', `/api/dispositions/${issued.id}/follow-ups`, { body: 'Data sedang dihimpun' });
    await call('sekretaris.5271', 'GET', '/api/dispositions/received', '/api/dispositions/received');
    await call('ketua.5271', 'GET', '/api/dispositions/given', '/api/dispositions/given');
    await call('ketua.5271', 'GET', '/api/dispositions/{id}/rollup', `/api/dispositions/${issued.id}/rollup`);
    await call('ketua.5271', 'GET', '/api/letters/{id}/dispositions', `/api/letters/${letterId}/dispositions`);
    await call('ketua.5271', 'GET', '/api/disposition-instructions', '/api/disposition-instructions');
    await call('ketua.5271', 'GET', '/api/holidays', '/api/holidays?year=2026');

    // the recipient's work queues: the counts, and the dispositions queue with its sub-counts and deadlines
    const counts = await call('sekretaris.5271', 'GET', '/api/worklist', '/api/worklist');
    expect(counts.queues.find((q: { queue: string }) => q.queue === 'dispositions')).toMatchObject({ sub: expect.objectContaining({ overdue: expect.any(Number) }) });
    const queue = await call('sekretaris.5271', 'GET', '/api/worklist/{queue}', '/api/worklist/dispositions?sort=urgency');
    expect(queue.items.map((i: { dispositionId: string }) => i.dispositionId)).toContain(issued.id);

    const list = await eventually(async () => {
      const body = await call('sekretaris.5271', 'GET', '/api/notifications', '/api/notifications');
      return body.items.some((n: { type: string }) => n.type === 'DISPOSITION_NEW') ? body : undefined;
    }, 'the disposition notification');
    await call('sekretaris.5271', 'POST', '/api/notifications/{id}/read', `/api/notifications/${list.items[0].id}/read`);
  });

  it('organisation, master data and public verification keys', async () => {
    const offices = await call('staf.umum.5204', 'GET', '/api/offices', '/api/offices?limit=3');
    await call('staf.umum.5204', 'GET', '/api/offices/{id}', `/api/offices/${offices.items[1].id}`);
    await call('staf.umum.5204', 'GET', '/api/offices/{id}/positions', `/api/offices/${offices.items[1].id}/positions`);
    await call('staf.umum.5204', 'GET', '/api/master/classifications', '/api/master/classifications?q=TU');
    await call(null, 'GET', '/api/verify/keys', '/api/verify/keys');
    await call('admin', 'GET', '/api/admin/users', '/api/admin/users');
  });

  it('policy as data: the routing policy and its versions, number templates and the effective one', async () => {
    const policy = await call('admin', 'GET', '/api/admin/routing-policy', '/api/admin/routing-policy');
    const versions = await call('admin', 'GET', '/api/admin/routing-policy/versions', '/api/admin/routing-policy/versions');
    expect(versions[0].id).toBe(policy.version.id);
    await call('admin', 'GET', '/api/admin/routing-policy/versions/{id}', `/api/admin/routing-policy/versions/${policy.version.id}`);
    await call('admin', 'GET', '/api/admin/number-templates', '/api/admin/number-templates');
    const effective = await call('admin', 'GET', '/api/admin/number-templates/effective', `/api/admin/number-templates/effective?officeId=${await officeIdOf(env.ds, '5271')}&typeCode=SD`);
    expect(effective.candidates[0]).toEqual(effective.effective);
  });

  it('operations: the pipeline status, 200 when OK and 503 with the same body otherwise', async () => {
    const res = await env.http.request('GET', '/health/pipeline');
    expect([200, 503]).toContain(res.status);
    expect(res.body.verdict === 'OK').toBe(res.status === 200);
    const validate = validator.forResponse('GET', '/health/pipeline', res.status)!;
    expect({ valid: validate(res.body), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
  });

  it('records: dossier detail with items and dates, the sweep, proposal detail, holds, schedule and dashboard', async () => {
    const A = 'arsiparis.5204';
    const kul = await unitIdOf(env.ds, '5204', 'KUL');
    const dossier = await call(A, 'POST', '/api/records/dossiers', '/api/records/dossiers', { unitId: kul, classificationCode: 'TU.05.1', title: 'Berkas uji skema', periodStart: '2026-01-01' });
    const { letterId } = await insertSignedLetterFixture(env.ds, { office: '5204', subject: 'Naskah untuk berkas (skema)' });
    await env.ds.query("UPDATE letters SET classification_code = 'TU.05.1' WHERE id = ?", [letterId]);
    await call(A, 'GET', '/api/worklist/{queue}', '/api/worklist/unfiled');
    await call(A, 'GET', '/api/records/dossiers/suggest', `/api/records/dossiers/suggest?letterId=${letterId}`);
    await call(A, 'POST', '/api/records/dossiers/{id}/items', `/api/records/dossiers/${dossier.id}/items`, { letterId });
    await call(A, 'POST', '/api/records/dossiers/{id}/close', `/api/records/dossiers/${dossier.id}/close`, {});
    const shown = await call(A, 'GET', '/api/records/dossiers/{id}', `/api/records/dossiers/${dossier.id}`);
    expect(shown.items).toHaveLength(1);
    await call(A, 'GET', '/api/records/dossiers', '/api/records/dossiers');
    await call(A, 'POST', '/api/records/holds/preview', '/api/records/holds/preview', { scope: { classificationCode: 'TU.05.1' } });

    env.at(3); // past the 2 active years of TU.05.1: the sweep proposes the transfer
    const run = await sweep(env, A);
    await call(A, 'GET', '/api/records/sweep/runs/{id}', `/api/records/sweep/runs/${run.id}`);
    const { openProposal } = await call(A, 'GET', '/api/records/dossiers/{id}', `/api/records/dossiers/${dossier.id}`);
    expect(openProposal).toMatchObject({ kind: 'TRANSFER' });
    await call(A, 'GET', '/api/records/proposals/{id}', `/api/records/proposals/${openProposal.id}`);
    await call(A, 'GET', '/api/records/proposals', '/api/records/proposals');
    await call(A, 'GET', '/api/records/schedule', '/api/records/schedule?q=TU.05');
    await call(A, 'GET', '/api/records/reports/dashboard', '/api/records/reports/dashboard');
  });
});
