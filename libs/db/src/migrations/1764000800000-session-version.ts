import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `users.session_version` is carried in every access token (claim `sv`) and compared on each
 * request (through the cached user state, ActingPositionsCache): signing out, a password change or
 * a stolen refresh token bumps it, so the access tokens issued before stop working at once instead
 * of at their expiry.
 */
export class SessionVersion1764000800000 implements MigrationInterface {
  name = 'SessionVersion1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN session_version INT UNSIGNED NOT NULL DEFAULT 0 AFTER version');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN session_version');
  }
}
