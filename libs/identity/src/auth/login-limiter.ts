import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { AppConfig, Clock, DomainError } from '@naskah/core';
import { REDIS } from '@naskah/queue';

/**
 * Counts password attempts (sign-in, and the password re-confirmed to sign a letter) in Redis, so
 * the limits hold across every API replica. Two limits:
 *  - per client address, a hard limit: LOGIN_MAX_ATTEMPTS × 5 failures per LOGIN_WINDOW_SECONDS
 *    (a successful attempt gives its slot back, so an office behind one NAT address is not locked
 *    out by its own users);
 *  - per account, a progressive delay rather than a lock-out: after LOGIN_MAX_ATTEMPTS failures the
 *    account waits LOGIN_DELAY_SECONDS before its next attempt, and twice as long after each further
 *    failure (up to LOGIN_WINDOW_SECONDS). Attempts made while it waits are refused without being
 *    counted and without extending the wait, so whoever targets a named account holds it for one
 *    delay at a time, spending a guess of their address's budget at every expiry; its owner waits
 *    at most the current delay. The failures are forgotten LOGIN_WINDOW_SECONDS after the last one.
 * The account is the user row the typed name found (the database's collation ignores case, accents
 * and trailing spaces: "KETUA.RI " is ketua.ri), never the typed string; a name with no row is
 * keyed on the same folding, so an unknown name answers like a known one.
 * Each attempt is counted atomically *before* the password is checked, so a burst of parallel
 * attempts cannot all slip past the check. Refusals carry `retryAfterSeconds` (the Retry-After header).
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The account key of a user row. */
  static account(userId: number): string {
    return `u:${userId}`;
  }

  /** The account key of a typed name with no user row: folded as the collation compares (case, accents, trailing spaces). */
  static unknownAccount(typed: string): string {
    return `n:${typed.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ +$/, '')}`;
  }

  private key(kind: 'acct' | 'ip', id: string): string {
    return `${this.config.QUEUE_PREFIX}:login:${kind}:${id}`;
  }

  /** Counts one attempt from the address; 429 past its limit. Call before looking the user up. */
  async beginAddress(ip: string): Promise<void> {
    const [n, pttl] = (await this.redis.eval(ADDRESS_SCRIPT, 1, this.key('ip', ip), this.config.LOGIN_WINDOW_SECONDS)) as [number, number];
    if (n > this.config.LOGIN_MAX_ATTEMPTS * 5) throw tooMany(pttl > 0 ? pttl : this.config.LOGIN_WINDOW_SECONDS * 1000);
  }

  /** Counts one attempt on the account (after beginAddress); 429 while the account waits its delay (the address slot is given back). */
  async beginAccount(account: string, ip: string): Promise<void> {
    const c = this.config;
    const waitMs = Number(
      await this.redis.eval(ACCOUNT_SCRIPT, 2, this.key('acct', account), this.key('ip', ip),
        this.clock.now().getTime(), c.LOGIN_MAX_ATTEMPTS, c.LOGIN_DELAY_SECONDS * 1000, Math.max(c.LOGIN_DELAY_SECONDS, c.LOGIN_WINDOW_SECONDS) * 1000, c.LOGIN_WINDOW_SECONDS * 1000),
    );
    if (waitMs > 0) throw tooMany(waitMs);
  }

  /** The attempt was right: forget the account's failures and give back the address's slot. */
  async succeeded(account: string, ip: string): Promise<void> {
    await this.redis.multi().del(this.key('acct', account)).eval(GIVE_BACK, 1, this.key('ip', ip)).exec();
  }
}

const tooMany = (waitMs: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new DomainError('TOO_MANY_LOGIN_ATTEMPTS', 'RATE_LIMITED', `Terlalu banyak percobaan kata sandi; coba lagi dalam ${retryAfterSeconds} detik (too many attempts)`, {
    retryAfterSeconds,
  });
};

/** KEYS[1] address counter; ARGV[1] window (s). Returns {count, pttl}. */
const ADDRESS_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return {n, redis.call('PTTL', KEYS[1])}`;

const GIVE_BACK = "local n = redis.call('DECR', KEYS[1]) if n <= 0 then redis.call('DEL', KEYS[1]) end return n";

/**
 * KEYS[1] account hash {f = failures, until = ms}, KEYS[2] address counter; ARGV now (ms), max
 * attempts, first delay (ms), longest delay (ms), window (ms). Returns the wait left (ms), 0 when
 * the attempt is counted and may go on.
 */
const ACCOUNT_SCRIPT = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilMs > now then
  local n = redis.call('DECR', KEYS[2]) if n <= 0 then redis.call('DEL', KEYS[2]) end
  return untilMs - now
end
local f = redis.call('HINCRBY', KEYS[1], 'f', 1)
local max = tonumber(ARGV[2])
local delay = 0
if f >= max then
  delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(f - max, 40), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', string.format('%d', now + delay))
end
redis.call('PEXPIRE', KEYS[1], string.format('%d', tonumber(ARGV[5]) + delay))
return 0`;
