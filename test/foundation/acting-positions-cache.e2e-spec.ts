import { randomBytes } from 'node:crypto';
import type IORedis from 'ioredis';
import { AppConfig, ControllableClock } from '@naskah/core';
import { ActingPositionsCache, jakartaToday } from '@naskah/identity';
import { REDIS } from '@naskah/queue';
import { Http, startApi } from '@naskah/testing';

const PASSWORD = 'Rahasia-Uji-2026';

/**
 * The per-user cache of "active? acting for which positions today?" that authenticated requests
 * read instead of the database: every change must show at once in this process, within
 * milliseconds in another process, and at worst after the TTL or at Jakarta midnight.
 */
describe('acting positions cache: revoked delegations and deactivated users stop working promptly', () => {
  let a: Http;
  let b: Http;
  let admin: string;
  const run = randomBytes(4).toString('hex');
  let seq = 0;
  const today = jakartaToday(new Date());

  const positionId = async (office: string, code: string) =>
    Number((await a.ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [office, code]))[0].id);

  async function createUser(tag: string) {
    const res = await a.request('POST', '/api/admin/users', {
      token: admin, body: { username: `t${run}.${tag}.${++seq}`, fullName: `Pengguna Uji ${tag}`, password: PASSWORD, positionId: await positionId('5204', 'STAF-KUL') },
    });
    expect(res.status).toBe(201);
    return res.body as { id: number; username: string; version: number };
  }
  const tokenOf = async (http: Http, username: string) => http.login(username, PASSWORD);
  const delegate = async (userId: number, position: number, startsOn = today, endsOn = today) => {
    const res = await a.request('POST', '/api/admin/delegations', { token: admin, body: { userId, positionId: position, kind: 'PLH', startsOn, endsOn } });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const inbox = (http: Http, token: string, position?: number) => http.request('GET', `/api/inbox?pageSize=1${position ? `&positionId=${position}` : ''}`, { token });

  beforeAll(async () => {
    a = await startApi();
    b = await startApi(); // a second API process: its own cache, its own subscription
    admin = await a.login('admin');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('a revoked delegation stops showing the delegated position’s inbox at once in the same process', async () => {
    const u = await createUser('revoke');
    const held = await positionId('5204', 'SEKRETARIS');
    const id = await delegate(u.id, held);
    const token = await tokenOf(a, u.username);
    const before = await inbox(a, token);
    expect(before.status).toBe(200);
    expect(before.body.positionIds).toContain(held);
    expect((await inbox(a, token, held)).status).toBe(200); // now cached

    expect((await a.request('DELETE', `/api/admin/delegations/${id}`, { token: admin })).status).toBe(200);
    const after = await inbox(a, token);
    expect(after.body.positionIds).not.toContain(held);
    expect(after.body.positionIds).toHaveLength(1);
    expect((await inbox(a, token, held)).status).toBe(403);
  });

  it('a new delegation is used at once, without a new sign-in', async () => {
    const u = await createUser('grant');
    const token = await tokenOf(a, u.username);
    const held = await positionId('5204', 'KASUBBAG-TPH');
    expect((await inbox(a, token, held)).status).toBe(403); // cached: not acting for it
    await delegate(u.id, held);
    expect((await inbox(a, token, held)).status).toBe(200);
  });

  it('a deactivated user’s access token stops working at once, and works again when reactivated', async () => {
    const u = await createUser('deactivate');
    const token = await tokenOf(a, u.username);
    expect((await inbox(a, token)).status).toBe(200);
    const off = await a.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, isActive: false } });
    expect(off.status).toBe(200);
    const refused = await inbox(a, token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('USER_INACTIVE');
    expect((await a.request('GET', '/api/me', { token })).status).toBe(401); // every endpoint, not only the inbox
    expect((await a.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: off.body.version, isActive: true } })).status).toBe(200);
    expect((await inbox(a, token)).status).toBe(200);
  });

  it('a user moved to another position stops acting for the old one at once, even with the old token', async () => {
    const u = await createUser('move');
    const old = await positionId('5204', 'STAF-KUL');
    const token = await tokenOf(a, u.username);
    expect((await inbox(a, token, old)).status).toBe(200); // cached: acting for it
    const moved = await a.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, positionId: await positionId('5204', 'STAF-TPH') } });
    expect(moved.status).toBe(200);
    // the move ends the access tokens issued before it (session version): the old position's office
    // and rights never ride on an old token (hostile review, issue 10); a refresh or new sign-in carries the new one
    const stale = await inbox(a, token, old);
    expect([stale.status, stale.body.code]).toEqual([401, 'SESSION_REVOKED']);
    expect((await inbox(a, token)).status).toBe(401);
    const login = await a.request('POST', '/api/auth/login', { body: { username: u.username, password: PASSWORD } }); // a new sign-in, not the helper's cached token
    const fresh = login.body.accessToken as string;
    expect((await inbox(a, fresh)).body.positionIds).toEqual([await positionId('5204', 'STAF-TPH')]);
  });

  it('another API process drops its copy through Redis within moments, long before the TTL', async () => {
    const u = await createUser('remote');
    const held = await positionId('5204', 'SEKRETARIS');
    const id = await delegate(u.id, held);
    const token = await tokenOf(a, u.username);
    expect((await inbox(b, token, held)).status).toBe(200); // B caches "acting for it"
    expect((await inbox(b, token, held)).status).toBe(200);

    expect((await a.request('DELETE', `/api/admin/delegations/${id}`, { token: admin })).status).toBe(200);
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 2_000) {
      status = (await inbox(b, token, held)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe(403);
    expect(Date.now() - started).toBeLessThan(ActingPositionsCache.TTL_MS / 5);

    // and a deactivation made through A stops the token at B too
    const [row] = await a.ds.query('SELECT version FROM users WHERE id = ?', [u.id]);
    expect((await a.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: Number(row.version), isActive: false } })).status).toBe(200);
    const deadline = Date.now() + 2_000;
    while ((await inbox(b, token)).status === 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect((await inbox(b, token)).status).toBe(401);
  });

  describe('bounds that need no message', () => {
    let cache: ActingPositionsCache;
    let clock: ControllableClock;
    beforeEach(() => {
      clock = new ControllableClock();
      cache = new ActingPositionsCache(a.ds, clock, a.app.get(AppConfig), a.app.get<IORedis>(REDIS));
    });
    afterEach(() => cache.onModuleDestroy());

    /** Waits until the cache's subscription is live (it keeps nothing before). */
    async function warm(userId: number, own: number) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        await cache.of(userId, own);
        if ((cache as unknown as { live: boolean }).live) return;
        if (Date.now() > deadline) throw new Error('subscription never became live');
        await new Promise((r) => setTimeout(r, 10));
      }
    }

    it('a change written behind its back (plain SQL) is seen after the TTL at the latest', async () => {
      const u = await createUser('ttl');
      const own = await positionId('5204', 'STAF-KUL');
      const held = await positionId('5204', 'SEKRETARIS');
      const id = await delegate(u.id, held);
      await warm(u.id, own);
      expect((await cache.of(u.id, own)).positions.map((p) => p.id)).toEqual([own, held].sort((x, y) => x - y));
      await a.ds.query('UPDATE delegations SET revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [id]);
      expect((await cache.of(u.id, own)).positions.map((p) => p.id)).toContain(held); // still the cached copy
      clock.advance(ActingPositionsCache.TTL_MS + 1);
      expect((await cache.of(u.id, own)).positions.map((p) => p.id)).toEqual([own]);
    });

    it('a delegation that ends today is not used after Jakarta midnight, whatever the TTL', async () => {
      const u = await createUser('midnight');
      const own = await positionId('5204', 'STAF-KUL');
      const held = await positionId('5204', 'KASUBBAG-TPH');
      clock.set(new Date(`${today}T16:59:59.500Z`)); // 23:59:59.5 WIB
      await delegate(u.id, held, today, today);
      await warm(u.id, own);
      expect((await cache.of(u.id, own)).positions.map((p) => p.id)).toContain(held);
      clock.advance(1_000); // 00:00:00.5 WIB the next day: well inside the TTL
      expect((await cache.of(u.id, own)).positions.map((p) => p.id)).toEqual([own]);
    });

    it('a read that raced with an invalidation is not kept', async () => {
      const u = await createUser('race');
      const own = await positionId('5204', 'STAF-KUL');
      const held = await positionId('5204', 'SEKRETARIS');
      const id = await delegate(u.id, held);
      await warm(u.id, own);
      cache.forget(u.id);
      const inFlight = cache.of(u.id, own); // reads the delegation…
      cache.forget(u.id); // …while a change is announced
      expect((await inFlight).positions.map((p) => p.id)).toContain(held);
      await a.ds.query('UPDATE delegations SET revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [id]);
      expect((await cache.of(u.id, own)).positions.map((p) => p.id)).toEqual([own]); // read again, not the raced copy
    });
  });
});
