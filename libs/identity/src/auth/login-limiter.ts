import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { AppConfig, DomainError } from '@naskah/core';
import { REDIS } from '@naskah/queue';

/**
 * Counts failed sign-ins per user name and per client address in Redis, so the limit holds
 * across every API replica. Past the limit the answer is 429 until the window passes.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string): string[] {
    return [`login-fail:u:${username.toLowerCase()}`, `login-fail:ip:${ip}`];
  }

  async assertAllowed(username: string, ip: string): Promise<void> {
    const [byUser, byIp] = await this.redis.mget(...this.keys(username, ip));
    const max = this.config.LOGIN_MAX_ATTEMPTS;
    if (Number(byUser ?? 0) >= max || Number(byIp ?? 0) >= max * 5) {
      throw new DomainError('TOO_MANY_LOGIN_ATTEMPTS', 'RATE_LIMITED', 'Terlalu banyak percobaan masuk; coba lagi nanti (too many attempts)', {
        retryAfterSeconds: this.config.LOGIN_WINDOW_SECONDS,
      });
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const multi = this.redis.multi();
    for (const k of this.keys(username, ip)) multi.incr(k).expire(k, this.config.LOGIN_WINDOW_SECONDS, 'NX');
    await multi.exec();
  }

  async reset(username: string): Promise<void> {
    await this.redis.del(this.keys(username, '-')[0]);
  }
}
