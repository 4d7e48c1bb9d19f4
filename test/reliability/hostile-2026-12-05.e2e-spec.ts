import { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { suiteDatabase } from '../../libs/testing/src/suite-database';
import { ConfigError, loadConfig } from '../../libs/core/src/config/app-config';
import { deliveriesOnceDispatched, eventually, officeIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Hostile probes (2026-12-05) against today's changes: eligible participants, the inbox order and
 * total, a letter's history scoped per office, and the delivery endpoints that show the same
 * records. The rule: each office's records are its own (another office's notes and users are not
 * read through any endpoint); nothing answers 500; a bad query parameter is 400 naming it.
 * Found and fixed the same day (each probe failed on the old code): another office's position and
 * Plt/Plh capacity in the history; the drafting office's review notes in the letter read by a
 * recipient; its earlier drafts in /revisions; a relay's forwarding note and reader in the delivery
 * detail and route read by the sender; submit not re-checking a reviewer/signer deactivated since
 * the save; Redis node ports 0 / 99999 taken at boot.
 */
jest.setTimeout(240_000);

const RUN = `H5${Date.now().toString(36)}`;
const FORWARD_NOTE = `Catatan penerusan NTB ${RUN}`;
const RETURN_NOTE = `Catatan internal Sumbawa ${RUN}: lengkapi dasar hukum`;
const FIRST_BODY = `Konsep pertama internal ${RUN}`;

describe('hostile probes 2026-12-05', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  let db: { release(): Promise<void> };
  const T: Record<string, string> = {};
  const pos: Record<string, Record<string, number>> = {};
  const office: Record<string, number> = {};
  let letterId = '';
  let ntbDeliveryId = '';
  let riDeliveryId = '';
  const DRAFTER = 'kasubbag.umum.5204';
  const fieldOf = (res: { body: any }) => res.body?.details?.fields?.[0]?.field;
  const get = (url: string, user: string) => http.request('GET', url, { token: T[user] });

  beforeAll(async () => {
    db = await suiteDatabase(); // positions are deactivated below
    ({ http, ds, close: stop } = await startApiAndWorker());
    for (const u of [DRAFTER, 'kasubbag.umum.5271', 'kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204', 'sekretaris.52', 'sekjen.ri']) T[u] = await http.login(u);
    for (const o of ['5204', '52', '5271', 'RI']) {
      office[o] = await officeIdOf(ds, o);
      const rows = await ds.query('SELECT p.code, p.id FROM positions p WHERE p.office_id = ?', [office[o]]);
      pos[o] = Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
    }
    // Sumbawa → (NTB forwards with a note) → the Sekjen of KPU RI, who reads it
    const created = await http.request('POST', '/api/letters', {
      token: T[DRAFTER],
      body: {
        typeCode: 'SD', subject: `Laporan uji bermusuhan ${RUN}`, body: FIRST_BODY, securityClass: 'B', urgency: 'SEGERA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', positionId: pos.RI.SEKJEN }], reviewerPositionIds: [pos['5204'].SEKRETARIS], signerPositionId: pos['5204'].KETUA,
      },
    });
    expect(created.status).toBe(201);
    letterId = created.body.id;
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T[DRAFTER] })).status).toBe(201);
    const returned = await http.request('POST', `/api/letters/${letterId}/review`, { token: T['sekretaris.5204'], body: { decision: 'RETURN', note: RETURN_NOTE } });
    expect(returned.body.status).toBe('RETURNED');
    expect((await http.request('PATCH', `/api/letters/${letterId}`, { token: T[DRAFTER], body: { version: returned.body.version, body: 'Dengan hormat,\n\nKami sampaikan laporan.' } })).status).toBe(200);
    expect((await http.request('POST', `/api/letters/${letterId}/submit`, { token: T[DRAFTER] })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/review`, { token: T['sekretaris.5204'], body: { decision: 'APPROVE' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } })).status).toBe(201);
    expect((await http.request('POST', `/api/letters/${letterId}/send`, { token: T[DRAFTER] })).status).toBe(201);
    const [atNtb] = await deliveriesOnceDispatched(ds, letterId);
    ntbDeliveryId = String(atNtb.id);
    expect((await http.request('POST', `/api/deliveries/${ntbDeliveryId}/forward`, { token: T['sekretaris.52'], body: { note: FORWARD_NOTE } })).status).toBe(201);
    const atRi = await eventually(async () => (await ds.query('SELECT id FROM deliveries WHERE letter_id = ? AND office_id = ?', [letterId, office.RI]))[0], 'the delivery at KPU RI');
    riDeliveryId = String(atRi.id);
    expect((await http.request('POST', `/api/deliveries/${riDeliveryId}/read`, { token: T['sekjen.ri'] })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await stop?.();
    await db?.release();
  });

  // ------------------------------------------------------------------ eligible participants
  it('eligible-participants: non-canonical ids and repeated parameters are 400 naming the field, never 500', async () => {
    const cases: [string, string][] = [
      ['letterId=01', 'letterId'], ['letterId=1e3', 'letterId'], ['letterId=%201', 'letterId'], ['letterId=%2B1', 'letterId'], ['letterId=0', 'letterId'], ['letterId=-1', 'letterId'],
      ['letterId=99999999999999999999999', 'letterId'], ['letterId=1&letterId=2', 'letterId'], ['letterId=', 'letterId'], ['letterId=1%00', 'letterId'],
      ['signerPositionId=01', 'signerPositionId'], ['signerPositionId=1e3', 'signerPositionId'], ['signerPositionId=%201', 'signerPositionId'], ['signerPositionId=%2B1', 'signerPositionId'],
      ['signerPositionId=4294967296', 'signerPositionId'], ['signerPositionId=1&signerPositionId=2', 'signerPositionId'], ['signerPositionId=1.0', 'signerPositionId'],
      ['signerPositionId=0x10', 'signerPositionId'], ['signerPositionId=', 'signerPositionId'],
    ];
    const got = [];
    for (const [q, f] of cases) {
      const r = await get(`/api/letters/eligible-participants?${q}`, DRAFTER);
      got.push([q, r.status, fieldOf(r)]);
      expect(r.status).toBeLessThan(500);
    }
    expect(got).toEqual(cases.map(([q, f]) => [q, 400, f]));
  });

  it("eligible-participants of another office's draft or with another office's signer: 404 / 400, and nothing of that office listed", async () => {
    const other = await get(`/api/letters/eligible-participants?letterId=${letterId}`, 'kasubbag.umum.5271');
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('Sumbawa');
    const foreignSigner = await get(`/api/letters/eligible-participants?signerPositionId=${pos['5271'].KETUA}`, DRAFTER);
    expect([foreignSigner.status, fieldOf(foreignSigner)]).toEqual([400, 'signerPositionId']);
    // a sent letter's recipient (who may see it) is not its drafter
    const recipient = await get(`/api/letters/eligible-participants?letterId=${letterId}`, 'sekjen.ri');
    expect(recipient.status).toBe(403);
    expect(recipient.body.reviewers).toBeUndefined();
  });

  it('the a.n. chosen for one signer is refused once the signer changes to that a.n. itself (list and save agree)', async () => {
    const list = await get(`/api/letters/eligible-participants?signerPositionId=${pos['5204'].SEKRETARIS}`, DRAFTER);
    expect(list.body.onBehalfOf.map((o: { id: number }) => o.id)).toEqual([pos['5204'].KETUA]);
    const created = await http.request('POST', '/api/letters', {
      token: T[DRAFTER],
      body: {
        typeCode: 'SD', subject: `a.n. uji ${RUN}`, body: 'Dengan hormat.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', externalName: 'Bawaslu Sumbawa' }], reviewerPositionIds: [], signerPositionId: pos['5204'].SEKRETARIS, typeFields: { onBehalfOfPositionId: pos['5204'].KETUA },
      },
    });
    expect(created.status).toBe(201);
    const asKetua = await get(`/api/letters/eligible-participants?letterId=${created.body.id}&signerPositionId=${pos['5204'].KETUA}`, DRAFTER);
    expect(asKetua.body.onBehalfOf).toEqual([]);
    const patched = await http.request('PATCH', `/api/letters/${created.body.id}`, { token: T[DRAFTER], body: { version: created.body.version, signerPositionId: pos['5204'].KETUA } });
    expect([[400, 422].includes(patched.status), fieldOf(patched)]).toEqual([true, 'typeFields.onBehalfOfPositionId']);
  });

  // ------------------------------------------------------------------ inbox
  it('inbox: bad sort / page / before combinations are 400 naming the field, never 500', async () => {
    const cases: [string, string][] = [
      ['sort=receivedat', 'sort'], ['sort=', 'sort'], ['sort=-receivedAt&sort=urgency', 'sort'], ['sort=%20urgency', 'sort'], ['sort=urgency%00', 'sort'], ['sort=__proto__', 'sort'],
      ['sort=urgency&before=5', 'before'], ['sort=sender&before=1', 'before'], ['page=0', 'page'], ['page=-1', 'page'], ['page=1e3', 'page'], ['page=01', 'page'], ['page=10001', 'page'],
      ['page=1&page=2', 'page'], ['before=01', 'before'], ['before=0', 'before'], ['before=1&before=2', 'before'], ['before=99999999999999999999', 'before'], ['page=%2B2', 'page'],
    ];
    const got = [];
    for (const [q, f] of cases) {
      const r = await get(`/api/inbox?${q}`, 'sekjen.ri');
      got.push([q, r.status, fieldOf(r)]);
    }
    expect(got).toEqual(cases.map(([q, f]) => [q, 400, f]));
  });

  it('inbox: for every order the pages together are the total, each delivery once', async () => {
    for (const sort of ['-receivedAt', 'receivedAt', 'urgency', '-urgency', 'sender', '-sender']) {
      const first = await get(`/api/inbox?sort=${sort}&pageSize=2`, 'sekjen.ri');
      expect([sort, first.status]).toEqual([sort, 200]);
      const seen: string[] = first.body.items.map((i: { id: string }) => i.id);
      let res = first;
      for (let page = 2; res.body.hasMore && page < 200; page++) {
        res = sort === '-receivedAt' ? await get(`/api/inbox?pageSize=2&before=${res.body.nextBefore}`, 'sekjen.ri') : await get(`/api/inbox?sort=${sort}&pageSize=2&page=${page}`, 'sekjen.ri');
        expect(res.body.total).toBeNull();
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
      }
      expect([sort, seen.length, new Set(seen).size]).toEqual([sort, first.body.total, first.body.total]);
      expect(seen).toContain(riDeliveryId);
    }
  });

  it('inbox of a Plh: the acting position\'s copies are listed and counted in every order; positionId narrows to it, another is 403 naming it', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const [{ id: anggota }] = await ds.query("SELECT id FROM users WHERE username = 'anggota.52'");
    const made = await http.request('POST', '/api/admin/delegations', { token: await http.login('admin'), body: { userId: Number(anggota), positionId: pos['52'].SEKRETARIS, kind: 'PLH', startsOn: today, endsOn: today } });
    expect(made.status).toBe(201);
    T['anggota.52'] = await http.login('anggota.52');
    const own = Number((await ds.query('SELECT COUNT(*) AS n FROM deliveries WHERE position_id IN (SELECT position_id FROM users WHERE id = ?)', [anggota]))[0].n);
    const acting = Number((await ds.query('SELECT COUNT(*) AS n FROM deliveries WHERE position_id = ?', [pos['52'].SEKRETARIS]))[0].n);
    for (const sort of ['-receivedAt', 'receivedAt', 'urgency', '-urgency', 'sender', '-sender']) {
      const r = await get(`/api/inbox?sort=${sort}&pageSize=100`, 'anggota.52');
      expect([sort, r.status, r.body.total, r.body.items.length]).toEqual([sort, 200, own + acting, own + acting]);
      expect(r.body.items.map((i: { id: string }) => i.id)).toContain(ntbDeliveryId);
    }
    const narrowed = await get(`/api/inbox?positionId=${pos['52'].SEKRETARIS}&sort=sender`, 'anggota.52');
    expect([narrowed.status, narrowed.body.total]).toEqual([200, acting]);
    const notMine = await get(`/api/inbox?positionId=${pos.RI.SEKJEN}`, 'anggota.52');
    expect([notMine.status, fieldOf(notMine)]).toEqual([403, 'positionId']);
    // the Plh reads the acting office's copy whole (its own office's record)
    const d = await get(`/api/deliveries/${ntbDeliveryId}`, 'anggota.52');
    expect([d.body.mine, d.body.actNote]).toEqual([true, FORWARD_NOTE]);
  });

  it('inbox q with control or bidi characters is 400 naming q', async () => {
    for (const q of ['%E2%80%AE', 'a%00b', '%E2%80%8B%E2%80%8B', 'a%1Bb']) {
      const r = await get(`/api/inbox?q=${q}`, 'sekjen.ri');
      expect([q, r.status, fieldOf(r)]).toEqual([q, 400, 'q']);
    }
  });

  // ------------------------------------------------------------------ each office's records are its own
  it("history: another office's events name neither its user nor its position", async () => {
    for (const [user, own] of [[DRAFTER, '5204'], ['sekretaris.52', '52'], ['sekjen.ri', 'RI']] as const) {
      const h = await get(`/api/letters/${letterId}/history`, user);
      expect(h.status).toBe(200);
      const foreign = h.body.filter((e: { officeId: number }) => e.officeId !== office[own]);
      expect(foreign.length).toBeGreaterThan(0);
      expect([user, foreign.filter((e: any) => e.actorUserId !== null || e.actorPositionId !== null || (e.capacity !== null && e.capacity !== 'SYSTEM'))]).toEqual([user, []]);
    }
  });

  it("delivery detail: the sending office does not read another office's forwarding note or who read it there", async () => {
    const tracking = await get(`/api/letters/${letterId}/tracking`, DRAFTER);
    expect(tracking.status).toBe(200);
    const ids = JSON.stringify(tracking.body);
    expect(ids).toContain(ntbDeliveryId);
    const atNtb = await get(`/api/deliveries/${ntbDeliveryId}`, DRAFTER);
    expect(atNtb.status).toBe(200);
    expect(atNtb.body.mine).toBe(false);
    expect(JSON.stringify(atNtb.body)).not.toContain(FORWARD_NOTE);
    expect(atNtb.body.actNote).toBeNull();
    expect(atNtb.body.readByUserId).toBeNull();
    expect(atNtb.body.letter.reviews.length).toBeGreaterThan(0); // its own letter's review, whole
    const atRi = await get(`/api/deliveries/${riDeliveryId}`, DRAFTER);
    expect(atRi.status).toBe(200);
    expect(atRi.body.via).toEqual({ officeId: office['52'], officeName: 'KPU Provinsi Nusa Tenggara Barat', note: null });
    expect(JSON.stringify(atRi.body)).not.toContain(FORWARD_NOTE);
    expect(atRi.body.readByUserId ?? null).toBeNull();
    // the holder reads its own copy whole
    const mine = await get(`/api/deliveries/${riDeliveryId}`, 'sekjen.ri');
    expect(mine.body.via).toMatchObject({ officeId: office['52'], note: FORWARD_NOTE });
    expect(mine.body.letter.reviews).toEqual([]);
  });

  it("route: the sending office does not read NTB's forwarding note nor who forwarded; the recipient reads the note written to it", async () => {
    const route = await get(`/api/deliveries/${riDeliveryId}/route`, DRAFTER);
    expect(route.status).toBe(200);
    // where it went and when stays visible to the sender
    expect(route.body.hops.map((h: { office: { id: number }; action: string }) => [h.office.id, h.action])).toEqual([[office['5204'], 'SEND'], [office['52'], 'FORWARD'], [office.RI, 'RECEIVED']]);
    expect(JSON.stringify(route.body)).not.toContain(FORWARD_NOTE);
    const ntbUser = Number((await ds.query("SELECT id FROM users WHERE username = 'sekretaris.52'"))[0].id);
    expect((route.body.hops ?? []).filter((h: any) => h.by?.userId === ntbUser)).toEqual([]);
    const ri = await get(`/api/deliveries/${riDeliveryId}/route`, 'sekjen.ri');
    expect(ri.status).toBe(200);
    expect(ri.body.hops[1]).toMatchObject({ note: FORWARD_NOTE, by: { userId: ntbUser } });
  });

  it("the letter itself: a recipient office does not read the drafting office's review (return note, who approved) nor its earlier drafts", async () => {
    for (const user of ['sekretaris.52', 'sekjen.ri']) {
      const letter = await get(`/api/letters/${letterId}`, user);
      expect([user, letter.status]).toEqual([user, 200]);
      expect([user, letter.body.reviews, letter.body.reviewerPositionIds, JSON.stringify(letter.body).includes(RETURN_NOTE)]).toEqual([user, [], [], false]);
      expect([user, letter.body.number, letter.body.signerName]).toEqual([user, expect.stringMatching(/\/5204\/2026$/), 'Ketua 5204 (demo)']);
    }
    // nor its earlier drafts: the last revision only (the letter as sent); comparing drafts names the revision it may not read
    for (const user of ['sekretaris.52', 'sekjen.ri']) {
      const revisions = await get(`/api/letters/${letterId}/revisions`, user);
      expect([user, revisions.status, revisions.body.map((r: { revision: number }) => r.revision), JSON.stringify(revisions.body).includes(FIRST_BODY)]).toEqual([user, 200, [2], false]);
      const compare = await get(`/api/letters/${letterId}/revisions/compare?from=1&to=2`, user);
      expect([user, compare.status, fieldOf(compare), JSON.stringify(compare.body).includes(FIRST_BODY)]).toEqual([user, 400, 'from', false]);
    }
    const drafts = await get(`/api/letters/${letterId}/revisions`, DRAFTER);
    expect(drafts.body.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    expect(JSON.stringify(drafts.body)).toContain(FIRST_BODY);
    expect((await get(`/api/letters/${letterId}/revisions/compare?from=1&to=2`, DRAFTER)).status).toBe(200);
    // the drafting office reads its own review whole: returned with the note, then approved
    const own = (await get(`/api/letters/${letterId}`, DRAFTER)).body;
    expect(own.reviews.map((r: { decision: string; note: string | null }) => [r.decision, r.note])).toEqual([['RETURNED', RETURN_NOTE], ['APPROVED', null]]);
    expect(own.reviewerPositionIds).toEqual([pos['5204'].SEKRETARIS]);
  });

  it('a reviewer or signer position deactivated after the draft was saved leaves the list and is refused at submit too (not only at save)', async () => {
    const draft = async () => {
      const r = await http.request('POST', '/api/letters', {
        token: T[DRAFTER],
        body: {
          typeCode: 'SD', subject: `Jabatan nonaktif ${RUN}`, body: 'Dengan hormat.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
          recipients: [{ kind: 'TO', externalName: 'Bawaslu Sumbawa' }], reviewerPositionIds: [pos['5204']['KASUBBAG-PDI']], signerPositionId: pos['5204'].SEKRETARIS,
        },
      });
      expect(r.status).toBe(201);
      return String(r.body.id);
    };
    const withReviewer = await draft();
    const withSigner = await draft();
    const status = async (id: string) => (await ds.query('SELECT status FROM letters WHERE id = ?', [id]))[0].status;
    const eligible = async () => (await get(`/api/letters/eligible-participants?letterId=${withReviewer}`, DRAFTER)).body;
    try {
      await ds.query('UPDATE positions SET is_active = 0 WHERE id = ?', [pos['5204']['KASUBBAG-PDI']]);
      expect((await eligible()).reviewers.map((p: { id: number }) => p.id)).not.toContain(pos['5204']['KASUBBAG-PDI']);
      const r1 = await http.request('POST', `/api/letters/${withReviewer}/submit`, { token: T[DRAFTER] });
      expect([r1.status, fieldOf(r1), r1.body.code]).toEqual([422, 'reviewerPositionIds.0', 'INVALID_REVIEWER']);
      expect(await status(withReviewer)).toBe('DRAFT');
      await ds.query('UPDATE positions SET is_active = 1 WHERE id = ?', [pos['5204']['KASUBBAG-PDI']]);
      await ds.query('UPDATE positions SET is_active = 0 WHERE id = ?', [pos['5204'].SEKRETARIS]);
      expect((await eligible()).signers.map((p: { id: number }) => p.id)).toEqual([pos['5204'].KETUA]);
      const r2 = await http.request('POST', `/api/letters/${withSigner}/submit`, { token: T[DRAFTER] });
      expect([r2.status, fieldOf(r2), r2.body.code]).toEqual([422, 'signerPositionId', 'INVALID_SIGNER']);
      expect(await status(withSigner)).toBe('DRAFT');
    } finally {
      await ds.query('UPDATE positions SET is_active = 1 WHERE id IN (?, ?)', [pos['5204']['KASUBBAG-PDI'], pos['5204'].SEKRETARIS]);
    }
    // active again: both are submitted
    expect((await http.request('POST', `/api/letters/${withReviewer}/submit`, { token: T[DRAFTER] })).status).toBe(201);
  });
  it('a drafter who is Plh of a reviewer position cannot approve their own draft (403 SELF_REVIEW, nothing changes); they may return it to change the reviewers', async () => {
    const [{ id: drafterUserId }] = await ds.query('SELECT id FROM users WHERE username = ?', [DRAFTER]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const plh = await http.request('POST', '/api/admin/delegations', { token: await http.login('admin'), body: { userId: Number(drafterUserId), positionId: pos['5204'].SEKRETARIS, kind: 'PLH', startsOn: today, endsOn: today } });
    expect(plh.status).toBe(201);
    const created = await http.request('POST', '/api/letters', {
      token: T[DRAFTER],
      body: {
        typeCode: 'SD', subject: `Periksa sendiri ${RUN}`, body: 'Dengan hormat.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
        recipients: [{ kind: 'TO', externalName: 'Bawaslu Sumbawa' }], reviewerPositionIds: [pos['5204'].SEKRETARIS], signerPositionId: pos['5204'].KETUA,
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await http.request('POST', `/api/letters/${id}/submit`, { token: T[DRAFTER] })).status).toBe(201);
    const before = await ds.query('SELECT status, version FROM letters WHERE id = ?', [id]);
    const self = await http.request('POST', `/api/letters/${id}/review`, { token: T[DRAFTER], body: { decision: 'APPROVE' } });
    expect([self.status, self.body.code]).toEqual([403, 'SELF_REVIEW']);
    expect(await ds.query('SELECT status, version FROM letters WHERE id = ?', [id])).toEqual(before);
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM letter_reviews WHERE letter_id = ? AND acted_at IS NOT NULL', [id]))[0].n)).toBe(0);
    const back = await http.request('POST', `/api/letters/${id}/review`, { token: T[DRAFTER], body: { decision: 'RETURN', note: 'Ganti pemeriksa' } });
    expect([back.status, back.body.status]).toEqual([201, 'RETURNED']);
    await http.request('DELETE', `/api/admin/delegations/${plh.body.id}`, { token: await http.login('admin') });
  });
});

describe('hostile boot configuration 2026-12-05: Redis Cluster / Sentinel nodes', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };

  it('a node port of 0, above 65535 or with a leading zero stops the boot naming the variable (it would only fail when connecting)', () => {
    for (const port of ['0', '65536', '99999', '07000']) {
      expect([port, problems({ REDIS_CLUSTER_NODES: `10.0.0.1:7000,10.0.0.2:${port}`, QUEUE_PREFIX: '{naskah}' })]).toEqual([port, [expect.stringMatching(/^REDIS_CLUSTER_NODES=.*port 1–65535/)]]);
      expect([port, problems({ REDIS_SENTINELS: `10.0.0.1:${port}`, REDIS_SENTINEL_NAME: 'naskah' })]).toEqual([port, [expect.stringMatching(/^REDIS_SENTINELS=.*port 1–65535/)]]);
    }
    for (const port of ['1', '6379', '26379', '65535']) {
      expect([port, problems({ REDIS_CLUSTER_NODES: `10.0.0.1:${port}`, QUEUE_PREFIX: '{naskah}' })]).toEqual([port, []]);
    }
  });
});
