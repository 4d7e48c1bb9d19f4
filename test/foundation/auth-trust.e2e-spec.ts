import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@naskah/core';
import { jakartaToday } from '@naskah/identity';
import { Http, startApi } from '@naskah/testing';
import { eventually, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';

const MAX_ATTEMPTS = 3;
const PASSWORD = 'Rahasia-Uji-2026';
/** The JWT secret the configuration used to default to (and `docker/.env.example`'s placeholder). */
const OLD_PLACEHOLDER = 'dev-only-secret-change-me-in-production';
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/**
 * Issue 10 "Trust, part 1", items 3–6: whoever holds a token can do no more than its user may do
 * now, and a password can be guessed only slowly, whichever way it is asked and however the user
 * name is spelled.
 */
describe('trust: secrets, revocation and password guessing', () => {
  let http: Http;
  let admin: string;
  let testPosition: number;
  let offsetMs = 0;
  let restoreClock: () => void;
  const run = randomBytes(4).toString('hex');
  let seq = 0;

  async function createUser(tag: string, extra: Record<string, unknown> = {}) {
    const res = await http.request('POST', '/api/admin/users', {
      token: admin, body: { username: `t${run}.${tag}.${++seq}`, fullName: `Pengguna Uji ${tag}`, password: PASSWORD, positionId: testPosition, ...extra },
    });
    expect(res.status).toBe(201);
    return res.body as { id: number; username: string; version: number };
  }
  const login = (username: string, password = PASSWORD, ip = freshIp()) =>
    http.request('POST', '/api/auth/login', { body: { username, password }, headers: { 'x-forwarded-for': ip } });
  const tokenOf = async (username: string) => {
    const res = await login(username);
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string };
  };
  const me = (token: string) => http.request('GET', '/api/me', { token });

  beforeAll(async () => {
    process.env.LOGIN_MAX_ATTEMPTS = String(MAX_ATTEMPTS); // read by the config at boot (LOGIN_DELAY_SECONDS stays 30)
    http = await startApi();
    // the app's "now", held still and moved by the tests (no sleeping through a delay, no race with the wall clock)
    const clock = http.app.get(Clock);
    const now = clock.now.bind(clock);
    const frozen = Date.now();
    clock.now = () => new Date(frozen + offsetMs);
    restoreClock = () => (clock.now = now);
    admin = await http.login('admin');
    const created = await http.request('POST', '/api/admin/positions', {
      token: admin,
      body: { officeId: Number((await http.ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id), parentId: await positionIdOf(http.ds, '5204', 'KASUBBAG-KUL'), code: `STAF-TRUST-${run.toUpperCase()}`, title: `Staf Uji ${run}`, kind: 'STAF' },
    });
    expect(created.status).toBe(201);
    testPosition = created.body.id;
  });
  afterAll(async () => {
    delete process.env.LOGIN_MAX_ATTEMPTS;
    restoreClock();
    await http.close();
  });

  describe('item 3: the JWT secret is the installation’s own, never a published one', () => {
    const saved = { JWT_SECRET: process.env.JWT_SECRET, JWT_SECRET_PATH: process.env.JWT_SECRET_PATH };
    afterEach(() => Object.assign(process.env, saved));

    it('generates a secret on first start (0600), keeps it across restarts, and refuses a token signed with the old placeholder', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'naskah-jwt-'));
      const path = join(dir, 'keys', 'jwt-secret');
      delete process.env.JWT_SECRET; // as `npm start` runs: no JWT_SECRET, no NODE_ENV=production
      process.env.JWT_SECRET_PATH = path;
      try {
        const first = await startApi();
        let token: string;
        try {
          expect(statSync(path).mode & 0o777).toBe(0o600);
          expect(readFileSync(path, 'utf8').trim()).toMatch(/^[\w-]{64}$/);
          const adminId = await userIdOf(first.ds, 'admin');
          const forged = new JwtService().sign({ sub: adminId, un: 'admin', fn: 'Administrator', pos: null, off: null, roles: ['ADMIN'], sv: 0 }, { secret: OLD_PLACEHOLDER, algorithm: 'HS256' });
          const refused = await first.request('GET', '/api/admin/users', { token: forged });
          expect(refused.status).toBe(401);
          expect(refused.body.code).toBe('INVALID_ACCESS_TOKEN');
          token = await first.login('admin');
          expect((await first.request('GET', '/api/admin/users', { token })).status).toBe(200);
        } finally {
          await first.close();
        }
        const secret = readFileSync(path, 'utf8');
        const again = await startApi(); // a restart (or another replica given the same file)
        try {
          expect((await again.request('GET', '/api/admin/users', { token })).status).toBe(200);
          expect(readFileSync(path, 'utf8')).toBe(secret);
        } finally {
          await again.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses to start with the placeholder as JWT_SECRET, in test mode too', async () => {
      process.env.JWT_SECRET = OLD_PLACEHOLDER;
      await expect(startApi()).rejects.toThrow(/JWT_SECRET: nilai contoh/);
    });
  });

  describe('item 4: roles and sessions come from the user’s current state, not from the token', () => {
    it('a removed ADMIN grant stops working at once, with the same token, in this process and in another', async () => {
      const u = await createUser('admin', { grants: ['ADMIN'] });
      const { accessToken } = await tokenOf(u.username);
      const other = await startApi(); // a second API process, its own cache
      try {
        expect((await http.request('GET', '/api/admin/users', { token: accessToken })).status).toBe(200);
        expect((await other.request('GET', '/api/admin/users', { token: accessToken })).status).toBe(200); // cached there now
        const patched = await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, grants: [] } });
        expect(patched.status).toBe(200);
        const here = await http.request('GET', '/api/admin/users', { token: accessToken });
        expect(here.status).toBe(403);
        expect(here.body.code).toBe('ROLE_REQUIRED');
        await eventually(async () => ((await other.request('GET', '/api/admin/users', { token: accessToken })).status === 403 ? true : undefined), 'the other process to refuse', 2_000);
        expect((await me(accessToken)).body.roles).toEqual(['DRAFTER']); // the STAF position's, without the grant
      } finally {
        await other.close();
      }
    });

    it('signing out ends the access tokens at once; another session gets back in with its refresh token', async () => {
      const u = await createUser('logout');
      const one = await tokenOf(u.username);
      const two = await tokenOf(u.username);
      expect((await me(one.accessToken)).status).toBe(200);
      expect((await http.request('POST', '/api/auth/logout', { body: { refreshToken: one.refreshToken } })).status).toBe(204);
      const after = await me(one.accessToken);
      expect(after.status).toBe(401);
      expect(after.body.code).toBe('SESSION_REVOKED');
      expect((await me(two.accessToken)).status).toBe(401); // every access token of the user (one session version per user)
      const refreshed = await http.request('POST', '/api/auth/refresh', { body: { refreshToken: two.refreshToken } });
      expect(refreshed.status).toBe(200);
      expect((await me(refreshed.body.accessToken)).status).toBe(200);
      expect((await http.request('POST', '/api/auth/refresh', { body: { refreshToken: one.refreshToken } })).status).toBe(401);
    });

    it('a password change ends the access tokens issued before it', async () => {
      const u = await createUser('pw');
      const { accessToken } = await tokenOf(u.username);
      expect((await me(accessToken)).status).toBe(200);
      expect((await http.request('PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { version: u.version, password: 'Kata-Sandi-Baru-1' } })).status).toBe(200);
      const res = await me(accessToken);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SESSION_REVOKED');
      expect((await me((await login(u.username, 'Kata-Sandi-Baru-1')).body.accessToken)).status).toBe(200);
    });

    it('a reused (stolen) refresh token ends the access tokens too', async () => {
      const u = await createUser('theft');
      const first = await tokenOf(u.username);
      const second = (await http.request('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).body;
      expect((await me(second.accessToken)).status).toBe(200);
      expect((await http.request('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } })).status).toBe(401);
      expect((await me(second.accessToken)).status).toBe(401);
    });
  });

  describe('item 5: signing a letter is no password oracle', () => {
    it('answers a wrong password and a wrong signer alike, and counts wrong passwords with the sign-in limits (429, Retry-After)', async () => {
      const signer = await createUser('signer');
      const drafter = await createUser('drafter');
      const ketua = await positionIdOf(http.ds, '5204', 'KETUA');
      const today = jakartaToday(new Date());
      const plh = await http.request('POST', '/api/admin/delegations', { token: admin, body: { userId: signer.id, positionId: ketua, kind: 'PLH', startsOn: today, endsOn: today } });
      expect(plh.status).toBe(201);
      try {
        const [office] = await http.ds.query("SELECT id FROM offices WHERE code = '5204'");
        const res = await http.ds.query(
          `INSERT INTO letters (office_id, drafter_user_id, drafter_position_id, type_code, subject, body, security_class, urgency, classification_code, signer_position_id, status, review_round)
           VALUES (?, ?, ?, 'ST', 'Uji tanda tangan', 'Uji', 'B', 'BIASA', 'PY.01.1', ?, 'APPROVED', 1)`,
          [office.id, drafter.id, testPosition, ketua],
        );
        const id = String(res.insertId);
        await http.ds.query("INSERT INTO letter_access (letter_id, position_id, office_id, reason) VALUES (?, ?, ?, 'DRAFTER'), (?, ?, ?, 'SIGNER')", [id, testPosition, office.id, id, ketua, office.id]);
        const tokens = { signer: (await tokenOf(signer.username)).accessToken, drafter: (await tokenOf(drafter.username)).accessToken };
        const ip = freshIp();
        const sign = (who: keyof typeof tokens, password: string) =>
          http.request('POST', `/api/letters/${id}/sign`, { token: tokens[who], body: { password }, headers: { 'x-forwarded-for': ip } });

        const notSignerRightPassword = await sign('drafter', PASSWORD); // sees the letter (its drafter), may not sign it
        const notSignerWrongPassword = await sign('drafter', 'salah-sekali');
        const signerWrongPassword = await sign('signer', 'salah-sekali');
        expect(notSignerRightPassword.status).toBe(403);
        const answer = (r: { status: number; body: unknown }) => ({ status: r.status, body: r.body });
        expect(answer(notSignerWrongPassword)).toEqual(answer(notSignerRightPassword)); // nothing tells the guess was right
        expect(answer(signerWrongPassword)).toEqual(answer(notSignerRightPassword));

        for (let i = 1; i < MAX_ATTEMPTS; i++) expect((await sign('signer', 'salah-sekali')).status).toBe(403);
        const blocked = await sign('signer', PASSWORD); // the right password, past the limit
        expect(blocked.status).toBe(429);
        expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
        expect(blocked.headers['retry-after']).toBe('30');
        expect((await login(signer.username)).status).toBe(429); // one budget for both ways of asking
        expect((await http.ds.query('SELECT status FROM letters WHERE id = ?', [id]))[0].status).toBe('APPROVED');

        offsetMs += 30_000; // the delay has passed
        const signed = await sign('signer', PASSWORD);
        expect(signed.status).toBe(201);
        expect(signed.body.status).toBe('SIGNED');
      } finally {
        await http.request('DELETE', `/api/admin/delegations/${plh.body.id}`, { token: admin });
      }
    });
  });

  describe('item 6: the limit is on the account, however its name is spelled', () => {
    /** Other spellings the database's collation takes for the same user: case, accents, trailing spaces. */
    const spellings = (name: string) => [`${name.toUpperCase()} `, name.replace(/o/g, 'ó'), `${name.toUpperCase().replace(/O/g, 'Ö')}  `];

    it('counts every spelling against one account: "NAME " and accented names are locked out with it', async () => {
      const u = await createUser('lockout');
      const [upper, accented, both] = spellings(u.username);
      expect((await login(both)).status).toBe(200); // the collation does find the user by it
      // failures spread over three spellings, from three addresses
      for (const name of [upper, accented, u.username]) expect((await login(name, 'wrong-password')).status).toBe(401);
      for (const name of [u.username, upper, accented, both]) {
        const res = await login(name, PASSWORD);
        expect({ name, status: res.status }).toEqual({ name, status: 429 });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    });

    it('delays an account progressively instead of locking it: the owner gets in once a delay has passed, and waiting attempts do not extend it', async () => {
      const u = await createUser('progress');
      for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await login(u.username, 'wrong-password')).status).toBe(401);
      const first = await login(u.username, 'wrong-password');
      expect(first.status).toBe(429);
      expect(first.headers['retry-after']).toBe('30');
      for (let i = 0; i < 5; i++) expect((await login(u.username, 'wrong-password')).status).toBe(429); // refused, not counted
      offsetMs += 29_000;
      expect((await login(u.username)).headers['retry-after']).toBe('1');
      offsetMs += 1_000;
      expect((await login(u.username, 'wrong-password')).status).toBe(401); // one more guess after the delay...
      const second = await login(u.username);
      expect(second.status).toBe(429);
      expect(second.headers['retry-after']).toBe('60'); // ...doubles it
      offsetMs += 60_000;
      expect((await login(u.username)).status).toBe(200); // the owner, after the delay
      for (let i = 0; i < MAX_ATTEMPTS - 1; i++) expect((await login(u.username, 'wrong-password')).status).toBe(401); // and the count starts afresh
    });

    it('checks one password of an account at a time: a burst of wrong guesses gets the limit, a burst of right ones all pass', async () => {
      const u = await createUser('burst');
      const right = await Promise.all(Array.from({ length: MAX_ATTEMPTS * 3 }, () => login(u.username)));
      expect(right.map((r) => r.status)).toEqual(Array(MAX_ATTEMPTS * 3).fill(200));
      const wrong = await Promise.all(Array.from({ length: MAX_ATTEMPTS * 3 }, () => login(`${u.username.toUpperCase()} `, 'wrong-password')));
      expect(wrong.map((r) => r.status).sort()).toEqual([...Array(MAX_ATTEMPTS).fill(401), ...Array(MAX_ATTEMPTS * 2).fill(429)]);
    });

    it('answers an unknown name like a known one, spellings included', async () => {
      const name = `t${run}.nobody.${++seq}`;
      for (let i = 0; i < MAX_ATTEMPTS; i++) expect((await login(name, 'x')).status).toBe(401);
      const res = await login(`${name.toUpperCase()} `, 'x');
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('30');
    });

    it('limits one address failing for many names, with Retry-After', async () => {
      const ip = freshIp();
      for (let i = 0; i < MAX_ATTEMPTS * 5; i++) expect((await login(`t${run}.spray.${++seq}`, 'x', ip)).status).toBe(401);
      const res = await login(`t${run}.spray.${++seq}`, 'x', ip);
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(300);
    });
  });
});
