import { Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { AppConfig, Clock, DomainError } from '@naskah/core';
import { REDIS } from '@naskah/queue';

/**
 * Limits password checks (sign-in, and the password re-confirmed to sign a letter) in Redis, so
 * the limits hold across every API replica. Two limits:
 *  - per client address, a hard limit: LOGIN_MAX_ATTEMPTS × 5 failures per LOGIN_WINDOW_SECONDS
 *    (successes are not counted, so an office behind one NAT address is not locked out by its own
 *    users);
 *  - per account, a progressive delay rather than a lock-out: after LOGIN_MAX_ATTEMPTS failures the
 *    account waits LOGIN_DELAY_SECONDS before its next attempt, and twice as long after each further
 *    failure (up to LOGIN_WINDOW_SECONDS). Attempts made while it waits are refused without being
 *    counted and without extending the wait, so whoever targets a named account holds it for one
 *    delay at a time, spending a guess of their address's budget at every expiry; its owner waits
 *    at most the current delay. The failures are forgotten LOGIN_WINDOW_SECONDS after the last one.
 * The account is the user row the typed name found (the database's collation ignores case, accents
 * and trailing spaces: "KETUA.RI " is ketua.ri), never the typed string; a name with no row is
 * keyed on the same folding, so an unknown name answers like a known one.
 * Checks in flight are leased slots: an account has (its limit − its failures) of them, one once it
 * is delayed; an address (its limit − its failures). Further attempts wait for a slot, and a failure
 * is recorded before its slot is given back. So a burst of parallel guesses gets no more checks
 * than the limits allow, while a burst of right passwords (a signer signing many letters at once,
 * through any replica) all pass. Refusals carry `retryAfterSeconds` (the Retry-After header).
 */
@Injectable()
export class LoginLimiter {
  private readonly logger = new Logger('LoginLimiter');
  /** How long one password check may hold its slots (argon2 takes ~60 ms on an idle core). */
  static readonly SLOT_MS = 10_000;
  /** How long an attempt waits for its slots (a burst of right passwords on a loaded machine) before 429. */
  static readonly WAIT_MS = 60_000;

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

  private keys(account: string, ip: string): string[] {
    const p = `${this.config.QUEUE_PREFIX}:login`;
    return [`${p}:acct:${account}`, `${p}:acct-slots:${account}`, `${p}:ip:${ip}`, `${p}:ip-slots:${ip}`];
  }

  private get addressMax(): number {
    return this.config.LOGIN_MAX_ATTEMPTS * 5;
  }

  /**
   * While Redis cannot be reached, passwords are still checked — signing and signing in need only
   * the database — under the same limits counted in this process alone (a degraded, per-replica
   * throttle), never unthrottled. Logged once per outage.
   */
  private readonly local = new LocalLimiter();
  private degraded = false;

  private fallback(err: unknown): void {
    if (err instanceof DomainError) throw err;
    if (!this.degraded) this.logger.warn({ err: (err as Error)?.message }, 'Redis unreachable: password attempts are limited per process until it is back');
    this.degraded = true;
  }

  /** 429 when the address is past its limit: a cheap refusal before the user is looked up. */
  async assertAddress(ip: string): Promise<void> {
    const ipKey = this.keys('', ip)[2];
    let result: [[null, string | null], [null, number]];
    try {
      result = (await this.redis.multi().get(ipKey).pttl(ipKey).exec()) as [[null, string | null], [null, number]];
      this.degraded = false;
    } catch (err) {
      this.fallback(err);
      return this.local.assertAddress(ip, this.addressMax);
    }
    const [[, n], [, pttl]] = result;
    if (Number(n ?? 0) >= this.addressMax) throw tooMany(pttl);
  }

  /**
   * Runs one password check of the account from the address, in a slot of each: 429 while the
   * account waits its delay or the address is past its limit; otherwise `verify` runs and its result
   * is recorded (a failure counts for both, a success forgets the account's failures).
   */
  async check(account: string, ip: string, verify: () => Promise<boolean>): Promise<boolean> {
    const keys = this.keys(account, ip);
    let slot: string;
    try {
      slot = await this.takeSlots(keys);
    } catch (err) {
      this.fallback(err);
      return this.local.check(account, ip, verify, { max: this.config.LOGIN_MAX_ATTEMPTS, addressMax: this.addressMax, windowMs: this.config.LOGIN_WINDOW_SECONDS * 1000 });
    }
    try {
      const ok = await verify();
      const c = this.config;
      try {
        if (ok) await this.redis.del(keys[0]);
        else {
          await this.redis.eval(FAILED_SCRIPT, 2, keys[0], keys[2], this.clock.now().getTime(), c.LOGIN_MAX_ATTEMPTS,
            c.LOGIN_DELAY_SECONDS * 1000, Math.max(c.LOGIN_DELAY_SECONDS, c.LOGIN_WINDOW_SECONDS) * 1000, c.LOGIN_WINDOW_SECONDS * 1000);
        }
      } catch (err) {
        // Redis went away while the password was being checked: the answer stands; a failure is counted here instead
        this.fallback(err);
        if (!ok) this.local.recordFailure(account, ip, c.LOGIN_WINDOW_SECONDS * 1000);
      }
      return ok;
    } finally {
      await this.redis.multi().zrem(keys[1], slot).zrem(keys[3], slot).exec().catch(() => undefined);
    }
  }

  /** Waits for a slot of the account and of the address, up to WAIT_MS (a holder that died frees its slots after SLOT_MS). */
  private async takeSlots(keys: string[]): Promise<string> {
    const slot = randomBytes(8).toString('hex');
    const deadline = Date.now() + LoginLimiter.WAIT_MS;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const [state, waitMs] = (await this.redis.eval(SLOT_SCRIPT, 4, ...keys,
        this.clock.now().getTime(), this.config.LOGIN_MAX_ATTEMPTS, this.addressMax, slot, LoginLimiter.SLOT_MS)) as [number, number];
      if (state === 1) return slot;
      if (state === -1) throw tooMany(waitMs);
      if (Date.now() > deadline) throw tooMany(1000);
      await new Promise((r) => setTimeout(r, pause + Math.random() * pause));
    }
  }
}

