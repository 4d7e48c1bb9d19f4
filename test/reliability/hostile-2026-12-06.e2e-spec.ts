import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { NotificationsService } from '@naskah/notification';
import { openStream, streamTicket } from '../../libs/testing/src/sse-client';
import { deliveriesOnceDispatched, eventually, officeIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Hostile probes (2026-12-06): what one office learns of another's records through the letter's
 * other endpoints (revisions' snapshots, the lembar disposisi, the disposition tree), and the
 * notification stream's catch-up. The rule: the drafting office's review (reviewers, return notes),
 * konseptor and earlier drafts are its own; a receiving office's reading and dispositions are its
 * own; other offices read the letter as sent, the milestones and what was written to them.
 * Found and fixed the same day (each probe failed on the old code): the revision a recipient reads
 * listed the drafting office's reviewers (snapshot.reviewerPositionIds); the lembar disposisi of
 * another office's copy printed that office's reader, agenda and dispositions for the sender, a relay
 * or a later recipient; a registrar moved to another office kept reading, editing and discarding the
 * prepared disposition of their former office; a hold over another office's unit or an unknown
 * classification, and the daftar arsip of another office's unit, were accepted over nothing; an open
 * notification stream outlived sign-out (pushed the user's notifications until the token expired).
 * A recipient read the number of review rounds (reviewRound 2: returned once); now null there.
 * Held: the disposition tree and a disposition of another office (404), every GET query parameter
 * that is an id, number or date (400 naming it), the stream's catch-up from any id (own only).
 */
jest.setTimeout(240_000);

const RUN = `H6${Date.now().toString(36)}`;
const FORWARD_NOTE = `Catatan penerusan NTB ${RUN}`;
const RETURN_NOTE = `Catatan internal Sumbawa ${RUN}: lengkapi dasar hukum`;
const DISPOSITION_NOTE = `Arahan internal KPU RI ${RUN}`;

describe('hostile probes 2026-12-06', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  let port = 0;
  const T: Record<string, string> = {};
  const pos: Record<string, Record<string, number>> = {};
  const office: Record<string, number> = {};
  let letterId = '';
  let ntbDeliveryId = '';
  let riDeliveryId = '';
  let dispositionId = '';
  const DRAFTER = 'kasubbag.umum.5204';
  const fieldOf = (res: { body: any }) => res.body?.details?.fields?.[0]?.field;
  const get = (url: string, user: string) => http.request('GET', url, { token: T[user] });
  const app = () => http.app;

  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
    await http.app.listen(0, '127.0.0.1');
    port = (http.app.getHttpServer().address() as AddressInfo).port;
    for (const u of [DRAFTER, 'kasubbag.umum.5271', 'kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204', 'sekretaris.52', 'sekjen.ri']) T[u] = await http.login(u);
    for (const o of ['5204', '52', '5271', 'RI']) {
      office[o] = await officeIdOf(ds, o);
      const rows = await ds.query('SELECT p.code, p.id FROM positions p WHERE p.office_id = ?', [office[o]]);
      pos[o] = Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
    }
    // Sumbawa drafts (two reviewers; returned once with a note), signs and sends to the Sekjen; NTB forwards; the Sekjen reads and disposes
    const created = await http.request('POST', '/api/letters', {
      token: T[DRAFTER],
      body: {
        typeCode: 'SD', subject: `Laporan uji bermusuhan ${RUN}`, body: `Konsep pertama ${RUN}`, securityClass: 'B', urgency: 'SEGERA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', positionId: pos.RI.SEKJEN }], reviewerPositionIds: [pos['5204']['KASUBBAG-TPH'], pos['5204'].SEKRETARIS], signerPositionId: pos['5204'].KETUA,
      },
    });
    expect(created.status).toBe(201);
    letterId = created.body.id;
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T[DRAFTER] })).status).toBe(201);
    const returned = await http.request('POST', `/api/letters/${letterId}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'RETURN', note: RETURN_NOTE } });
    expect(returned.body.status).toBe('RETURNED');
    expect((await http.request('PATCH', `/api/letters/${letterId}`, { token: T[DRAFTER], body: { version: returned.body.version, body: 'Dengan hormat,\n\nKami sampaikan laporan.' } })).status).toBe(200);
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T[DRAFTER] })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'APPROVE' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['sekretaris.5204'], body: { decision: 'APPROVE' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: T[DRAFTER] })).status).toBe(201);
    const [atNtb] = await deliveriesOnceDispatched(ds, letterId);
    ntbDeliveryId = String(atNtb.id);
    expect((await http.request('POST', `/api/deliveries/${ntbDeliveryId}/read`, { token: T['sekretaris.52'] })).status).toBe(200);
    expect((await http.request('POST', `/api/deliveries/${ntbDeliveryId}/forward`, { token: T['sekretaris.52'], body: { note: FORWARD_NOTE } })).status).toBe(201);
    const atRi = await eventually(async () => (await ds.query('SELECT id FROM deliveries WHERE letter_id = ? AND office_id = ?', [letterId, office.RI]))[0], 'the delivery at KPU RI');
    riDeliveryId = String(atRi.id);
    expect((await http.request('POST', `/api/deliveries/${riDeliveryId}/read`, { token: T['sekjen.ri'] })).status).toBe(200);
    const [{ id: below }] = await ds.query('SELECT id FROM positions WHERE parent_id = ? AND is_active = 1 ORDER BY id LIMIT 1', [pos.RI.SEKJEN]);
    const disposed = await http.request('POST', '/api/dispositions', {
      token: T['sekjen.ri'], body: { deliveryId: riDeliveryId, recipientPositionIds: [Number(below)], instructionCodes: ['TINDAK_LANJUTI'], note: DISPOSITION_NOTE, workingDays: 3 },
    });
    expect(disposed.status).toBe(201);
    dispositionId = String(disposed.body[0].id);
  }, 180_000);
  afterAll(async () => {
    await stop?.();
  });

  // ------------------------------------------------------------------ the drafting office's review
  it("revisions: the revision a recipient or relay reads (the letter as sent) does not list the drafting office's reviewers", async () => {
    const own = await get(`/api/letters/${letterId}/revisions`, DRAFTER);
    expect(own.body.map((r: any) => r.snapshot.reviewerPositionIds)).toEqual([
      [pos['5204']['KASUBBAG-TPH'], pos['5204'].SEKRETARIS],
      [pos['5204']['KASUBBAG-TPH'], pos['5204'].SEKRETARIS],
    ]);
    for (const user of ['sekretaris.52', 'sekjen.ri']) {
      const seen = await get(`/api/letters/${letterId}/revisions`, user);
      expect([user, seen.status, seen.body.length]).toEqual([user, 200, 1]);
      expect([user, seen.body[0].snapshot.reviewerPositionIds, seen.body[0].createdBy]).toEqual([user, [], null]);
      // the letter as sent is whole: its addressees and signer
      expect([user, seen.body[0].snapshot.signerPositionId, seen.body[0].snapshot.recipients]).toEqual([user, pos['5204'].KETUA, [{ kind: 'TO', positionId: pos.RI.SEKJEN }]]);
      const compare = await get(`/api/letters/${letterId}/revisions/compare?from=2&to=2`, user);
      expect([user, compare.status, compare.body.changes]).toEqual([user, 200, []]);
    }
  });

  it("the letter and a delivery's letter: a recipient or relay does not learn how many review rounds it took (the second means it was returned)", async () => {
    const own = await get(`/api/letters/${letterId}`, DRAFTER);
    expect([own.body.reviewRound, own.body.reviews.filter((r: { decision: string }) => r.decision === 'RETURNED').length]).toEqual([2, 1]);
    for (const [user, deliveryId] of [['sekretaris.52', ntbDeliveryId], ['sekjen.ri', riDeliveryId]]) {
      const letter = await get(`/api/letters/${letterId}`, user);
      const delivery = await get(`/api/deliveries/${deliveryId}`, user);
      expect([user, letter.body.reviewRound, letter.body.currentStep, delivery.body.letter.reviewRound, delivery.body.letter.currentStep]).toEqual([user, null, null, null, null]);
    }
    // the sender reading a delivery of its own letter reads its own review
    expect((await get(`/api/deliveries/${riDeliveryId}`, DRAFTER)).body.letter.reviewRound).toBe(2);
  });

  // ------------------------------------------------------------------ a receiving office's records
  it("lembar disposisi: another office's delivery is 404 (its reader, agenda and dispositions are that office's), the holder prints its own", async () => {
    const cases: [string, string][] = [
      [DRAFTER, ntbDeliveryId], // the sender: NTB's copy (who read it at NTB)
      [DRAFTER, riDeliveryId], // the sender: KPU RI's copy (who read it there, its disposition)
      ['sekjen.ri', ntbDeliveryId], // the final recipient: the relay's copy
      ['sekretaris.52', riDeliveryId], // the relay: the final recipient's copy
    ];
    const got = [];
    for (const [user, id] of cases) {
      const r = await http.app.inject({ method: 'GET', url: `/api/deliveries/${id}/disposition-sheet`, headers: { authorization: `Bearer ${T[user]}` } });
      got.push([user, id, r.statusCode]);
    }
    expect(got).toEqual(cases.map(([u, id]) => [u, id, 404]));
    const own = await http.app.inject({ method: 'GET', url: `/api/deliveries/${riDeliveryId}/disposition-sheet`, headers: { authorization: `Bearer ${T['sekjen.ri']}` } });
    expect([own.statusCode, own.headers['content-type']]).toEqual([200, 'application/pdf']);
    const relay = await http.app.inject({ method: 'GET', url: `/api/deliveries/${ntbDeliveryId}/disposition-sheet`, headers: { authorization: `Bearer ${T['sekretaris.52']}` } });
    expect(relay.statusCode).toBe(200);
  });

  it("a letter's disposition tree and a disposition of KPU RI are not read at Sumbawa or NTB", async () => {
    for (const user of [DRAFTER, 'sekretaris.52']) {
      const tree = await get(`/api/letters/${letterId}/dispositions`, user);
      expect([user, tree.status, tree.body.roots, JSON.stringify(tree.body).includes(DISPOSITION_NOTE)]).toEqual([user, 200, [], false]);
      const one = await get(`/api/dispositions/${dispositionId}`, user);
      expect([user, one.status, JSON.stringify(one.body).includes(DISPOSITION_NOTE)]).toEqual([user, 404, false]);
      const hist = await get(`/api/dispositions/${dispositionId}/history`, user);
      expect([user, hist.status]).toEqual([user, 404]);
    }
    const ri = await get(`/api/letters/${letterId}/dispositions`, 'sekjen.ri');
    expect(ri.body.roots.map((n: { note: string }) => n.note)).toEqual([DISPOSITION_NOTE]);
  });

  it("a disposition prepared by NTB's registrar is no longer theirs to read, edit or discard once they move to another office", async () => {
    const PREP_NOTE = `Rancangan arahan Ketua NTB ${RUN}`;
    // Sumbawa writes to the Ketua of NTB (direct); NTB's registrar (TU) prepares the Ketua's disposition
    const created = await http.request('POST', '/api/letters', {
      token: T[DRAFTER],
      body: {
        typeCode: 'SD', subject: `Untuk Ketua NTB ${RUN}`, body: 'Dengan hormat.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', positionId: pos['52'].KETUA }], reviewerPositionIds: [], signerPositionId: pos['5204'].KETUA,
      },
    });
    expect(created.status).toBe(201);
    const id0 = String(created.body.id);
    expect((await http.request('POST', `/api/letters/${id0}/submit`, { token: T[DRAFTER] })).body.status).toBe('APPROVED');
    expect((await http.request('POST', `/api/letters/${id0}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${id0}/send`, { token: T[DRAFTER] })).status).toBe(201);
    const [toKetua] = await deliveriesOnceDispatched(ds, id0);
    const registrar = await http.login('pencatat.52');
    const prepared = await http.request('POST', '/api/prepared-dispositions', {
      token: registrar, body: { deliveryId: String(toKetua.id), recipientPositionIds: [pos['52'].SEKRETARIS], instructionCodes: ['PELAJARI'], note: PREP_NOTE },
    });
    expect(prepared.status).toBe(201);
    const id = String(prepared.body.id);
    const row = async () => (await ds.query('SELECT status, version, note, instruction_codes FROM prepared_dispositions WHERE id = ?', [id]))[0];
    const before = await row();
    const admin = await http.login('admin');
    const [user] = await ds.query("SELECT id, position_id, version FROM users WHERE username = 'pencatat.52'");
    const moved = await http.request('PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { version: Number(user.version), positionId: pos['5204']['STAF-KUL'] } });
    expect(moved.status).toBe(200);
    try {
      // signed in again (the move ended the old session): now a staff member of KPU Kabupaten Sumbawa
      const now = (await http.request('POST', '/api/auth/login', { body: { username: 'pencatat.52', password: 'Naskah#2026' } })).body.accessToken as string;
      const read = await http.request('GET', `/api/prepared-dispositions/${id}`, { token: now });
      const list = await http.request('GET', '/api/prepared-dispositions', { token: now });
      const edit = await http.request('PATCH', `/api/prepared-dispositions/${id}`, {
        token: now, body: { version: before.version, recipientPositionIds: [pos['52'].SEKRETARIS], instructionCodes: ['ARSIPKAN'], note: 'Diubah dari Sumbawa' },
      });
      const discard = await http.request('POST', `/api/prepared-dispositions/${id}/discard`, { token: now, body: { reason: 'Dibuang dari Sumbawa' } });
      expect({
        read: [read.status, JSON.stringify(read.body).includes(PREP_NOTE)],
        list: JSON.stringify(list.body).includes(PREP_NOTE),
        edit: edit.status,
        discard: discard.status,
      }).toEqual({ read: [404, false], list: false, edit: 404, discard: 404 });
      expect(await row()).toEqual(before);
      // the Ketua it was prepared for still decides it
      const mine = await http.request('GET', `/api/prepared-dispositions/${id}`, { token: await http.login('ketua.52') });
      expect([mine.status, mine.body.note]).toEqual([200, PREP_NOTE]);
    } finally {
      const [u] = await ds.query('SELECT version FROM users WHERE id = ?', [user.id]);
      await http.request('PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { version: Number(u.version), positionId: Number(user.position_id) } });
    }
  });

  // ------------------------------------------------------------------ records: a hold names what it freezes
  it("a hold over another office's unit or an unknown classification is 422 naming it (it would freeze nothing), placed nowhere; preview alike", async () => {
    const archivist = await http.login('arsiparis.5204');
    const [{ id: foreignUnit }] = await ds.query('SELECT id FROM units WHERE office_id = ? ORDER BY id LIMIT 1', [office['5271']]);
    const [{ id: ownUnit }] = await ds.query('SELECT id FROM units WHERE office_id = ? ORDER BY id LIMIT 1', [office['5204']]);
    const before = await ds.query('SELECT COUNT(*) AS n FROM records_holds');
    const cases: [Record<string, unknown>, string][] = [
      [{ unitId: Number(foreignUnit) }, 'scope.unitId'],
      [{ unitId: 4294967295 }, 'scope.unitId'],
      [{ classificationCode: 'ZZ.99.9' }, 'scope.classificationCode'],
      [{ classificationCode: 'PY.01.1', unitId: Number(foreignUnit) }, 'scope.unitId'],
    ];
    const got = [];
    for (const [scope] of cases) {
      const placed = await http.request('POST', '/api/records/holds', { token: archivist, body: { caseName: `Uji ${RUN}`, reason: 'Pemeriksaan auditor', scope } });
      const preview = await http.request('POST', '/api/records/holds/preview', { token: archivist, body: { scope } });
      got.push([JSON.stringify(scope), placed.status, fieldOf(placed), preview.status, fieldOf(preview)]);
    }
    expect(got).toEqual(cases.map(([scope, f]) => [JSON.stringify(scope), 422, f, 422, f]));
    expect(await ds.query('SELECT COUNT(*) AS n FROM records_holds')).toEqual(before);
    // its own unit and a known code are a scope (previewed; nothing placed here)
    const ok = await http.request('POST', '/api/records/holds/preview', { token: archivist, body: { scope: { unitId: Number(ownUnit), classificationCode: 'PY' } } });
    expect([ok.status, ok.body.officeId]).toEqual([200, office['5204']]);
  });

  it("daftar arsip of a unit that is not the office's own (another office's, none) is 422 naming unitId, not an official list saying it holds nothing", async () => {
    const archivist = await http.login('arsiparis.5204');
    const [{ id: foreignUnit }] = await ds.query('SELECT id FROM units WHERE office_id = ? ORDER BY id LIMIT 1', [office['5271']]);
    const [{ id: ownUnit }] = await ds.query('SELECT id FROM units WHERE office_id = ? ORDER BY id LIMIT 1', [office['5204']]);
    const got = [];
    for (const unitId of [Number(foreignUnit), 4294967295]) {
      const r = await http.request('GET', `/api/records/reports/daftar-arsip?kind=AKTIF&unitId=${unitId}`, { token: archivist });
      got.push([unitId, r.status, fieldOf(r)]);
    }
    expect(got).toEqual([[Number(foreignUnit), 422, 'unitId'], [4294967295, 422, 'unitId']]);
    const own = await http.app.inject({ method: 'GET', url: `/api/records/reports/daftar-arsip?kind=AKTIF&unitId=${ownUnit}`, headers: { authorization: `Bearer ${archivist}` } });
    expect(own.statusCode).toBe(200);
  });

  // ------------------------------------------------------------------ query parameters of every GET
  it('every GET query parameter that is an id, a number or a date: non-canonical or impossible values are 400 naming it, never 2xx or 5xx', async () => {
    type Param = { name: string; in: string; schema?: { type?: string; format?: string; pattern?: string; enum?: unknown[] } };
    const doc = (await http.request('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, { parameters?: Param[] }>> };
    const users = ['arsiparis.5204', 'sekjen.ri', 'admin', 'pencatat.5204', 'ketua.5204', DRAFTER];
    const tokens = await Promise.all(users.map((u) => http.login(u)));
    const INT = ['01', '1e3', '%201', '1.0', '-1', '0x10', '99999999999999999999', '1%00'];
    const DATE = ['2026-02-30', '2026-2-3', '0000-01-01', '2026-02-03T00:00:00Z', '%202026-02-03'];
    const wrong: string[] = [];
    let tried = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op?.parameters?.some((x) => x.in === 'query')) continue;
      if (path.includes('/stream') || path.startsWith('/health') || path.includes('/verify')) continue;
      const url = path.replace(/\{(\w+)\}/g, (_m, name) => (name === 'queue' ? 'review' : name === 'code' ? 'PY' : '1'));
      for (const q of op.parameters.filter((x) => x.in === 'query')) {
        const t = q.schema?.type;
        const looksId = /(^id$|Id$|^before$|^after$)/.test(q.name);
        const values = q.schema?.format === 'date' || /^(from|to|date|on|startsOn|endsOn)$/.test(q.name) ? DATE : t === 'integer' || t === 'number' || looksId ? INT : [];
        for (const v of values) {
          let res = { status: 0, body: undefined as any };
          for (const token of tokens) {
            res = await http.request('GET', `${url}?${q.name}=${v}`, { token });
            if (res.status !== 401 && res.status !== 403) break;
          }
          tried++;
          if (res.status === 403 || res.status === 401) continue;
          const named = (res.body?.details?.fields ?? []).some((f: { field: string }) => f.field === q.name); // with the other required parameters missing, among them
          if (res.status !== 400 || !named) wrong.push(`GET ${url}?${q.name}=${v} → ${res.status} ${fieldOf(res) ?? ''} ${JSON.stringify(res.body)?.slice(0, 100)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  });

  // ------------------------------------------------------------------ notification stream catch-up
  it('notification stream: once its session ends (sign-out here; the request guard check, so also a password change, deactivation, a move) an open stream carries nothing more and ends', async () => {
    const username = 'staf.umum.5271';
    const [{ id: userId }] = await ds.query('SELECT id FROM users WHERE username = ?', [username]);
    const signedIn = await http.request('POST', '/api/auth/login', { body: { username, password: 'Naskah#2026' } });
    expect(signedIn.status).toBe(200);
    const stream = await openStream(port, `/api/notifications/stream?ticket=${encodeURIComponent(await streamTicket(port, signedIn.body.accessToken))}`);
    const notifications = app().get(NotificationsService);
    const push = (key: string) => notifications.send([{ userId: Number(userId), type: 'LETTER_UNREAD_REMINDER', payload: { title: `Pengingat ${key}` }, dedupeKey: `${RUN}-${key}` }]);
    try {
      await eventually(async () => stream.events.find((e) => e.event === 'ready'), 'ready');
      await push('before');
      await eventually(async () => stream.events.find((e) => e.data?.payload?.title === 'Pengingat before'), 'the notification while signed in');
      // sign-out ends the session: the access token is refused at once…
      expect((await http.request('POST', '/api/auth/logout', { body: { refreshToken: signedIn.body.refreshToken } })).status).toBe(204);
      expect((await http.request('GET', '/api/notifications', { token: signedIn.body.accessToken })).status).toBe(401);
      // …and the stream opened with it carries nothing more
      await push('after');
      await new Promise((r) => setTimeout(r, 1500));
      expect(stream.events.filter((e) => e.event === 'notification').map((e) => e.data.payload.title)).toEqual(['Pengingat before']);
      expect(stream.events.filter((e) => e.event === 'expired').map((e) => e.data.code)).toEqual(['SESSION_REVOKED']);
      expect(stream.res.readableEnded || stream.res.destroyed || stream.res.complete).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('notification stream: a catch-up from any id (0-ish, another user\'s, huge) sends only the caller\'s own; a bad lastEventId is 400 naming it', async () => {
    const idsOf = async (username: string) =>
      (await ds.query('SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = ? ORDER BY n.id', [username])).map((r: { id: string }) => String(r.id));
    const sekjen = await idsOf('sekjen.ri');
    const drafter = await idsOf(DRAFTER);
    expect(sekjen.length).toBeGreaterThan(0);
    const foreignFirst = String(BigInt(sekjen[0]) - 1n);
    for (const [how, headers, query] of [
      ['query from before the other user\'s first', {}, `&lastEventId=${foreignFirst}`],
      ['header from 1', { 'last-event-id': '1' }, ''],
      ['header negative', { 'last-event-id': '-1' }, ''],
      ['header huge', { 'last-event-id': '99999999999999999999' }, ''],
      ['header non-canonical', { 'last-event-id': '01' }, ''],
      ['header with spaces', { 'last-event-id': ` ${foreignFirst}` }, ''],
    ] as [string, Record<string, string>, string][]) {
      const stream = await openStream(port, `/api/notifications/stream?ticket=${encodeURIComponent(await streamTicket(port, T[DRAFTER]))}${query}`, headers);
      try {
        expect([how, stream.res.statusCode]).toEqual([how, 200]);
        await eventually(async () => stream.events.find((e) => e.event === 'ready'), 'ready');
        const got = stream.events.filter((e) => e.event === 'notification').map((e) => e.id!);
        expect([how, got.filter((id) => !drafter.includes(id))]).toEqual([how, []]);
      } finally {
        stream.close();
      }
    }
    for (const bad of ['-1', '0', '1e3', '01', '%201', '99999999999999999999', '1.0', 'abc', '1&lastEventId=2']) {
      const ticket = await streamTicket(port, T[DRAFTER]);
      const r = await http.request('GET', `/api/notifications/stream?ticket=${encodeURIComponent(ticket)}&lastEventId=${bad}`);
      expect([bad, r.status, fieldOf(r)]).toEqual([bad, 400, 'lastEventId']);
    }
  });
});
