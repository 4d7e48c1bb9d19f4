import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * The rule every job handler keeps: **a job holds at most one database connection at a time.**
 * Inside `ds.transaction(...)`/`inTransaction(...)` everything goes through the transaction's `em`;
 * a call that takes another connection from the pool (`this.ds.query`, `this.ds.manager`, a service
 * whose `em` defaults to `ds.manager`) while the job holds one is the deadlock of issue 16: with as
 * many jobs as connections, every connection is held by a job waiting for a second one, for ever.
 *
 * `watchConnections` makes a breach visible instead of silent: every connection the DataSource hands
 * out inside a job (`runAsJob`) is counted, and taking one while the job already holds one is
 * reported (once per job name and call site) with the call site's frames.
 */
export interface SecondConnection {
  job: string;
  jobId: string | undefined;
  /** Connections the job held when it asked for one more. */
  held: number;
  /** The frames of our own code that asked (node_modules left out). */
  at: string[];
}

interface JobScope {
  job: string;
  jobId: string | undefined;
  held: number;
}

const scope = new AsyncLocalStorage<JobScope>();

/** Runs a job handler in its own scope, so the connections it takes are counted. */
export function runAsJob<T>(job: string, jobId: string | undefined, work: () => Promise<T>): Promise<T> {
  return scope.run({ job, jobId, held: 0 }, work);
}

/** Runs `work` outside any job scope: for work a job only starts and does not wait for (an immediate outbox relay). */
export function outsideJob<T>(work: () => T): T {
  return scope.exit(work);
}

type Releasable = { release: (...args: unknown[]) => unknown };
type Driver = { obtainMasterConnection: () => Promise<Releasable> };
const WATCHED = Symbol('naskah.watchConnections');

/**
 * Wraps the driver's connection hand-out of `ds` (TypeORM's MysqlDriver: every query runner, hence
 * every `ds.query`, `ds.manager` call and transaction, obtains its connection there). Idempotent.
 */
export function watchConnections(ds: DataSource, report: (v: SecondConnection) => void): void {
  const driver = ds.driver as unknown as Driver & { [WATCHED]?: boolean };
  if (driver[WATCHED] || typeof driver.obtainMasterConnection !== 'function') return;
  driver[WATCHED] = true;
  const obtain = driver.obtainMasterConnection.bind(driver);
  const seen = new Set<string>();
  driver.obtainMasterConnection = async () => {
    const s = scope.getStore();
    if (s && s.held > 0) {
      const at = ownFrames(deepStack());
      const key = `${s.job}|${at.join('|')}`;
      if (!seen.has(key)) {
        seen.add(key);
        report({ job: s.job, jobId: s.jobId, held: s.held, at });
      }
    }
    if (!s) return obtain();
    s.held += 1; // counted from the request on: parallel queries of one job are two connections too
    let conn: Releasable;
    try {
      conn = await obtain();
    } catch (err) {
      s.held -= 1;
      throw err;
    }
    const release = conn.release;
    let released = false;
    conn.release = function (this: unknown, ...args: unknown[]) {
      if (!released) {
        released = true;
        s.held -= 1;
        conn.release = release; // the pool hands this connection out again later, to someone else
      }
      return release.apply(this, args);
    };
    return conn;
  };
}

function deepStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    return new Error().stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function ownFrames(stack: string): string[] {
  return stack
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at ') && /\/(libs|apps)\//.test(l) && !l.includes('node_modules') && !/connection-discipline\.[jt]s:/.test(l))
    .slice(0, 8);
}