const tooMany = (waitMs: number) => {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new DomainError('TOO_MANY_LOGIN_ATTEMPTS', 'RATE_LIMITED', `Terlalu banyak percobaan kata sandi; coba lagi dalam ${retryAfterSeconds} detik (too many attempts)`, {
    retryAfterSeconds,
  });
};

/**
 * KEYS: account hash {f = failures, until = ms}, account slots, address failures, address slots
 * (slots: sorted sets scored by lease end in Redis time); ARGV: now (ms, the app's clock), account
 * limit, address limit, slot id, lease (ms). Returns {1, 0} with both slots taken, {0, 0} to wait,
 * {-1, wait ms} while the account is delayed or the address is past its limit.
 */
const SLOT_SCRIPT = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if untilMs > now then return {-1, untilMs - now} end
local ipf = tonumber(redis.call('GET', KEYS[3]) or '0')
local ipMax = tonumber(ARGV[3])
if ipf >= ipMax then return {-1, redis.call('PTTL', KEYS[3])} end
local t = redis.call('TIME')
local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', real)
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', real)
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
local max = tonumber(ARGV[2])
local room = 1
if f < max then room = max - f end
if redis.call('ZCARD', KEYS[2]) >= room or redis.call('ZCARD', KEYS[4]) >= ipMax - ipf then return {0, 0} end
local lease = tonumber(ARGV[5])
redis.call('ZADD', KEYS[2], real + lease, ARGV[4])
redis.call('ZADD', KEYS[4], real + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[2], lease)
redis.call('PEXPIRE', KEYS[4], lease)
return {1, 0}`;

/**
 * KEYS: account hash, address failures; ARGV: now (ms), account limit, first delay (ms), longest
 * delay (ms), window (ms). Records one failure for both.
 */
const FAILED_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[5])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], window, 'NX')
local f = redis.call('HINCRBY', KEYS[1], 'f', 1)
local max = tonumber(ARGV[2])
local delay = 0
if f >= max then
  delay = math.min(tonumber(ARGV[3]) * 2 ^ math.min(f - max, 40), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', string.format('%d', now + delay))
end
redis.call('PEXPIRE', KEYS[1], string.format('%d', window + delay))
return f`;

/**
 * The per-process stand-in while Redis is unreachable: failures per account and per address in a
 * fixed window, one check of an account at a time. Bounded in size (a crude reset past 100,000 keys).
 */
class LocalLimiter {
  private readonly failures = new Map<string, { n: number; until: number }>();
  private readonly busy = new Set<string>();

  private count(key: string): { n: number; until: number } {
    const now = Date.now();
    const e = this.failures.get(key);
    return e && e.until > now ? e : { n: 0, until: 0 };
  }

  private fail(key: string, windowMs: number): void {
    if (this.failures.size > 100_000) this.failures.clear();
    const e = this.count(key);
    this.failures.set(key, { n: e.n + 1, until: e.until || Date.now() + windowMs });
  }

  recordFailure(account: string, ip: string, windowMs: number): void {
    this.fail(`a:${account}`, windowMs);
    this.fail(`ip:${ip}`, windowMs);
  }

  assertAddress(ip: string, addressMax: number): void {
    const e = this.count(`ip:${ip}`);
    if (e.n >= addressMax) throw tooMany(e.until - Date.now());
  }

  async check(account: string, ip: string, verify: () => Promise<boolean>, limits: { max: number; addressMax: number; windowMs: number }): Promise<boolean> {
    this.assertAddress(ip, limits.addressMax);
    const acct = this.count(`a:${account}`);
    if (acct.n >= limits.max) throw tooMany(acct.until - Date.now());
    const deadline = Date.now() + LoginLimiter.WAIT_MS;
    while (this.busy.has(account)) {
      if (Date.now() > deadline) throw tooMany(1000);
      await new Promise((r) => setTimeout(r, 20));
    }
    this.busy.add(account);
    try {
      const ok = await verify();
      if (ok) this.failures.delete(`a:${account}`);
      else {
        this.fail(`a:${account}`, limits.windowMs);
        this.fail(`ip:${ip}`, limits.windowMs);
      }
      return ok;
    } finally {
      this.busy.delete(account);
    }
  }
}
