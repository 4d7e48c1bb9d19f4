import { randomBytes, randomInt } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { SYSTEM_ACTOR } from '@naskah/audit';
import { jakartaToday, UsersService } from '@naskah/identity';
import { countRows, Http, startApi } from '@naskah/testing';

const MAX_ATTEMPTS = 3;
const PASSWORD = 'Rahasia-Uji-2026';

/** A client address of its own, so the per-address login limit of one case never touches another. */
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
/** Polls until `probe` returns a value (not undefined) or the time is up; no fixed sleeps. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: string, everyMs = 10, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
const addDays = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

describe('sign-in, tokens, /api/me and administration', () => {
  let http: Http;
  let admin: string;
  let testPosition: number;
  const run = randomBytes(4).toString('hex');
  let seq = 0;
  const uniqueName = (tag: string) => `t${run}.${tag}.${++seq}`;

  const positionId = async (office: string, code: string) =>
    Number((await http.ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [office, code]))[0].id);

  /** A user of this test run (fresh name), created through the admin API. */
  async function createUser(tag: string, extra: Record<string, unknown> = {}) {
    const username = uniqueName(tag);
    const res = await http.request('POST', '/api/admin/users', { token: admin, body: { username, fullName: `Pengguna Uji ${tag}`, password: PASSWORD, ...extra } });
    expect(res.status).toBe(201);
    return res.body as { id: number; username: string; version: number };
  }
  const login = (username: string, password = PASSWORD, ip = freshIp()) =>
    http.request('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });
  const refresh = (refreshToken: string) => http.request('POST', '/api/auth/refresh', { body: { refreshToken } });
  const me = (token: string) => http.request('GET', '/api/me', { token });

  beforeAll(async () => {
    process.env.LOGIN_MAX_ATTEMPTS = String(MAX_ATTEMPTS); // read by the config at boot
    http = await startApi();
    admin = await http.login('admin');
    // Test users hold a position of their own, so the demo positions other suites rely on keep their holders.
    const kasubbag = await positionId('5204', 'KASUBBAG-KUL');
    const created = await http.request('POST', '/api/admin/positions', {
      token: admin,
      body: { officeId: Number((await http.ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id), parentId: kasubbag, code: `STAF-UJI-${run.toUpperCase()}`, title: `Staf Uji ${run}`, kind: 'STAF' },
    });
    expect(created.status).toBe(201);
    testPosition = created.body.id;
  });
  afterAll(async () => {
    delete process.env.LOGIN_MAX_ATTEMPTS;
    await http.close();
  });

  describe('sign-in', () => {
    it('returns an access token and a refresh token for the right password', async () => {
      const u = await createUser('ok');
      const res = await login(u.username);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
      expect((await me(res.body.accessToken)).body.user.username).toBe(u.username);
    });

    it('answers a wrong password and an unknown user alike, without saying which part was wrong', async () => {
      const u = await createUser('wrongpw');
      const wrong = await login(u.username, 'not-the-password');
      const unknown = await login(uniqueName('nobody'), PASSWORD);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
      expect(JSON.stringify(wrong.body)).not.toMatch(/password|kata sandi salah$|unknown user|tidak ditemukan/i);
    });

    it('refuses a deactivated user with the same answer', async () => {
      const u = await createUser('inactive');
      expect((await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, isActive: false } })).status).toBe(200);
      const res = await login(u.username);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('names each missing field of a malformed sign-in', async () => {
      const res = await http.request('POST', '/api/auth/login', { body: { user: 'x' } });
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['username', 'password', 'user']));
    });

    it('answers 429 once a user name has too many failed attempts, even with the right password', async () => {
      const u = await createUser('limited');
      for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await login(u.username, 'wrong-password')).status).toBe(401);
      const blocked = await login(u.username, 'wrong-password');
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect((await login(u.username, PASSWORD)).status).toBe(429);
    });

    it('holds the limit against a burst of parallel attempts', async () => {
      const u = await createUser('burst');
      const ip = freshIp();
      const answers = await Promise.all(Array.from({ length: MAX_ATTEMPTS + 5 }, () => login(u.username, 'wrong-password', ip)));
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(MAX_ATTEMPTS).fill(401), ...Array(5).fill(429)]);
    });

    it('does not count successful sign-ins against a shared client address', async () => {
      const ip = freshIp(); // an office behind one NAT address
      const u = await createUser('nat');
      for (let i = 0; i < MAX_ATTEMPTS * 5 + 2; i++) expect((await login(u.username, PASSWORD, ip)).status).toBe(200);
    });

    it('answers 429 to a client address that fails for many user names', async () => {
      const ip = freshIp();
      for (let i = 0; i < MAX_ATTEMPTS * 5; i++) expect((await login(uniqueName('spray'), 'x', ip)).status).toBe(401);
      expect((await login(uniqueName('spray'), 'x', ip)).status).toBe(429);
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      const u = await createUser('reset');
      const ip = freshIp();
      for (let i = 0; i < MAX_ATTEMPTS - 1; i++) await login(u.username, 'wrong-password', ip);
      expect((await login(u.username, PASSWORD, ip)).status).toBe(200);
      for (let i = 0; i < MAX_ATTEMPTS - 1; i++) expect((await login(u.username, 'wrong-password', ip)).status).toBe(401);
      expect((await login(u.username, PASSWORD, ip)).status).toBe(200);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh token works once and yields a new pair', async () => {
      const u = await createUser('rotate');
      const first = (await login(u.username)).body;
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second.body.accessToken)).status).toBe(200);
      const third = await refresh(second.body.refreshToken);
      expect(third.status).toBe(200);
      const old = await refresh(first.refreshToken);
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('revokes the whole family when an old refresh token is reused (theft)', async () => {
      const u = await createUser('theft');
      const first = (await login(u.username)).body;
      const second = (await refresh(first.refreshToken)).body;
      expect((await refresh(first.refreshToken)).status).toBe(401); // the thief replays the stolen token
      expect((await refresh(second.refreshToken)).status).toBe(401); // so the newest one is dead too
      expect(await countRows(http.ds, 'refresh_tokens', 'user_id = ? AND revoked_at IS NULL', [u.id])).toBe(0);
      // another session of the same user is a different family and survives
      const other = (await login(u.username)).body;
      expect((await refresh(other.refreshToken)).status).toBe(200);
    });

    it('refuses an unknown refresh token', async () => {
      expect((await refresh(randomBytes(32).toString('base64url'))).status).toBe(401);
    });

    it('signs out: the refresh token no longer works', async () => {
      const u = await createUser('logout');
      const pair = (await login(u.username)).body;
      const out = await http.request('POST', '/api/auth/logout', { body: { refreshToken: pair.refreshToken } });
      expect(out.status).toBe(204);
      expect((await refresh(pair.refreshToken)).status).toBe(401);
    });

    it('stops refreshing after the password changes', async () => {
      const u = await createUser('pwchange');
      const pair = (await login(u.username)).body;
      expect((await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, password: 'Kata-Sandi-Baru-1' } })).status).toBe(200);
      expect((await refresh(pair.refreshToken)).status).toBe(401);
      expect((await login(u.username, 'Kata-Sandi-Baru-1')).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    const claims = { sub: 1, un: 'admin', fn: 'x', pos: null, off: null, roles: ['ADMIN'] };

    it('answers 401 without a token and with a bad one', async () => {
      const forged = new JwtService().sign(claims, { secret: 'some-other-secret-0123456789abcdef', algorithm: 'HS256' });
      const expired = new JwtService().sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, { secret: process.env.JWT_SECRET!, algorithm: 'HS256' });
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      const noToken = await http.request('GET', '/api/me');
      expect(noToken.status).toBe(401);
      expect(noToken.body.code).toBe('UNAUTHENTICATED');
      for (const token of ['garbage', forged, expired, unsigned]) {
        const res = await me(token);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_ACCESS_TOKEN');
      }
      expect((await http.request('GET', '/api/admin/users', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } })).status).toBe(401);
    });
  });

  describe('/api/me', () => {
    it('returns the user, position, office, roles and no delegations', async () => {
      const u = await createUser('me', { positionId: testPosition, grants: ['REGISTRAR'], nip: '199001012020121001' });
      const res = await me((await login(u.username)).body.accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: u.id, username: u.username, fullName: 'Pengguna Uji me', nip: '199001012020121001', email: null },
        position: { id: testPosition, kind: 'STAF', title: `Staf Uji ${run}` },
        office: expect.objectContaining({ code: '5204', name: 'KPU Kabupaten Sumbawa' }),
        roles: ['DRAFTER', 'REGISTRAR'],
        delegations: [],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    });
  });

  describe('administration', () => {
    it('is refused to a non-admin (403) and open to the admin', async () => {
      const staff = await http.login('staf.umum.5204');
      for (const [method, url] of [['GET', '/api/admin/users'], ['POST', '/api/admin/users'], ['GET', '/api/admin/delegations']]) {
        const res = await http.request(method, url, { token: staff, body: method === 'POST' ? {} : undefined });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('ROLE_REQUIRED');
      }
      const list = await http.request('GET', '/api/admin/users?q=admin', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.items.map((x: { username: string }) => x.username)).toContain('admin');
    });

    it('refuses malformed and unknown fields with 400 naming each one, and creates nothing', async () => {
      const users = await countRows(http.ds, 'users');
      const events = await countRows(http.ds, 'audit_events');
      const res = await http.request('POST', '/api/admin/users', {
        token: admin,
        body: { username: 'Bad Name', fullName: '', password: 'short', nip: '123', email: 'not-an-email', positionId: 0, grants: ['ROOT'], isSuperuser: true },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = new Set(res.body.details.fields.map((f: { field: string }) => f.field));
      expect([...fields].sort()).toEqual(['email', 'fullName', 'grants', 'isSuperuser', 'nip', 'password', 'positionId', 'username']);
      expect(await countRows(http.ds, 'users')).toBe(users);
      expect(await countRows(http.ds, 'audit_events')).toBe(events);
    });

    it('creates a user with an audit event, and refuses a taken user name with 409', async () => {
      const u = await createUser('dup');
      expect(await countRows(http.ds, 'audit_events', "entity_type = 'user' AND entity_id = ? AND action = 'USER_CREATED'", [String(u.id)])).toBe(1);
      const users = await countRows(http.ds, 'users');
      const res = await http.request('POST', '/api/admin/users', { token: admin, body: { username: u.username, fullName: 'Lain', password: PASSWORD } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('USERNAME_TAKEN');
      expect(await countRows(http.ds, 'users')).toBe(users);
    });

    it('answers 409, never 500, when the same user name is created concurrently', async () => {
      const username = uniqueName('race');
      const users = http.app.get(UsersService);
      // Transaction A inserts the name and holds its commit; request B checks (sees nothing yet) and inserts behind A's lock.
      let inserted = false;
      let commitA!: () => void;
      const held = new Promise<void>((resolve) => (commitA = resolve));
      const a = http.ds.transaction(async (em) => {
        const created = await users.create(SYSTEM_ACTOR, { username, fullName: 'Balapan A', password: PASSWORD }, em);
        inserted = true;
        await held;
        return created;
      });
      await eventually(async () => inserted || undefined, 'transaction A to insert');
      const b = http.request('POST', '/api/admin/users', { token: admin, body: { username, fullName: 'Balapan B', password: PASSWORD } });
      // INNODB_TRX is a cache refreshed only when it was not read for 0.1 s: poll it slower than that.
      const lockWaits = () => countRows(http.ds, 'information_schema.INNODB_TRX', "trx_state = 'LOCK WAIT'");
      await eventually(async () => ((await lockWaits()) > 0 ? true : undefined), 'request B to wait for A', 150);
      commitA();
      expect((await a).username).toBe(username);
      const answer = await b;
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('USERNAME_TAKEN');
      expect(await countRows(http.ds, 'users', 'username = ?', [username])).toBe(1);
    });

    it('refuses an unknown position with the field named, creating nothing', async () => {
      const users = await countRows(http.ds, 'users');
      const res = await http.request('POST', '/api/admin/users', { token: admin, body: { username: uniqueName('nopos'), fullName: 'Tanpa Jabatan', password: PASSWORD, positionId: 99999999 } });
      expect(res.status).toBe(422);
      expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'positionId' })]);
      expect(await countRows(http.ds, 'users')).toBe(users);
    });

    it('updates with the current version and refuses a stale one with 409, changing nothing', async () => {
      const u = await createUser('version');
      const ok = await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, fullName: 'Nama Baru' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ fullName: 'Nama Baru', version: u.version + 1 });
      const stale = await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, fullName: 'Nama Basi' } });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const now = await http.request('GET', `/api/admin/users/${u.id}`, { token: admin });
      expect(now.body).toMatchObject({ fullName: 'Nama Baru', version: u.version + 1 });
    });

    it('gives new roles with new grants, on the next sign-in', async () => {
      const u = await createUser('grants');
      await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, grants: ['ARCHIVIST'] } });
      expect((await me((await login(u.username)).body.accessToken)).body.roles).toEqual(['ARCHIVIST']);
    });

    it('answers 404 for unknown ids and 400 for ids that are not numbers', async () => {
      for (const [method, url, body] of [
        ['GET', '/api/admin/users/99999999', undefined],
        ['PATCH', '/api/admin/users/99999999', { version: 1, fullName: 'Siapa' }],
        ['PATCH', '/api/admin/positions/99999999', { title: 'Tidak Ada' }],
        ['DELETE', '/api/admin/delegations/99999999', undefined],
        ['GET', '/api/offices/99999999', undefined],
        ['GET', '/api/offices/99999999/units', undefined],
        ['GET', '/api/offices/99999999/positions', undefined],
        ['GET', '/api/positions/99999999', undefined],
      ] as const) {
        const res = await http.request(method, url, { token: admin, body });
        expect({ url, method, status: res.status }).toEqual({ url, method, status: 404 });
        expect(res.body.code).toMatch(/^[A-Z_]+_NOT_FOUND$/);
      }
      expect((await http.request('GET', '/api/admin/users/abc', { token: admin })).status).toBe(400);
    });
  });

  describe('delegations (Plt/Plh)', () => {
    it('shows an active Plt in the delegate’s /api/me until it is revoked', async () => {
      const u = await createUser('plt', { positionId: testPosition });
      const sekretaris = await positionId('5204', 'SEKRETARIS');
      const today = jakartaToday(new Date());
      const created = await http.request('POST', '/api/admin/delegations', {
        token: admin,
        body: { userId: u.id, positionId: sekretaris, kind: 'PLT', startsOn: addDays(today, -1), endsOn: addDays(today, 7), reason: 'Sekretaris cuti' },
      });
      expect(created.status).toBe(201);
      const token = (await login(u.username)).body.accessToken;
      const mine = (await me(token)).body.delegations;
      expect(mine).toEqual([expect.objectContaining({ id: created.body.id, kind: 'PLT', positionId: sekretaris, startsOn: addDays(today, -1), endsOn: addDays(today, 7) })]);

      expect((await http.request('DELETE', `/api/admin/delegations/${created.body.id}`, { token: admin })).status).toBe(200);
      expect((await me(token)).body.delegations).toEqual([]);
    });

    it('does not show a delegation that has not started yet or has ended', async () => {
      const u = await createUser('future', { positionId: testPosition });
      const today = jakartaToday(new Date());
      const position = await positionId('5204', 'KASUBBAG-TPH');
      for (const [startsOn, endsOn] of [[addDays(today, 1), addDays(today, 5)], [addDays(today, -9), addDays(today, -1)]]) {
        const res = await http.request('POST', '/api/admin/delegations', { token: admin, body: { userId: u.id, positionId: position, kind: 'PLH', startsOn, endsOn } });
        expect(res.status).toBe(201);
      }
      expect((await me((await login(u.username)).body.accessToken)).body.delegations).toEqual([]);
    });

    it('refuses an end before the start with 400 naming endsOn, creating nothing', async () => {
      const u = await createUser('dates');
      const before = await countRows(http.ds, 'delegations');
      const res = await http.request('POST', '/api/admin/delegations', {
        token: admin,
        body: { userId: u.id, positionId: await positionId('5204', 'SEKRETARIS'), kind: 'PLH', startsOn: '2026-03-10', endsOn: '2026-03-01' },
      });
      expect(res.status).toBe(400);
      expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'endsOn' })]);
      expect(await countRows(http.ds, 'delegations')).toBe(before);
    });

    it('refuses malformed dates and kinds with 400 naming each field', async () => {
      const res = await http.request('POST', '/api/admin/delegations', {
        token: admin,
        body: { userId: 'x', positionId: 1, kind: 'BOSS', startsOn: '2026-02-30', endsOn: '01-03-2026' },
      });
      expect(res.status).toBe(400);
      expect(new Set(res.body.details.fields.map((f: { field: string }) => f.field))).toEqual(new Set(['userId', 'kind', 'startsOn', 'endsOn']));
    });
  });
});
