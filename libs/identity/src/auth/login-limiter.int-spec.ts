import IORedis from 'ioredis';
import { AppConfig, SystemClock } from '@naskah/core';
import { LoginLimiter } from './login-limiter';

/** While Redis cannot be reached, password checks go on (signing needs only the database) but stay throttled, per process. */
describe('LoginLimiter without Redis', () => {
  // a real client to a port nothing listens on: every command fails at once, as during an outage
  const dead = new IORedis({ host: '127.0.0.1', port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  afterAll(() => dead.disconnect());
  const config = Object.assign(new AppConfig(), { QUEUE_PREFIX: 'naskah-limiter-spec', LOGIN_MAX_ATTEMPTS: 3, LOGIN_WINDOW_SECONDS: 300, LOGIN_DELAY_SECONDS: 30 });
  const limiter = new LoginLimiter(dead as never, config, new SystemClock());

  it('checks a right password, and refuses an account after LOGIN_MAX_ATTEMPTS wrong ones with 429 and Retry-After', async () => {
    await expect(limiter.check('u:1', '10.0.0.1', async () => true)).resolves.toBe(true);
    for (let i = 0; i < 3; i++) await expect(limiter.check('u:2', '10.0.0.2', async () => false)).resolves.toBe(false);
    await expect(limiter.check('u:2', '10.0.0.3', async () => true)).rejects.toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS', details: { retryAfterSeconds: expect.any(Number) } });
    // another account is not affected
    await expect(limiter.check('u:3', '10.0.0.2', async () => true)).resolves.toBe(true);
  });

  it('limits one address failing for many accounts', async () => {
    for (let i = 0; i < 15; i++) await limiter.check(`u:${100 + i}`, '10.9.9.9', async () => false);
    await expect(limiter.assertAddress('10.9.9.9')).rejects.toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    await expect(limiter.check('u:999', '10.9.9.9', async () => true)).rejects.toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS' });
  });
});
