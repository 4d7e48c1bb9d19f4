import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, DomainError } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { UsersService, hashPassword } from '../users.service';
import { LoginLimiter } from './login-limiter';
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
  roles: Principal['roles'];
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const badCredentials = () => new DomainError('INVALID_CREDENTIALS', 'UNAUTHENTICATED', 'Nama pengguna atau kata sandi salah (invalid credentials)');
const badRefresh = () => new DomainError('INVALID_REFRESH_TOKEN', 'UNAUTHENTICATED', 'Sesi tidak berlaku; silakan masuk lagi (invalid refresh token)');

/**
 * Sign-in with argon2 hashes; short-lived JWT access tokens and rotating refresh tokens. A refresh
 * token is single use: presenting a used one revokes its whole family (token theft detection).
 */
@Injectable()
export class AuthService {
  /**
   * The HMAC key as a KeyObject, built once: given a string, jsonwebtoken first tries to parse it
   * as a public key on every call (about a third of the CPU of an authenticated request).
   */
  private readonly jwtKey: KeyObject;

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
  ) {
    this.jwtKey = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    await this.limiter.begin(username, ip);
    const user = await this.users.findForLogin(username);
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    if (!user || !ok || !user.isActive) throw badCredentials();
    await this.limiter.succeeded(username, ip);
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

  async logout(refreshToken: string): Promise<void> {
    await this.revokeFamilyOf(sha256(refreshToken));
  }

  async verifyAccessToken(token: string): Promise<AccessClaims> {
    try {
      return await this.jwt.verifyAsync<AccessClaims>(token, { secret: this.jwtKey as never, algorithms: ['HS256'] });
    } catch {
      throw new DomainError('INVALID_ACCESS_TOKEN', 'UNAUTHENTICATED', 'Token akses tidak berlaku; silakan masuk lagi (invalid or expired token)');
    }
  }

  private async revokeFamilyOf(hash: string): Promise<void> {
    await this.ds.query(
      'UPDATE refresh_tokens t JOIN (SELECT family_id FROM refresh_tokens WHERE token_hash = ?) f ON f.family_id = t.family_id SET t.revoked_at = CURRENT_TIMESTAMP(3) WHERE t.revoked_at IS NULL',
      [hash],
    );
  }

  private async issue(em: { query: (q: string, p: unknown[]) => Promise<unknown> }, p: Principal, familyId: string): Promise<TokenPair> {
    const claims: AccessClaims = { sub: p.userId, un: p.username, fn: p.fullName, pos: p.positionId, off: p.officeId, roles: p.roles };
    const accessToken = await this.jwt.signAsync(claims, { secret: this.jwtKey as never, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS, algorithm: 'HS256' });
    const refreshToken = randomBytes(32).toString('base64url');
    const expires = new Date(this.clock.now().getTime() + this.config.REFRESH_TTL_DAYS * 86400_000);
    await em.query('INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES (?, ?, ?, ?)', [p.userId, familyId, sha256(refreshToken), expires]);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }
}
