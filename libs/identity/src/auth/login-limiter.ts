import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { AppConfig, DomainError } from '@naskah/core';
import { REDIS } from '@naskah/queue';

/**
 * Counts sign-in attempts per user name and per client address in Redis, so the limit holds across
 * every API replica. An attempt is counted atomically *before* the password is checked, so a burst
 * of parallel attempts cannot all slip past the check; a successful sign-in clears the user name's
 * count and gives its address slot back (an office behind one NAT address is not locked out by its
 * own users). Past the limit the answer is 429 until the window passes.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string): [string, string] {
    return [`login-fail:u:${username.toLowerCase()}`, `login-fail:ip:${ip}`];
  }

  /** Counts one attempt; throws 429 when it is past the limit for the user name or the address. */
  async begin(username: string, ip: string): Promise<void> {
    const [byUserKey, byIpKey] = this.keys(username, ip);
    const window = this.config.LOGIN_WINDOW_SECONDS;
    const res = await this.redis.multi().incr(byUserKey).expire(byUserKey, window, 'NX').incr(byIpKey).expire(byIpKey, window, 'NX').exec();
    if (!res || res.some(([err]) => err)) throw new Error('login limiter: Redis transaction failed');
    const byUser = Number(res[0][1]);
    const byIp = Number(res[2][1]);
    const max = this.config.LOGIN_MAX_ATTEMPTS;
    if (byUser > max || byIp > max * 5) {
      throw new DomainError('TOO_MANY_LOGIN_ATTEMPTS', 'RATE_LIMITED', 'Terlalu banyak percobaan masuk; coba lagi nanti (too many attempts)', {
        retryAfterSeconds: window,
      });
    }
  }

  /** The attempt was right: forget the user name's failures and give back the address's slot. */
  async succeeded(username: string, ip: string): Promise<void> {
    const [byUserKey, byIpKey] = this.keys(username, ip);
    await this.redis
      .multi()
      .del(byUserKey)
      .eval("local n = redis.call('DECR', KEYS[1]) if n <= 0 then redis.call('DEL', KEYS[1]) end return n", 1, byIpKey)
      .exec();
  }
}
