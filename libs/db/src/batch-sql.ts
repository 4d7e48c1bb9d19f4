import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createPool, Pool, PoolConnection } from 'mysql2/promise';
import { AppConfig } from '@naskah/core';
import { dbErrorCode } from './db-errors';

/** One SQL statement with `?` placeholders and its values, for a batch (see `sqlStatement`). */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

export type SqlParam = string | number | bigint | boolean | Date | Buffer | null;

const isParam = (v: unknown): v is SqlParam =>
  v === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof v) || v instanceof Date || Buffer.isBuffer(v);

/**
 * A statement for `BatchTransaction.send`. Batches travel as one multi-statement query, so the
 * text must be code, never data: it may not contain `;` (only the batch joins statements), `??`
 * (identifier placeholders), quotes or comments; every value goes through a `?` placeholder (mysql2
 * escapes it for the utf8mb4 connection; NO_BACKSLASH_ESCAPES is kept off on these connections) and
 * must be a scalar (an object or array would be expanded by the driver).
 */
export function sqlStatement(sql: string, params: readonly unknown[] = []): SqlStatement {
  if (/[;'"`\\]|\?\?|--|\/\*|#/.test(sql)) throw new Error(`batch statement text must be code without ; quotes, comments or ??: ${sql.slice(0, 80)}`);
  const holes = (sql.match(/\?/g) ?? []).length;
  if (holes !== params.length) throw new Error(`batch statement has ${holes} placeholders and ${params.length} values: ${sql.slice(0, 80)}`);
  const bad = params.findIndex((p) => !isParam(p));
  if (bad >= 0) throw new Error(`batch statement value ${bad + 1} is not a scalar: ${sql.slice(0, 80)}`);
  return { sql, params: params as SqlParam[] };
}

const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** The statements of a transaction on one connection, sent in as few round trips as the caller chooses. */
export class BatchTransaction {
  private open = false;
  private committed = false;

  constructor(private readonly conn: PoolConnection) {}

  /**
   * Sends the statements in ONE round trip and returns one result per statement (rows for a
   * SELECT, a ResultSetHeader otherwise). The first batch also starts the transaction (READ
   * COMMITTED, like `inTransaction`). A failing statement stops the batch; the transaction stays
   * open, and `BatchSql.transaction` rolls it back when the error leaves the work function.
   */
  async send(statements: readonly SqlStatement[], opts: { commit?: boolean } = {}): Promise<any[]> {
    if (this.committed) throw new Error('batch transaction already committed');
    const all: SqlStatement[] = [];
    const begin = this.open ? 0 : 2;
    if (!this.open) all.push(sqlStatement('SET TRANSACTION ISOLATION LEVEL READ COMMITTED'), sqlStatement('START TRANSACTION'));
    all.push(...statements);
    if (opts.commit) all.push(sqlStatement('COMMIT'));
    this.open = true;
    const results = await this.roundTrip(all.map((s) => s.sql).join(';\n'), all.flatMap((s) => s.params));
    if (opts.commit) this.committed = true;
    const list = all.length === 1 ? [results] : (results as unknown[]);
    return list.slice(begin, begin + statements.length);
  }

  /** Sends the statements and COMMIT in one round trip. */
  commit(statements: readonly SqlStatement[] = []): Promise<any[]> {
    return this.send(statements, { commit: true });
  }

  /** @internal */
  async finish(ok: boolean): Promise<void> {
    if (!this.open || this.committed) return;
    await this.roundTrip(ok ? 'COMMIT' : 'ROLLBACK', []);
    this.committed = ok;
    this.open = false;
  }

  /** Every round trip of a batch transaction passes here (the benchmark counts them). */
  async roundTrip(sql: string, params: SqlParam[]): Promise<unknown> {
    const [results] = await this.conn.query(sql, params);
    return results;
  }
}

/**
 * Transactions that send several statements per round trip (`multipleStatements` on a pool of its
 * own, created lazily, used by nothing else). For paths where round trips while a hot row is
 * locked bound the throughput: signing takes the letter's number and writes everything that needs
 * it, and COMMITs, in one round trip, so the counter row is locked only while the server runs
 * that batch. Statements are built with `sqlStatement` only (code text, `?` placeholders).
 */
@Injectable()
export class BatchSql implements OnApplicationShutdown {
  private pool: Pool | null = null;

  constructor(private readonly config: AppConfig) {}

  /**
   * Runs `work` in one transaction on one connection, retrying the whole unit on a deadlock or lock
   * wait timeout like `inTransaction`; `work` must be safe to re-run. Commits when `work` returns
   * without having committed (one more round trip), rolls back when it throws.
   */
  async transaction<T>(work: (tx: BatchTransaction) => Promise<T>, attempts = 5): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await this.once(work);
      } catch (err) {
        const code = dbErrorCode(err);
        if (i >= attempts || !code || !RETRYABLE.has(code)) throw err;
        await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 20));
      }
    }
  }

  private async once<T>(work: (tx: BatchTransaction) => Promise<T>): Promise<T> {
    const conn = await this.connections().getConnection();
    const tx = new BatchTransaction(conn);
    let healthy = true;
    try {
      const result = await work(tx);
      await tx.finish(true);
      return result;
    } catch (err) {
      // a failed statement leaves the transaction open on the connection: roll it back before reuse
      await tx.finish(false).catch(() => (healthy = false));
      throw err;
    } finally {
      if (healthy) conn.release();
      else conn.destroy();
    }
  }

  private connections(): Pool {
    if (this.pool) return this.pool;
    const pool = createPool({
      uri: this.config.DATABASE_URL,
      connectionLimit: this.config.DATABASE_POOL_SIZE,
      multipleStatements: true,
      charset: 'UTF8MB4_UNICODE_CI',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: false,
      enableKeepAlive: true,
      waitForConnections: true,
      queueLimit: 0,
      connectTimeout: 5000,
    });
    // Values are escaped by the client with backslashes: that is only safe while the server does
    // not run in NO_BACKSLASH_ESCAPES mode. Queued before any statement of the new connection.
    pool.pool.on('connection', (c) => {
      c.query("SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))", (err: unknown) => {
        if (err) c.destroy(); // never run batches on a connection whose escaping is not known to be safe
      });
    });
    this.pool = pool;
    return pool;
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }
}
