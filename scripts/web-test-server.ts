/**
 * web-test-server.ts — the server behind the browser suite (apps/web/tests/*.pw.ts), started by Playwright's webServer
 * from the repository root: a fresh database `naskah_test_web` on the test MariaDB (migrated and
 * seeded like the Jest databases), the real API (serving apps/web/dist) and the real worker in one
 * process on 127.0.0.1:$NASKAH_WEB_TEST_PORT, then a letter through the real workflow over HTTP:
 * Kasubbag Sumbawa drafts it to the Sekretaris Jenderal with an attachment, the Ketua signs (the
 * worker renders the PDF), it is sent and lands at KPU Provinsi NTB to be forwarded. What the
 * tests need is written to .data/test/web/fixture.json before "WEB-TEST-READY" is printed.
 */
import 'reflect-metadata';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import IORedis from 'ioredis';
import { dataSourceOptions, runMigrations } from '@naskah/db';
import { seedOrganisation } from '@naskah/organisation';
import { seedDemoUsers } from '@naskah/identity';
import { seedMasterData } from '@naskah/correspondence';
import { applyTestEnv, testServerUrls } from '../libs/testing/src/test-env';

const ROOT = join(__dirname, '..');
const PORT = Number(process.env.NASKAH_WEB_TEST_PORT ?? 3590);
const DB = 'naskah_test_web';
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'Naskah#2026';

async function prepareDatabase(): Promise<string> {
  const { db } = testServerUrls();
  const server = new DataSource({ type: 'mysql', url: db });
  await server.initialize();
  await server.query(`DROP DATABASE IF EXISTS \`${DB}\``);
  await server.destroy();
  const url = `${db.replace(/\/$/, '')}/${DB}`;
  await runMigrations(url);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 4 } as never));
  await ds.initialize();
  await seedOrganisation(ds);
  await seedDemoUsers(ds);
  await seedMasterData(ds);
  await ds.destroy();
  // job ids are deterministic (render-letter_<id>) and ids restart with the fresh database: the
  // previous run's finished jobs would deduplicate this run's, so the queue prefix is emptied too
  const redis = new IORedis(testServerUrls().redis, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return url;
}

async function call(method: string, path: string, token?: string, body?: unknown, raw?: { body: Buffer; type: string }) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(raw ? { 'content-type': raw.type } : body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: raw ? new Uint8Array(raw.body) : body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return json;
}
const login = async (u: string) => (await call('POST', '/api/auth/login', undefined, { username: u, password: PASSWORD })).accessToken as string;

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function journey(ds: DataSource) {
  const pos = async (office: string, code: string) => Number((await ds.query('SELECT p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ? AND p.code = ?', [office, code]))[0].id);
  const drafter = await login('kasubbag.umum.5204');
  const subject = 'Usulan penggantian antarwaktu anggota PPK Kecamatan Alas';
  const created = await call('POST', '/api/letters', drafter, {
    typeCode: 'ND', subject, summary: 'Usulan PAW anggota PPK', body: 'Dengan hormat,\n\nBersama ini kami sampaikan usulan penggantian antarwaktu anggota PPK Kecamatan Alas.\n\nDemikian disampaikan.',
    securityClass: 'B', urgency: 'SEGERA', classificationCode: 'PY.01.1', recipients: [{ kind: 'TO', positionId: await pos('RI', 'SEKJEN') }], reviewerPositionIds: [], signerPositionId: await pos('5204', 'KETUA'),
  });
  const id = String(created.id);
  const boundary = 'naskahwebtest';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const part = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="berita-acara.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  await call('POST', `/api/letters/${id}/attachments`, drafter, undefined, { body: part, type: `multipart/form-data; boundary=${boundary}` });
  await call('POST', `/api/letters/${id}/submit`, drafter);
  await call('POST', `/api/letters/${id}/sign`, await login('ketua.5204'), { password: PASSWORD });
  const signed = await until(async () => {
    const l = await call('GET', `/api/letters/${id}`, drafter);
    return l.documentFileId && l.verificationToken ? l : undefined;
  }, 'the rendered PDF');
  await call('POST', `/api/letters/${id}/send`, drafter);
  const provinsi = await login('sekretaris.52');
  const delivery = await until(async () => {
    const page = await call('GET', `/api/inbox?q=${encodeURIComponent('antarwaktu')}`, provinsi);
    return page.items.find((i: { letterId: string }) => i.letterId === id);
  }, 'the delivery at KPU Provinsi NTB');
  return { letterId: id, subject, number: signed.number, verificationToken: signed.verificationToken, deliveryId: String(delivery.id), recipient: 'sekretaris.52', password: PASSWORD };
}

async function main() {
  process.env.JEST_WORKER_ID = 'web';
  applyTestEnv();
  Object.assign(process.env, { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', PORT: String(PORT), HOST: '127.0.0.1', TRUST_PROXY: 'false', API_DOCS: 'false' });
  rmSync(join(ROOT, '.data/test/files-web'), { recursive: true, force: true });
  process.env.DATABASE_URL = await prepareDatabase();
  // loaded after the environment is set (as libs/testing does), so their configuration sees it
  const { createApi } = require('../apps/api/src/bootstrap') as typeof import('../apps/api/src/bootstrap');
  const { createWorker } = require('../apps/worker/src/main') as typeof import('../apps/worker/src/main');
  const api = await createApi({ logger: false });
  await api.listen(PORT, '127.0.0.1');
  const worker = await createWorker();
  await worker.init();
  const fixture = await journey(api.get(DataSource));
  mkdirSync(join(ROOT, '.data/test/web'), { recursive: true });
  writeFileSync(join(ROOT, '.data/test/web/fixture.json'), JSON.stringify({ baseURL: BASE, ...fixture }, null, 2));
  console.log(`WEB-TEST-READY ${BASE}`);
  const stop = async () => {
    await worker.close().catch(() => undefined);
    await api.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(`[web-test-server] ${(err as Error).stack ?? err}`);
  process.exit(1);
});
