/**
 * How many jobs one worker process runs at once, across all its queues, and why.
 *
 * Each queue has a BullMQ worker of its own; what the database sees is the sum over queues. So
 * WORKER_CONCURRENCY is the process-wide number of job slots (`JobSlots`), not a per-queue figure,
 * and every job holds at most one connection (see connection-discipline.ts). RELAY_CONNECTIONS stay
 * free of jobs for the outbox relay (its poller, and the immediate relay after a dispatch, one at a
 * time each; it holds a connection while it hands a batch to Redis), so jobs get at most
 * DATABASE_POOL_SIZE − RELAY_CONNECTIONS slots and the relay never waits for a job to finish. With
 * slots ≤ pool − 1, even a job that broke the rule and waited for a second connection would leave
 * one free for some holder to finish: slow, never stuck.
 */
export const RELAY_CONNECTIONS = 1;

export interface SlotPlan {
  slots: number;
  /** Set when WORKER_CONCURRENCY was lowered to what the pool allows: the warning to log. */
  capped: string | null;
}

export class PoolTooSmallError extends Error {}

/**
 * The boot check. More concurrency than the pool allows is lowered to the pool's share, with a
 * warning naming both settings (the setting is an upper bound; the jobs wait in Redis, none is
 * lost); a pool with no connection left for jobs refuses to start.
 */
export function planJobSlots(settings: { DATABASE_POOL_SIZE: number; WORKER_CONCURRENCY: number }): SlotPlan {
  const pool = settings.DATABASE_POOL_SIZE;
  const wanted = settings.WORKER_CONCURRENCY;
  const room = pool - RELAY_CONNECTIONS;
  if (room < 1) {
    throw new PoolTooSmallError(
      `DATABASE_POOL_SIZE=${pool} tidak menyisakan koneksi untuk job (the outbox relay needs ${RELAY_CONNECTIONS} and every job one): ` +
        `set DATABASE_POOL_SIZE to at least WORKER_CONCURRENCY + ${RELAY_CONNECTIONS} (WORKER_CONCURRENCY=${wanted})`,
    );
  }
  if (wanted <= room) return { slots: wanted, capped: null };
  return {
    slots: room,
    capped:
      `WORKER_CONCURRENCY=${wanted} needs ${wanted + RELAY_CONNECTIONS} database connections (one per job, ${RELAY_CONNECTIONS} for the outbox relay) ` +
      `but DATABASE_POOL_SIZE=${pool}: running ${room} jobs at once. Raise DATABASE_POOL_SIZE to ${wanted + RELAY_CONNECTIONS} or lower WORKER_CONCURRENCY to ${room}.`,
  };
}

/** A first-come, first-served counting semaphore: the process-wide job slots. */
export class JobSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`job slots must be a positive integer (${size})`);
    this.free = size;
  }

  get inUse(): number {
    return this.size - this.free;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next job
      else this.free += 1;
    }
  }
}
