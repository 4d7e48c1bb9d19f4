import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, DomainError } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { UsersService, hashPassword } from '../users.service';
import { ActingPositionsCache } from '../acting-positions.cache';
import { LoginLimiter } from './login-limiter';
import { jwtSecretOf } from './jwt-secret';
import type { Principal } from '../roles';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface AccessClaims {
  sub: number;
  un: string;
  fn: string;
  pos: number | null;
  off: number | null;
  /** Informational only: requests use the roles of the cached user state (ActingPositionsCache), never these. */
  roles: Principal['roles'];
  /** `users.session_version` when issued: a token whose value is no longer current was revoked. */
  sv: number;
  /** Expiry (seconds since the epoch), set by the signer. */
  exp?: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const badCredentials = () => new DomainError('INVALID_CREDENTIALS', 'UNAUTHENTICATED', 'Nama pengguna atau kata sandi salah (invalid credentials)');
const invalidAccess = () => new DomainError('INVALID_ACCESS_TOKEN', 'UNAUTHENTICATED', 'Token akses tidak berlaku; silakan masuk lagi (invalid or expired token)');
const badRefresh = () => new DomainError('INVALID_REFRESH_TOKEN', 'UNAUTHENTICATED', 'Sesi tidak berlaku; silakan masuk lagi (invalid refresh token)');

/**
 * Sign-in with argon2 hashes; short-lived JWT access tokens and rotating refresh tokens. A refresh
 * token is single use: presenting a used one revokes its whole family (token theft detection).
 * Signing out, a reused refresh token and a password change also bump the user's session version,
 * which ends every access token issued before (checked per request from the cached user state).
 */
@Injectable()
export class AuthService {
  /**
   * The HMAC key as a KeyObject, built once: given a string, jsonwebtoken first tries to parse it
   * as a public key on every call (about a third of the CPU of an authenticated request). Read on
   * first use (`prepareKey`), so a process that never handles tokens (the worker) creates no secret.
   */
  private key: KeyObject | null = null;

  // A real hash verified when the user does not exist, so timing does not tell which part was wrong.
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly limiter: LoginLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly acting: ActingPositionsCache,
  ) {}

  /** Reads (or, on first start, creates) the signing secret; the API calls it at boot so a bad secret file stops start-up. */
  prepareKey(): KeyObject {
    this.key ??= createSecretKey(Buffer.from(jwtSecretOf(this.config), 'utf8'));
    return this.key;
  }

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    await this.limiter.assertAddress(ip);
    const user = await this.users.findForLogin(username);
    // keyed on the row the collation found ("KETUA.RI " is ketua.ri), not on the typed string
    const account = user ? LoginLimiter.account(user.id) : LoginLimiter.unknownAccount(username);
    const ok = await this.limiter.check(account, ip, async () => {
      const right = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
      return Boolean(user && right && user.isActive);
    });
    if (!user || !ok) throw badCredentials();
    const principal = await this.users.principal(user.id);
    return this.ds.transaction(async (em) => {
      const pair = await this.issue(em, principal, randomUUID());
      await this.audit.record(em, { userId: user.id, positionId: principal.positionId, capacity: 'SENDIRI' }, { action: 'SIGNED_IN', entityType: 'user', entityId: user.id, officeId: principal.officeId, after: { ip } });
      return pair;
    });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = sha256(refreshToken);
    return this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = ? FOR UPDATE', [hash]);
      if (!row) throw badRefresh();
      if (row.revoked_at) {
        await em.query('UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP(3) WHERE family_id = ? AND revoked_at IS NULL', [row.family_id]);
        return Promise.reject(badRefresh());
      }
      if (new Date(row.expires_at).getTime() <= this.clock.now().getTime()) throw badRefresh();
      const principal = await this.users.principal(Number(row.user_id));
      const pair = await this.issue(em, principal, row.family_id);
      const [next] = await em.query('SELECT id FROM refresh_tokens WHERE token_hash = ?', [sha256(pair.refreshToken)]);
      await em.query('UPDATE refresh_tokens SET revoked_at = CURRENT_TIMESTAMP(3), replaced_by_id = ? WHERE id = ?', [next.id, row.id]);
      return pair;
    }).catch(async (err) => {
      // the reuse branch must keep its revocation even though the answer is an error
      if (err instanceof DomainError && err.code === 'INVALID_REFRESH_TOKEN') await this.revokeFamilyOf(hash);
      throw err;
    });
  }

  /** Signs out: the refresh token's family is revoked, and so is every access token of the user (session version). */
  async logout(refreshToken: string): Promise<void> {
    await this.revokeFamilyOf(sha256(refreshToken));
  }

  /**
   * Re-confirms a signed-in user's password (before signing a letter), throttled by the sign-in
   * limits: a wrong password counts against the same account and address as a failed sign-in.
   */
  async confirmPassword(userId: number, password: string, ip: string): Promise<boolean> {
    await this.limiter.assertAddress(ip);
    return this.limiter.check(LoginLimiter.account(userId), ip, () => this.users.verifyPassword(userId, password));
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { secret: this.prepareKey() as never, algorithms: ['HS256'] });
    } catch {
      throw invalidAccess();
    }
    if (!Number.isSafeInteger(claims.sub) || !Number.isSafeInteger(claims.sv)) throw invalidAccess();
    return claims;
  }

  /** Revokes the family of a refresh token and ends the user's access tokens. */
  private async revokeFamilyOf(hash: string): Promise<void> {
    const [row] = await this.ds.query('SELECT user_id FROM refresh_tokens WHERE token_hash = ?', [hash]);
    if (!row) return;
    const userId = Number(row.user_id);
    const revoked = await this.ds.transaction(async (em) => {
      const res = await em.query(
        'UPDATE refresh_tokens t JOIN (SELECT family_id FROM refresh_tokens WHERE token_hash = ?) f ON f.family_id = t.family_id SET t.revoked_at = CURRENT_TIMESTAMP(3) WHERE t.revoked_at IS NULL',
        [hash],
      );
      // a family already revoked (a second sign-out) ended the access tokens the first time
      if (!Number(res.affectedRows)) return false;
      await em.query('UPDATE users SET session_version = session_version + 1 WHERE id = ?', [userId]);
      return true;
    });
    if (revoked) await this.acting.changed(userId);
  }

  private async issue(em: { query: (q: string, p: unknown[]) => Promise<unknown> }, p: Principal, familyId: string): Promise<TokenPair> {
    const [u] = (await em.query('SELECT session_version FROM users WHERE id = ?', [p.userId])) as { session_version: number }[];
    const claims: AccessClaims = { sub: p.userId, un: p.username, fn: p.fullName, pos: p.positionId, off: p.officeId, roles: p.roles, sv: Number(u.session_version) };
    const accessToken = await this.jwt.signAsync(claims, { secret: this.prepareKey() as never, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS, algorithm: 'HS256' });
    const refreshToken = randomBytes(32).toString('base64url');
    const expires = new Date(this.clock.now().getTime() + this.config.REFRESH_TTL_DAYS * 86400_000);
    await em.query('INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES (?, ?, ?, ?)', [p.userId, familyId, sha256(refreshToken), expires]);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }
}
