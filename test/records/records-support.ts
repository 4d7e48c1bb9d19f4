import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock, ControllableClock } from '@naskah/core';
import { QueueName } from '@naskah/queue';
import { FilesService } from '@naskah/storage';
import { Http, startApi } from '@naskah/testing';
import { suiteDatabase } from '../../libs/testing/src/suite-database';
import { createWorker } from '../../apps/worker/src/main';
import { eventually, forgetOldDispatchJobs, insertSignedLetterFixture, SignedLetterFixture } from '../../libs/testing/src/letters-fixture';

export { eventually };

/** 10:00 WIB on Monday 2 March 2026: the tests' "today"; they move the clock years ahead instead of waiting. */
export const BASE = new Date('2026-03-02T03:00:00Z');
const YEAR_MS = 365.25 * 86_400_000;

export interface RecordsEnv {
  http: Http;
  worker: INestApplicationContext;
  ds: DataSource;
  clock: ControllableClock;
  files: FilesService;
  /** Sets the shared clock to BASE plus `years` (and `days`). */
  at(years: number, days?: number): void;
  token(username: string): Promise<string>;
  req(method: string, url: string, username: string, body?: unknown): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * API + worker in-process against the real MariaDB and Redis, sharing one controllable clock
 * (the apps' Clock instances read it). Job ids left over from an earlier run on this worker's
 * queue prefix (libs/testing test-env) are forgotten first.
 */
export async function startRecordsEnv(): Promise<RecordsEnv> {
  // a database of the suite's own: records suites sweep whole offices, so they must not see each other's dossiers
  const db = await suiteDatabase();
  const http = await startApi();
  for (const q of [QueueName.RECORDS, QueueName.DISPATCH]) {
    const queue = http.app.get<Queue>(getQueueToken(q), { strict: false });
    await queue.obliterate({ force: true });
  }
  await forgetOldDispatchJobs(http.app);
  const worker = await createWorker();
  await worker.init();
  const clock = new ControllableClock();
  clock.set(BASE);
  for (const app of [http.app, worker] as INestApplicationContext[]) {
    const c = app.get(Clock);
    c.now = () => clock.now();
  }
  const env: RecordsEnv = {
    http, worker, ds: http.ds, clock, files: http.app.get(FilesService),
    at: (years, days = 0) => clock.set(new Date(BASE.getTime() + Math.round(years * YEAR_MS) + days * 86_400_000)),
    token: (u) => http.login(u),
    req: async (method, url, username, body) => http.request(method, url, { token: await http.login(username), body }),
    close: async () => {
      await worker.close();
      await http.close();
      await db.release();
    },
  };
  return env;
}

export async function unitIdOf(ds: DataSource, officeCode: string, unitCode: string): Promise<number> {
  const [r] = await ds.query('SELECT u.id FROM units u JOIN offices o ON o.id = u.office_id WHERE o.code = ? AND u.code = ?', [officeCode, unitCode]);
  return Number(r.id);
}

/** A signed letter (test fixture) with a classification, its signed PDF and one attachment stored with their SHA-256. */
export async function letterWithFiles(env: RecordsEnv, f: SignedLetterFixture & { classification: string }): Promise<{ letterId: string; fileIds: string[] }> {
  const { letterId } = await insertSignedLetterFixture(env.ds, f);
  const files = await env.ds.transaction(async (em) => {
    const pdf = await env.files.store(em, Buffer.from(`%PDF-1.7 naskah ${letterId} ${Math.random()}`), { originalName: `naskah-${letterId}.pdf`, mime: 'application/pdf', createdBy: null });
    const att = await env.files.store(em, Buffer.from(`lampiran ${letterId} ${Math.random()}`), { originalName: 'lampiran.pdf', mime: 'application/pdf', createdBy: null });
    await em.query('UPDATE letters SET classification_code = ?, document_file_id = ?, document_sha256 = ? WHERE id = ?', [f.classification, pdf.id, pdf.sha256, letterId]);
    await em.query('INSERT INTO letter_attachments (letter_id, file_id, added_by) VALUES (?, ?, 1)', [letterId, att.id]);
    return [pdf.id, att.id];
  });
  return { letterId, fileIds: files };
}

/** Runs the sweep through the API ("run now") and waits for the worker to finish it. */
export async function sweep(env: RecordsEnv, username = 'arsiparis.5204'): Promise<{ id: string; proposed: number; scanned: number }> {
  const res = await env.req('POST', '/api/records/sweep/run', username);
  if (res.status !== 202) throw new Error(`sweep request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return eventually(async () => {
    const run = await env.req('GET', `/api/records/sweep/runs/${res.body.id}`, username);
    return run.body.finishedAt ? run.body : undefined;
  }, `sweep run ${res.body.id}`);
}

/** The open proposal of a dossier, as the dossier shows it. */
export async function openProposalOf(env: RecordsEnv, dossierId: string, username: string): Promise<{ id: string; kind: string; status: string } | null> {
  return (await env.req('GET', `/api/records/dossiers/${dossierId}`, username)).body.openProposal;
}

export async function waitProposal(env: RecordsEnv, id: string, status: string, username: string): Promise<any> {
  return eventually(async () => {
    const r = await env.req('GET', `/api/records/proposals/${id}`, username);
    return r.body.status === status ? r.body : undefined;
  }, `proposal ${id} to be ${status}`, 30_000);
}

export async function snapshot(ds: DataSource, sql: string, params: unknown[] = []): Promise<string> {
  return JSON.stringify(await ds.query(sql, params));
}
