import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { AppConfig, Clock, DomainError } from '@naskah/core';
import { REDIS } from '@naskah/queue';

/**
 * Counts password attempts (sign-in, and the password re-confirmed to sign a letter) in Redis, so
 * the limits hold across every API replica. Two limits:
 *  - per client address, a hard limit: LOGIN_MAX_ATTEMPTS × 5 failures per LOGIN_WINDOW_SECONDS,
 *    counted before the user is looked up (a successful attempt gives its slot back, so an office
 *    behind one NAT address is not locked out by its own users);
 *  - per account, a progressive delay rather than a lock-out: after LOGIN_MAX_ATTEMPTS failures the
 *    account waits LOGIN_DELAY_SECONDS before its next attempt, and twice as long after each further
 *    failure (up to LOGIN_WINDOW_SECONDS). Attempts made while it waits are refused without being
 *    counted and without extending the wait, so whoever targets a named account holds it for one
 *    delay at a time, spending a guess of their address's budget at every expiry; its owner waits
 *    at most the current delay. The failures are forgotten LOGIN_WINDOW_SECONDS after the last one.
 * The account is the user row the typed name found (the database's collation ignores case, accents
 * and trailing spaces: "KETUA.RI " is ketua.ri), never the typed string; a name with no row is
 * keyed on the same folding, so an unknown name answers like a known one.
 * One password check per account runs at a time (a short Redis lock; others wait their turn), and
 * each failure is recorded before the next check starts: a burst of parallel guesses gets no more
 * than LOGIN_MAX_ATTEMPTS checks, while a burst of right passwords (a signer signing many letters
 * at once) all pass. Refusals carry `retryAfterSeconds` (the Retry-After header).
 */
@Injectable()
export class LoginLimiter {
  /** How long one password check may hold its account's turn (argon2 takes ~60 ms). */
  static readonly TURN_MS = 10_000;

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

  private key(kind: 'acct' | 'turn' | 'ip', id: string): string {
    return `${this.config.QUEUE_PREFIX}:login:${kind}:${id}`;
  }

  /** Counts one attempt from the address; 429 past its limit. Call before looking the user up. */
  async beginAddress(ip: string): Promise<void> {
    const [n, pttl] = (await this.redis.eval(ADDRESS_SCRIPT, 1, this.key('ip', ip), this.config.LOGIN_WINDOW_SECONDS)) as [number, number];
    if (n > this.config.LOGIN_MAX_ATTEMPTS * 5) throw tooMany(pttl > 0 ? pttl : this.config.LOGIN_WINDOW_SECONDS * 1000);
  }

  /**
   * Runs one password check of the account (after beginAddress), in the account's turn: 429 while
   * the account waits its delay (the address slot is given back); otherwise `verify` runs and its
   * result is recorded (a failure counts, a success forgets the failures and gives the slot back).
   */
  async check(account: string, ip: string, verify: () => Promise<boolean>): Promise<boolean> {
    const turn = await this.takeTurn(account);
    try {
      const waitMs = Number(await this.redis.eval(WAITING_SCRIPT, 2, this.key('acct', account), this.key('ip', ip), this.clock.now().getTime()));
      if (waitMs > 0) throw tooMany(waitMs);
      const ok = await verify();
      if (ok) await this.redis.multi().del(this.key('acct', account)).eval(GIVE_BACK, 1, this.key('ip', ip)).exec();
      else await this.failed(account);
      return ok;
    } finally {
      await this.redis.eval(RELEASE_SCRIPT, 1, this.key('turn', account), turn).catch(() => undefined);
    }
  }

  private async failed(account: string): Promise<void> {
    const c = this.config;
    await this.redis.eval(FAILED_SCRIPT, 1, this.key('acct', account),
      this.clock.now().getTime(), c.LOGIN_MAX_ATTEMPTS, c.LOGIN_DELAY_SECONDS * 1000, Math.max(c.LOGIN_DELAY_SECONDS, c.LOGIN_WINDOW_SECONDS) * 1000, c.LOGIN_WINDOW_SECONDS * 1000);
  }

  /** Waits for the account's turn (polling; a holder that died frees it after TURN_MS). */
  private async takeTurn(account: string): Promise<string> {
    const token = randomBytes(8).toString('hex');
    const deadline = Date.now() + LoginLimiter.TURN_MS;
    while ((await this.redis.set(this.key('turn', account), token, 'PX', LoginLimiter.TURN_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw tooMany(1000);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
    }
    return token;
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

/** KEYS[1] account hash {f = failures, until = ms}, KEYS[2] address counter; ARGV now (ms). The wait left (ms), giving the address slot back; 0 when the check may run. */
const WAITING_SCRIPT = `
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
local now = tonumber(ARGV[1])
if untilMs <= now then return 0 end
local n = redis.call('DECR', KEYS[2]) if n <= 0 then redis.call('DEL', KEYS[2]) end
return untilMs - now`;

/** KEYS[1] account hash; ARGV now (ms), max attempts, first delay (ms), longest delay (ms), window (ms). Records one failure. */
const FAILED_SCRIPT = `
local now = tonumber(ARGV[1])
local f = redis.call('HINCRBY', KEYS[1], 'f', 1)
local max = tonumber(ARGV[2])
local delay = 0
if f >= max then
  delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(f - max, 40), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', string.format('%d', now + delay))
end
redis.call('PEXPIRE', KEYS[1], string.format('%d', tonumber(ARGV[5]) + delay))
return f`;

/** KEYS[1] turn lock; ARGV[1] its holder's token. */
const RELEASE_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
