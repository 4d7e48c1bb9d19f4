import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@naskah/identity';

export interface Http {
  app: NestFastifyApplication;
  ds: DataSource;
  request(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** Boots the real API module (real MariaDB, real Redis) in-process and talks to it through Fastify's injector. */
export async function startApi(): Promise<Http> {
  const { createApi } = require('../../../apps/api/src/bootstrap') as typeof import('../../../apps/api/src/bootstrap');
  const app = await createApi({ logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const ds = app.get(DataSource);
  const request: Http['request'] = async (method, url, opts = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.headers ?? {}) },
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    let body: unknown = res.body;
    try {
      body = res.json();
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
  const tokens = new Map<string, string>();
  return {
    app,
    ds,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const cached = tokens.get(`${username}\n${password}`);
      if (cached) return cached;
      const res = await request('POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(`${username}\n${password}`, res.body.accessToken);
      return res.body.accessToken;
    },
    close: () => app.close(),
  };
}

/** Counts rows of a table, optionally filtered; handy for "a rejected request changes nothing". */
export async function countRows(ds: DataSource, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const [r] = await ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(r.n);
}

/** The API and the real worker (outbox relay + every job handler) in one test process. */
export async function startApiAndWorker(): Promise<{ http: Http; worker: import('@nestjs/common').INestApplicationContext; ds: DataSource; close(): Promise<void> }> {
  const http = await startApi();
  const { forgetOldDispatchJobs } = require('./letters-fixture') as typeof import('./letters-fixture');
  await forgetOldDispatchJobs(http.app);
  const { createWorker } = require('../../../apps/worker/src/main') as typeof import('../../../apps/worker/src/main');
  const worker = await createWorker();
  await worker.init();
  return {
    http,
    worker,
    ds: http.ds,
    async close() {
      await worker.close();
      await http.close();
    },
  };
}
