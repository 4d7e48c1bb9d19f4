/** Small helpers the reliability suites share: position ids, drafting through the API, tallying answers. */
import type { DataSource } from 'typeorm';
import type { ApiClient, HttpResult } from '../../libs/testing/src/processes';

/** Position ids of an office by position code (e.g. KETUA, SEKRETARIS, KASUBBAG-KUL). */
export async function positionsOf(ds: DataSource, officeCode: string): Promise<Record<string, number>> {
  const rows = await ds.query('SELECT p.code, p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ?', [officeCode]);
  return Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
}

export async function officeIdOf(ds: DataSource, code: string): Promise<number> {
  const [r] = await ds.query('SELECT id FROM offices WHERE code = ?', [code]);
  return Number(r.id);
}

/** A draft as kasubbag.umum.5204 writes it: no reviewers (submit approves it), signed by the Ketua of 5204. */
export function draftBody(ketua5204: number, recipients: { kind: 'TO' | 'CC'; positionId?: number; officeId?: number; externalName?: string }[], over: Record<string, unknown> = {}) {
  return {
    typeCode: 'ND', subject: 'Laporan kesiapan logistik pemilihan', summary: 'Laporan', body: 'Dengan hormat,\n\nBersama ini kami sampaikan laporan.',
    securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1', recipients, reviewerPositionIds: [], signerPositionId: ketua5204, ...over,
  };
}

/** Creates a draft and submits it (no reviewers: it is APPROVED, ready to sign). Throws on any other answer. */
export async function approvedLetter(client: ApiClient, drafterToken: string, body: object): Promise<string> {
  const created = await client.request('POST', '/api/letters', { token: drafterToken, body });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body ?? created.error)}`);
  const submitted = await client.request('POST', `/api/letters/${created.body.id}/submit`, { token: drafterToken });
  if (submitted.status !== 201 || submitted.body.status !== 'APPROVED') throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body ?? submitted.error)}`);
  return String(created.body.id);
}

/** Counts answers by status and remembers the server errors (5xx, or no answer at all). */
export class Tally {
  readonly byStatus = new Map<number, number>();
  readonly serverErrors: string[] = [];
  /** 503 answers that do not carry the code SERVICE_UNAVAILABLE. */
  readonly bad503: string[] = [];
  total = 0;

  add(what: string, res: HttpResult): HttpResult {
    this.total += 1;
    this.byStatus.set(res.status, (this.byStatus.get(res.status) ?? 0) + 1);
    if (res.status === 0 || res.status >= 500) {
      const line = `${what} → ${res.status || res.error} ${JSON.stringify(res.body)?.slice(0, 300)}`;
      if (res.status !== 503) this.serverErrors.push(line);
      else if (res.body?.code !== 'SERVICE_UNAVAILABLE') this.bad503.push(line);
    }
    return res;
  }

  count(pred: (status: number) => boolean): number {
    return [...this.byStatus].filter(([s]) => pred(s)).reduce((a, [, n]) => a + n, 0);
  }

  summary(): string {
    return [...this.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s || 'no answer'}×${n}`).join(' ');
  }
}
