import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '@naskah/core';
import { REDIS } from '@naskah/queue';
import type { AccessClaims } from './auth.service';

/** What a stream ticket stands for: the claims of the access token it was asked with, and that token's expiry. */
export type StreamTicketClaims = AccessClaims & { exp: number };

/**
 * Single-use tickets for the notification stream, the one request that cannot send an
 * Authorization header (a browser's EventSource). A ticket is an opaque random string, asked for
 * with the access token (`POST /api/notifications/stream-ticket`), kept in Redis for TTL_SECONDS
 * (shared by every API replica) under its SHA-256, and deleted by the first request that presents
 * it. The access token itself never appears in a URL, so it is in no proxy's request log.
 */
@Injectable()
export class StreamTickets {
  static readonly TTL_SECONDS = 60;

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly config: AppConfig,
  ) {}

  private key(ticket: string): string {
    return `${this.config.QUEUE_PREFIX}:stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }

  async issue(claims: StreamTicketClaims): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = randomBytes(32).toString('base64url');
    const { sub, un, fn, pos, off, roles, sv, exp } = claims;
    await this.redis.set(this.key(ticket), JSON.stringify({ sub, un, fn, pos, off, roles, sv, exp }), 'EX', StreamTickets.TTL_SECONDS);
    return { ticket, expiresIn: StreamTickets.TTL_SECONDS };
  }

  /** The ticket's claims, once: null when it is unknown, expired or already used. */
  async consume(ticket: string): Promise<StreamTicketClaims | null> {
    if (!/^[\w-]{43}$/.test(ticket)) return null;
    const raw = await this.redis.getdel(this.key(ticket));
    const claims = raw ? (JSON.parse(raw) as StreamTicketClaims) : null;
    return claims && claims.exp * 1000 > Date.now() ? claims : null; // the token it was asked with has expired since
  }
}
