import { DataSource, EntityManager } from 'typeorm';

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Runs `work` in one transaction, retrying the whole unit on a deadlock (InnoDB picks a victim
 * under concurrency; retrying is the documented answer). `work` must be safe to re-run.
 */
export async function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await ds.transaction('READ COMMITTED', work);
    } catch (err) {
      const code = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
      if (i >= attempts || !code || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
    }
  }
}
