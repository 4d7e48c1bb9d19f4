import { JobSlots, planJobSlots, PoolTooSmallError, RELAY_CONNECTIONS } from './job-slots';

describe('job slots: WORKER_CONCURRENCY against DATABASE_POOL_SIZE at boot', () => {
  it('keeps WORKER_CONCURRENCY when every job and the outbox relay have a connection (the defaults, 40/20)', () => {
    expect(planJobSlots({ DATABASE_POOL_SIZE: 40, WORKER_CONCURRENCY: 20 })).toEqual({ slots: 20, capped: null });
    expect(planJobSlots({ DATABASE_POOL_SIZE: 21, WORKER_CONCURRENCY: 20 })).toEqual({ slots: 20, capped: null });
  });

  it('lowers a concurrency the pool cannot serve to the pool minus the relay, naming both settings', () => {
    const plan = planJobSlots({ DATABASE_POOL_SIZE: 10, WORKER_CONCURRENCY: 10 });
    expect(plan.slots).toBe(10 - RELAY_CONNECTIONS);
    expect(plan.capped).toContain('WORKER_CONCURRENCY=10');
    expect(plan.capped).toContain('DATABASE_POOL_SIZE=10');
    expect(plan.capped).toContain(`running ${10 - RELAY_CONNECTIONS} jobs at once`);
  });

  it('refuses a pool that leaves no connection for jobs', () => {
    expect(() => planJobSlots({ DATABASE_POOL_SIZE: RELAY_CONNECTIONS, WORKER_CONCURRENCY: 4 })).toThrow(PoolTooSmallError);
    expect(() => planJobSlots({ DATABASE_POOL_SIZE: RELAY_CONNECTIONS, WORKER_CONCURRENCY: 4 })).toThrow(/DATABASE_POOL_SIZE=1.*WORKER_CONCURRENCY=4/);
  });
});

describe('JobSlots', () => {
  it('runs at most `size` at once, in the order they came, and frees a slot when a job fails', async () => {
    const slots = new JobSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let open!: () => void;
      return { promise: new Promise<void>((r) => (open = r)), open };
    });
    const runs = gates.map((g, i) =>
      slots.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await g.promise;
        running--;
        if (i === 0) throw new Error('job 0 failed');
        return i;
      }),
    );
    const settled = Promise.allSettled(runs);
    for (const g of gates) {
      await new Promise((r) => setImmediate(r));
      g.open();
    }
    const results = await settled;
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(slots.inUse).toBe(0);
  });
});
