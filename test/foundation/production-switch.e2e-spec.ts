import { DataSource } from 'typeorm';
import { loadConfig } from '@naskah/core';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { Http, startApi, testDatabaseName, testServerUrls } from '@naskah/testing';
import { runSeed } from '../../scripts/seed';

/** Runs `fn` with these environment variables set (undefined = unset), then puts the old values back. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const old = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(old);
  }
}

/** The docs pages an API serves: status of each. */
async function docsStatus(vars: Record<string, string | undefined>): Promise<Record<string, number>> {
  return withEnv(vars, async () => {
    const http: Http = await startApi();
    try {
      const out: Record<string, number> = {};
      for (const url of ['/api/docs', '/api/docs-json', '/api/docs-yaml', '/api/docs/swagger-ui-init.js']) out[url] = (await http.request('GET', url)).status;
      const res = await http.request('GET', '/api/docs');
      if (res.status === 404) expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
      return out;
    } finally {
      await http.close();
    }
  });
}

const ALL = (status: number) => ({ '/api/docs': status, '/api/docs-json': status, '/api/docs-yaml': status, '/api/docs/swagger-ui-init.js': status });

/** One switch for production: NODE_ENV=production turns off the API docs and the demo accounts unless API_DOCS / SEED_DEMO turn them on. */
describe('production switch: API docs', () => {
  it('serves no docs UI and no OpenAPI document in production (404 in the common shape)', async () => {
    expect(await docsStatus({ NODE_ENV: 'production', API_DOCS: undefined })).toEqual(ALL(404));
  });

  it('serves them in production with API_DOCS=true', async () => {
    expect(await docsStatus({ NODE_ENV: 'production', API_DOCS: 'true' })).toEqual(ALL(200));
  });

  it('serves them outside production unless API_DOCS=false', async () => {
    expect(await docsStatus({ NODE_ENV: 'development', API_DOCS: undefined })).toEqual(ALL(200));
    expect(await docsStatus({ NODE_ENV: 'development', API_DOCS: 'false' })).toEqual(ALL(404));
  });

  it('refuses a value other than true/false at boot, naming the variable', () => {
    expect(() => loadConfig({ API_DOCS: 'on' })).toThrow(/API_DOCS/);
  });
});

describe('production switch: demo accounts from the seed', () => {
  const url = `${testServerUrls().db.replace(/\/$/, '')}/${testDatabaseName(process.env.JEST_WORKER_ID ?? '1')}_seed`;
  let ds: DataSource;
  const base = { DATABASE_URL: url, JWT_SECRET: 'a-production-secret-of-at-least-32-characters' };
  const demoUsers = async () => (await ds.query("SELECT username FROM users WHERE username IN ('admin', 'ketua.5204', 'pencatat.5271') ORDER BY username")).map((r: { username: string }) => r.username);

  beforeAll(async () => {
    await runMigrations(url); // a fresh database: the shared test databases already hold the demo accounts
    ds = new DataSource(dataSourceOptions(url, { poolSize: 2 } as never));
    await ds.initialize();
  }, 120_000);
  afterAll(async () => {
    await ds?.query(`DROP DATABASE IF EXISTS \`${url.split('/').pop()}\``);
    await ds?.destroy();
  });

  it('creates the organisation but no demo account in production', async () => {
    const res = await runSeed(ds, loadConfig({ ...base, NODE_ENV: 'production' }), () => undefined);
    expect(res.demoUsers).toEqual([]);
    expect(await demoUsers()).toEqual([]);
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM offices');
    expect(Number(n)).toBeGreaterThan(500);
  }, 120_000);

  it('creates the demo accounts in production with SEED_DEMO=true, and outside production by default', async () => {
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).demoDataEnabled).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'development', SEED_DEMO: 'false' }).demoDataEnabled).toBe(false);
    const res = await runSeed(ds, loadConfig({ ...base, NODE_ENV: 'production', SEED_DEMO: 'true' }), () => undefined);
    expect(res.demoUsers).toEqual(expect.arrayContaining(['admin', 'ketua.5204']));
    expect(await demoUsers()).toEqual(['admin', 'ketua.5204', 'pencatat.5271']);
  }, 120_000);
});
