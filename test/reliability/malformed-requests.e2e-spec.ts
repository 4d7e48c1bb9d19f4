import fc from 'fast-check';
import jwt from 'jsonwebtoken';
import type { DataSource } from 'typeorm';
import { ApiClient, HttpResult, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';
import { approvedLetter, draftBody, officeIdOf, positionsOf } from './flows';

/**
 * Reliability 5: generated malformed requests (fast-check) against every write endpoint — wrong
 * types, out-of-range values, missing and unknown fields, broken JSON, wrong content types,
 * oversized bodies, prototype-pollution keys, bad ids, bad or forged tokens, and well-formed
 * requests that break a rule (wrong actor, wrong state, stale version, unknown references, wrong
 * password). Every one must be refused with a 4xx, none may answer 5xx, and no table may change.
 *
 * Each generated request carries exactly one defect on top of a request that would otherwise be
 * valid, so that a 2xx answer means the defect slipped through.
 */
type Req = { method: string; url: string; token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; label: string };
type Kind = 'string' | 'int' | 'enum' | 'bool' | 'intArray' | 'date' | 'digits' | 'recipients' | 'targets';
interface Field { name: string; kind: Kind; required: boolean; min?: number; max?: number; values?: readonly string[] }
interface Endpoint {
  name: string;
  runs: number;
  method: string;
  /** Path of the valid request. `:id` (if any) is replaced by badPath mutations. */
  path: () => string;
  idInPath?: boolean;
  token: () => string | undefined;
  /** The valid body (omitted for body-less endpoints). */
  body?: () => Record<string, unknown>;
  fields?: Field[];
  /** Well-formed requests that break a rule. */
  semantic?: (() => Req)[];
}

const JWT_SECRET = 'reliability-secret-for-naskah-tests-0123456789'; // ReliabilityEnv.appEnv

// ---------- invalid values, by field kind (never null/undefined for optional fields: @IsOptional accepts those) ----------
const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }));
const notAnInt = fc.oneof(
  fc.string({ maxLength: 12 }), fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }), fc.boolean(), fc.constantFrom(0, -1, -2147483648),
  fc.integer({ max: 0 }), fc.constant([1]), fc.constant({ id: 1 }), fc.constantFrom('1', '1e3', ' 7', '0x10'),
);
function wrongValue(f: Field): fc.Arbitrary<unknown> {
  const nullIfRequired = f.required ? [fc.constant(null)] : [];
  switch (f.kind) {
    case 'string':
    case 'digits':
    case 'date': {
      const bad: fc.Arbitrary<unknown>[] = [notAString, ...nullIfRequired];
      if (f.max !== undefined) bad.push(fc.integer({ min: 1, max: 40 }).map((n) => 'x'.repeat(f.max! + n)));
      if (f.min !== undefined && f.min > 0) bad.push(fc.integer({ min: 0, max: f.min - 1 }).map((n) => 'y'.repeat(n)));
      if (f.kind === 'digits') bad.push(fc.constantFrom('12345', 'abcdefghijklmnopqr', '1'.repeat(19), '١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨'));
      if (f.kind === 'date') bad.push(fc.constantFrom('2026-13-01', '2026-02-30', '01-12-2026', '2026/12/01', '2026-12-1', 'besok', '2026-12-01T00:00:00Z'));
      return fc.oneof(...bad);
    }
    case 'int':
      return fc.oneof(notAnInt, ...nullIfRequired);
    case 'enum':
      return fc.oneof(fc.string({ maxLength: 12 }).filter((s) => !f.values!.includes(s)), fc.constantFrom(...f.values!.map((v) => v.toLowerCase()), ...f.values!.map((v) => ` ${v}`)), fc.integer(), ...nullIfRequired);
    case 'bool':
      return fc.oneof(fc.constantFrom('true', 'false', 1, 0, 'yes'), fc.integer(), ...nullIfRequired);
    case 'intArray':
      return fc.oneof(fc.integer({ min: 1 }), fc.string(), fc.array(notAnInt, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1 }), { minLength: (f.max ?? 50) + 1, maxLength: (f.max ?? 50) + 3 }), ...nullIfRequired);
    case 'recipients':
      return fc.oneof(
        fc.constant([]), fc.string(), fc.constant({ kind: 'TO', positionId: 1 }),
        fc.array(fc.record({ kind: fc.string({ maxLength: 4 }).filter((k) => k !== 'TO' && k !== 'CC') }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ kind: fc.constant('TO'), positionId: notAnInt }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.record({ kind: fc.constant('TO'), externalName: fc.oneof(fc.constant('x'), fc.integer(), fc.constant('z'.repeat(301))) }), { minLength: 1, maxLength: 2 }),
        fc.constant([{ kind: 'TO', positionId: 1, extra: true }]), ...nullIfRequired,
      );
    case 'targets':
      return fc.oneof(
        fc.string(), fc.constant({ positionId: 1 }), fc.constant(Array.from({ length: 101 }, () => ({ officeId: 1 }))),
        fc.array(fc.record({ positionId: notAnInt }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.record({ officeId: fc.integer({ min: 1 }), kind: fc.string({ maxLength: 3 }).filter((k) => k !== 'TO' && k !== 'CC') }), { minLength: 1, maxLength: 2 }),
        fc.constant([{ positionId: 1, sneaky: 'x' }]),
      );
  }
}

/** Content types a JSON endpoint must refuse (with a JSON body, or a form body for the form type). */
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=zzz', 'image/png'] as const;
const UNKNOWN_KEYS = ['status', 'id', 'number', 'isAdmin', 'roles', 'officeId_', 'version_', 'x', 'signedBy', 'deleted'] as const;
/** Names of Object.prototype members: probed apart, after the table comparison (they once slipped past the whitelist). */
const PROTOTYPE_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const; // ('prototype' and '__proto__' are stripped by Nest's ValidationPipe, by design)
const BAD_IDS = ['abc', '-1', '0', '1.5', '1e3', '99999999999', '18446744073709551616', '%27%20OR%201%3D1--', '%00', 'null', 'undefined', '1;DROP%20TABLE%20letters', 'x'.repeat(300), '%F0%9F%92%A5'];

/** One defect in the body: a wrong value, a missing required field, an unknown field, or a prototype-pollution key. */
function bodyDefect(e: Endpoint): fc.Arbitrary<Req> {
  const fields = e.fields!;
  const base = () => ({ method: e.method, url: e.path(), token: e.token() });
  const options: fc.Arbitrary<Req>[] = [
    fc.constantFrom(...fields).chain((f) => wrongValue(f).map((v) => ({ ...base(), body: { ...e.body!(), [f.name]: v }, label: `${e.name}: ${f.name} = ${JSON.stringify(v)?.slice(0, 60)}` }))),
    fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...base(), body: { ...e.body!(), [k]: v }, label: `${e.name}: unknown field ${k}` })),
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({ ...base(), raw: `{"__proto__": ${JSON.stringify(v)}, ${JSON.stringify(e.body!()).slice(1)}`, headers: { 'content-type': 'application/json' }, label: `${e.name}: __proto__ key` })),
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({ ...base(), raw: `{"constructor": {"prototype": ${JSON.stringify(v)}}, ${JSON.stringify(e.body!()).slice(1)}`, headers: { 'content-type': 'application/json' }, label: `${e.name}: constructor.prototype key` })),
  ];
  const required = fields.filter((f) => f.required);
  if (required.length) {
    options.push(fc.constantFrom(...required).map((f) => {
      const body = { ...e.body!() };
      delete body[f.name];
      return { ...base(), body, label: `${e.name}: without ${f.name}` };
    }));
  }
  return fc.oneof(...options);
}

/** A body that is not a JSON object of the right shape at all. */
function rawDefect(e: Endpoint): fc.Arbitrary<Req> {
  const base = () => ({ method: e.method, url: e.path(), token: e.token() });
  const valid = () => JSON.stringify(e.body!());
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"subject":"\\ud800"', '{"a":1}}', '\u0000', '{\'single\': 1}', '{"a":1,}').map((raw) => ({ ...base(), raw, headers: { 'content-type': 'application/json' }, label: `${e.name}: broken JSON ${raw}` })) },
    // (a JSON null is no body at all: invalid only where some field is required)
    { weight: 3, arbitrary: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.string(), fc.integer(), fc.boolean(), ...(e.fields!.some((f) => f.required) ? [fc.constant(null)] : [])).map((v) => ({ ...base(), raw: JSON.stringify(v), headers: { 'content-type': 'application/json' }, label: `${e.name}: body ${JSON.stringify(v)?.slice(0, 40)}` })) },
    { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((ct) => ({ ...base(), raw: ct.startsWith('application/x-www') ? 'a=1&b=2' : valid(), headers: { 'content-type': ct }, label: `${e.name}: content-type ${ct}` })) },
    { weight: 1, arbitrary: fc.integer({ min: 2000, max: 4000 }).map((depth) => ({ ...base(), raw: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, headers: { 'content-type': 'application/json' }, label: `${e.name}: nested ${depth} deep` })) },
    { weight: 1, arbitrary: fc.constant(null).map(() => ({ ...base(), raw: `{"pad":"${'p'.repeat(2 * 1024 * 1024 + 10)}"}`, headers: { 'content-type': 'application/json' }, label: `${e.name}: body over 2 MiB` })) },
  );
}

function pathDefect(e: Endpoint): fc.Arbitrary<Req> {
  return fc.constantFrom(...BAD_IDS).map((id) => ({ method: e.method, url: e.path().replace(/\/(\d+)(\/|$)/, `/${id}$2`), token: e.token(), body: e.body?.(), label: `${e.name}: id ${id.slice(0, 30)}` }));
}

function authDefect(e: Endpoint, claims: () => Record<string, unknown>): fc.Arbitrary<Req> {
  const forged = (secret: string, extra: Record<string, unknown> = {}) => jwt.sign({ ...claims(), ...extra }, secret, { algorithm: 'HS256' });
  const none = () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims(), roles: ['ADMIN'] })).toString('base64url')}.`;
  return fc.constantFrom(
    () => ({ token: undefined, label: 'no token' }),
    () => ({ token: 'garbage', label: 'garbage token' }),
    () => ({ token: forged('not-the-secret-0123456789abcdef', { roles: ['ADMIN'] }), label: 'token signed with another secret' }),
    () => ({ token: forged(JWT_SECRET, { exp: Math.floor(Date.now() / 1000) - 60 }), label: 'expired token' }),
    () => ({ token: none(), label: 'alg=none token' }),
    () => ({ token: undefined, headers: { authorization: 'Basic YWRtaW46TmFza2FoIzIwMjY=' }, label: 'Basic auth' }),
  ).map((make) => {
    const a = make() as { token?: string; headers?: Record<string, string>; label: string };
    return { method: e.method, url: e.path(), token: a.token, headers: a.headers, body: e.body?.(), label: `${e.name}: ${a.label}` };
  });
}

describe('reliability: 1,000+ generated malformed requests across the write endpoints', () => {
  let env: ReliabilityEnv | undefined;
  let client: ApiClient;
  let ds: DataSource;
  const T: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const P: Record<string, number> = {};
  let before: Map<string, string>;
  const results: { endpoint: string; label: string; status: number; body: unknown }[] = [];
  const logs = () => env;
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

  /** Every table's CHECKSUM (rows and content). */
  async function checksums(): Promise<Map<string, string>> {
    const tables: { t: string }[] = await ds.query("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name");
    const rows: { Table: string; Checksum: string }[] = await ds.query(`CHECKSUM TABLE ${tables.map((r) => `\`${r.t}\``).join(', ')}`);
    return new Map(rows.map((r) => [r.Table.replace(/^.*\./, ''), String(r.Checksum)]));
  }

  beforeAll(async () => {
    env = await ReliabilityEnv.create('malformed-requests');
    const api = await env.api();
    client = api.client;
    const worker = env.worker();
    await env.startAll(api.proc, worker);
    ds = await env.dataSource();
    for (const u of ['kasubbag.umum.5204', 'kasubbag.teknis.5204', 'ketua.5204', 'staf.teknis.5204', 'staf.umum.3201', 'sekretaris.52', 'admin', 'arsiparis.5204', 'arsiparis.ri', 'pencatat.5204']) T[u] = await client.login(u);
    const refresh = await client.request('POST', '/api/auth/login', { body: { username: 'staf.umum.5204', password: 'Naskah#2026' } });
    ids.refreshToken = refresh.body.refreshToken;
    const p5204 = await positionsOf(ds, '5204');
    const p52 = await positionsOf(ds, '52');
    const pRI = await positionsOf(ds, 'RI');
    Object.assign(P, { ketua5204: p5204.KETUA, tph5204: p5204['KASUBBAG-TPH'], kul5204: p5204['KASUBBAG-KUL'], staf5204: p5204['STAF-KUL'], sek52: p52.SEKRETARIS, sekjen: pRI.SEKJEN, office5204: await officeIdOf(ds, '5204'), ketua3201: (await positionsOf(ds, '3201')).KETUA });
    const D = T['kasubbag.umum.5204'];
    const withReviewer = (subject: string) => draftBody(P.ketua5204, [{ kind: 'TO', positionId: P.sek52 }], { subject, reviewerPositionIds: [P.tph5204] });
    // A draft (patch, submit), one in review (review), one approved (sign), one signed (send), a delivery held at KPU Provinsi NTB (read, forward, return).
    const draft = await client.request('POST', '/api/letters', { token: D, body: withReviewer('Konsep untuk diuji') });
    ids.draft = String(draft.body.id);
    const review = await client.request('POST', '/api/letters', { token: D, body: withReviewer('Naskah dalam pemeriksaan') });
    ids.review = String(review.body.id);
    await client.request('POST', `/api/letters/${ids.review}/submit`, { token: D });
    ids.approved = await approvedLetter(client, D, draftBody(P.ketua5204, [{ kind: 'TO', positionId: P.sek52 }], { subject: 'Naskah siap ditandatangani' }));
    ids.signed = (await insertSignedLetterFixture(ds, { office: '5204', subject: 'Naskah siap dikirim', to: [{ office: '52', position: 'SEKRETARIS' }] })).letterId;
    const via = (await insertSignedLetterFixture(ds, { office: '5204', subject: 'Usulan untuk diteruskan', to: [{ office: 'RI', position: 'SEKJEN' }] })).letterId;
    expect((await client.request('POST', `/api/letters/${via}/send`, { token: D })).status).toBe(201);
    await waitFor('the delivery at KPU Provinsi NTB', async () => !!(ids.delivery = (await ds.query('SELECT id FROM deliveries WHERE letter_id = ?', [via]))[0]?.id), { timeoutMs: 30_000 });
    ids.delivery = String(ids.delivery);
    ids.user = String((await ds.query("SELECT id FROM users WHERE username = 'staf.teknis.5204'"))[0].id);
    ids.userStaf = String((await ds.query("SELECT id FROM users WHERE username = 'staf.umum.5204'"))[0].id);
    ids.position = String(P.staf5204);
    const deleg = await client.request('POST', '/api/admin/delegations', { token: T.admin, body: { userId: Number(ids.userStaf), positionId: P.kul5204, kind: 'PLH', startsOn: '2027-01-04', endsOn: '2027-01-08' } });
    expect(deleg.status).toBe(201);
    ids.delegation = String(deleg.body.id);
    // Nothing may run in the background while the tables are compared: the worker goes.
    await worker.stop();
    before = await checksums();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  const versionOf = async (table: string, id: string) => Number((await ds.query(`SELECT version FROM ${table} WHERE id = ?`, [id]))[0].version);

  it('refuses every one of them with a 4xx: no 5xx, no 2xx, no connection dropped', withLogs(logs, async () => {
    console.log(`[reliability] 5. fast-check seed ${seed} (replay: FUZZ_SEED=${seed})`);
    const D = T['kasubbag.umum.5204'];
    const draftVersion = await versionOf('letters', ids.draft);
    const userVersion = await versionOf('users', ids.user);
    const claims = () => ({ sub: 1, un: 'admin', fn: 'Administrator', pos: null, off: null, roles: ['ADMIN'] });
    const letterFields: Field[] = [
      { name: 'typeCode', kind: 'string', required: true, min: 1, max: 10 }, { name: 'subject', kind: 'string', required: true, min: 3, max: 500 },
      { name: 'summary', kind: 'string', required: false, max: 5000 }, { name: 'body', kind: 'string', required: true, min: 1 },
      { name: 'securityClass', kind: 'enum', required: true, values: ['B', 'T', 'R', 'SR'] }, { name: 'urgency', kind: 'enum', required: true, values: ['BIASA', 'SEGERA', 'AMAT_SEGERA'] },
      { name: 'classificationCode', kind: 'string', required: true, min: 2, max: 30 }, { name: 'recipients', kind: 'recipients', required: true },
      { name: 'reviewerPositionIds', kind: 'intArray', required: true, max: 10 }, { name: 'signerPositionId', kind: 'int', required: true },
    ];
    const R = (label: string, method: string, url: string, token: string | undefined, body?: unknown): Req => ({ label, method, url, token, body });
    const createBody = () => draftBody(P.ketua5204, [{ kind: 'TO', positionId: P.sek52 }], { subject: 'Naskah uji', reviewerPositionIds: [P.tph5204] });
    const endpoints: Endpoint[] = [
      {
        name: 'POST /api/letters', runs: 150, method: 'POST', path: () => '/api/letters', token: () => D, body: createBody, fields: letterFields,
        semantic: [
          () => R('create: unknown classification', 'POST', '/api/letters', D, { ...createBody(), classificationCode: 'ZZ.99' }),
          () => R('create: unknown type', 'POST', '/api/letters', D, { ...createBody(), typeCode: 'QQ' }),
          () => R('create: signer is not a signing official', 'POST', '/api/letters', D, { ...createBody(), signerPositionId: P.staf5204 }),
          () => R('create: signer of another office', 'POST', '/api/letters', D, { ...createBody(), signerPositionId: P.ketua3201 }),
          () => R('create: reviewer of another office', 'POST', '/api/letters', D, { ...createBody(), reviewerPositionIds: [P.sek52] }),
          () => R('create: reviewer twice', 'POST', '/api/letters', D, { ...createBody(), reviewerPositionIds: [P.tph5204, P.tph5204] }),
          () => R('create: unknown recipient position', 'POST', '/api/letters', D, { ...createBody(), recipients: [{ kind: 'TO', positionId: 99999999 }] }),
          () => R('create: recipient with office and position', 'POST', '/api/letters', D, { ...createBody(), recipients: [{ kind: 'TO', positionId: P.sek52, officeId: P.office5204 }] }),
          () => R('create: only copies', 'POST', '/api/letters', D, { ...createBody(), recipients: [{ kind: 'CC', positionId: P.sek52 }] }),
          () => R('create: by a user who is not a drafter', 'POST', '/api/letters', T['ketua.5204'], createBody()),
        ],
      },
      {
        name: 'PATCH /api/letters/:id', runs: 120, method: 'PATCH', path: () => `/api/letters/${ids.draft}`, idInPath: true, token: () => D,
        body: () => ({ version: draftVersion, subject: 'Perihal yang diubah' }),
        fields: [{ name: 'version', kind: 'int', required: true }, ...letterFields.map((f) => ({ ...f, required: false }))],
        semantic: [
          () => R('patch: stale version', 'PATCH', `/api/letters/${ids.draft}`, D, { version: draftVersion + 1 + Math.floor(Math.random() * 5), subject: 'Basi' }),
          () => R('patch: by a reviewer', 'PATCH', `/api/letters/${ids.draft}`, T['kasubbag.teknis.5204'], { version: draftVersion, subject: 'Bukan konseptor' }),
          () => R('patch: by an outsider', 'PATCH', `/api/letters/${ids.draft}`, T['staf.umum.3201'], { version: draftVersion, subject: 'Orang luar' }),
          () => R('patch: a letter in review', 'PATCH', `/api/letters/${ids.review}`, D, { version: 2, subject: 'Sedang diperiksa' }),
          () => R('patch: a signed letter', 'PATCH', `/api/letters/${ids.signed}`, D, { version: 1, subject: 'Sudah ditandatangani' }),
          () => R('patch: unknown classification', 'PATCH', `/api/letters/${ids.draft}`, D, { version: draftVersion, classificationCode: 'ZZ.99' }),
        ],
      },
      {
        name: 'POST /api/letters/:id/submit', runs: 60, method: 'POST', path: () => `/api/letters/${ids.draft}/submit`, idInPath: true, token: () => T['kasubbag.teknis.5204'],
        semantic: [
          () => R('submit: by a reviewer', 'POST', `/api/letters/${ids.draft}/submit`, T['kasubbag.teknis.5204']),
          () => R('submit: by an outsider', 'POST', `/api/letters/${ids.draft}/submit`, T['staf.umum.3201']),
          () => R('submit: already in review', 'POST', `/api/letters/${ids.review}/submit`, D),
          () => R('submit: already signed', 'POST', `/api/letters/${ids.signed}/submit`, D),
          () => R('submit: approved', 'POST', `/api/letters/${ids.approved}/submit`, D),
        ],
      },
      {
        name: 'POST /api/letters/:id/review', runs: 80, method: 'POST', path: () => `/api/letters/${ids.review}/review`, idInPath: true, token: () => T['kasubbag.teknis.5204'],
        body: () => ({ decision: 'APPROVE' }),
        fields: [{ name: 'decision', kind: 'enum', required: true, values: ['APPROVE', 'RETURN'] }, { name: 'note', kind: 'string', required: false, max: 5000 }],
        semantic: [
          () => R('review: return without a note', 'POST', `/api/letters/${ids.review}/review`, T['kasubbag.teknis.5204'], { decision: 'RETURN' }),
          () => R('review: return with a blank note', 'POST', `/api/letters/${ids.review}/review`, T['kasubbag.teknis.5204'], { decision: 'RETURN', note: '   ' }),
          () => R('review: by the drafter', 'POST', `/api/letters/${ids.review}/review`, D, { decision: 'APPROVE' }),
          () => R('review: by the signer', 'POST', `/api/letters/${ids.review}/review`, T['ketua.5204'], { decision: 'APPROVE' }),
          () => R('review: by an outsider', 'POST', `/api/letters/${ids.review}/review`, T['staf.umum.3201'], { decision: 'APPROVE' }),
          () => R('review: a draft', 'POST', `/api/letters/${ids.draft}/review`, T['kasubbag.teknis.5204'], { decision: 'APPROVE' }),
        ],
      },
      {
        name: 'POST /api/letters/:id/sign', runs: 70, method: 'POST', path: () => `/api/letters/${ids.approved}/sign`, idInPath: true, token: () => T['ketua.5204'],
        body: () => ({ password: 'Naskah#2026' }), fields: [{ name: 'password', kind: 'string', required: true, min: 1, max: 200 }],
        semantic: [
          () => R('sign: wrong password', 'POST', `/api/letters/${ids.approved}/sign`, T['ketua.5204'], { password: `Naskah#${Math.floor(Math.random() * 1e6)}` }),
          () => R('sign: by the drafter', 'POST', `/api/letters/${ids.approved}/sign`, D, { password: 'Naskah#2026' }),
          () => R('sign: by an outsider', 'POST', `/api/letters/${ids.approved}/sign`, T['staf.umum.3201'], { password: 'Naskah#2026' }),
          () => R('sign: a draft', 'POST', `/api/letters/${ids.draft}/sign`, T['ketua.5204'], { password: 'Naskah#2026' }),
          () => R('sign: signed already', 'POST', `/api/letters/${ids.signed}/sign`, T['ketua.5204'], { password: 'Naskah#2026' }),
        ],
      },
      {
        name: 'POST /api/letters/:id/send', runs: 60, method: 'POST', path: () => `/api/letters/${ids.signed}/send`, idInPath: true, token: () => T['staf.teknis.5204'],
        semantic: [
          () => R('send: by a colleague who is not drafter, signer or registrar', 'POST', `/api/letters/${ids.signed}/send`, T['staf.teknis.5204']),
          () => R('send: by an outsider', 'POST', `/api/letters/${ids.signed}/send`, T['staf.umum.3201']),
          () => R('send: a draft', 'POST', `/api/letters/${ids.draft}/send`, D),
          () => R('send: an approved letter', 'POST', `/api/letters/${ids.approved}/send`, D),
          () => R('send: a letter in review', 'POST', `/api/letters/${ids.review}/send`, D),
        ],
      },
      {
        name: 'POST /api/deliveries/:id/read', runs: 40, method: 'POST', path: () => `/api/deliveries/${ids.delivery}/read`, idInPath: true, token: () => D,
        semantic: [
          () => R('read: by the sender', 'POST', `/api/deliveries/${ids.delivery}/read`, D),
          () => R('read: by an outsider', 'POST', `/api/deliveries/${ids.delivery}/read`, T['staf.umum.3201']),
          () => R('read: by the admin', 'POST', `/api/deliveries/${ids.delivery}/read`, T.admin),
        ],
      },
      {
        name: 'POST /api/deliveries/:id/forward', runs: 100, method: 'POST', path: () => `/api/deliveries/${ids.delivery}/forward`, idInPath: true, token: () => T['sekretaris.52'],
        body: () => ({ to: [{ positionId: P.sekjen }], note: 'Mohon arahan' }),
        fields: [{ name: 'to', kind: 'targets', required: false }, { name: 'note', kind: 'string', required: false, max: 2000 }, { name: 'coverLetterId', kind: 'digits', required: false }],
        semantic: [
          () => R('forward: to itself', 'POST', `/api/deliveries/${ids.delivery}/forward`, T['sekretaris.52'], { to: [{ positionId: P.sek52 }] }),
          () => R('forward: to an unknown position', 'POST', `/api/deliveries/${ids.delivery}/forward`, T['sekretaris.52'], { to: [{ positionId: 99999999 }] }),
          () => R('forward: to an unknown office', 'POST', `/api/deliveries/${ids.delivery}/forward`, T['sekretaris.52'], { to: [{ officeId: 99999999 }] }),
          () => R('forward: a target without position or office', 'POST', `/api/deliveries/${ids.delivery}/forward`, T['sekretaris.52'], { to: [{ kind: 'TO' }] }),
          () => R('forward: a draft as cover letter', 'POST', `/api/deliveries/${ids.delivery}/forward`, T['sekretaris.52'], { coverLetterId: ids.draft }),
          () => R('forward: by the sender', 'POST', `/api/deliveries/${ids.delivery}/forward`, D, { to: [{ positionId: P.sekjen }] }),
          () => R('forward: by an outsider', 'POST', `/api/deliveries/${ids.delivery}/forward`, T['staf.umum.3201'], {}),
        ],
      },
      {
        name: 'POST /api/deliveries/:id/return', runs: 60, method: 'POST', path: () => `/api/deliveries/${ids.delivery}/return`, idInPath: true, token: () => T['sekretaris.52'],
        body: () => ({ reason: 'Lengkapi lampiran usulan' }), fields: [{ name: 'reason', kind: 'string', required: true, min: 3, max: 2000 }],
        semantic: [
          () => R('return: by the sender', 'POST', `/api/deliveries/${ids.delivery}/return`, D, { reason: 'Bukan penerima' }),
          () => R('return: by an outsider', 'POST', `/api/deliveries/${ids.delivery}/return`, T['staf.umum.3201'], { reason: 'Orang luar' }),
          () => R('return: blank reason', 'POST', `/api/deliveries/${ids.delivery}/return`, T['sekretaris.52'], { reason: '  ' }),
        ],
      },
      {
        name: 'POST /api/admin/users', runs: 80, method: 'POST', path: () => '/api/admin/users', token: () => T.admin,
        body: () => ({ username: 'pengguna.uji', fullName: 'Pengguna Uji', password: 'KataSandiPanjang#1', positionId: P.staf5204, grants: ['REGISTRAR'], nip: '198001012006041001', email: 'uji@kpu.go.id' }),
        fields: [
          { name: 'username', kind: 'string', required: true, min: 3, max: 60 }, { name: 'fullName', kind: 'string', required: true, min: 2, max: 200 },
          { name: 'password', kind: 'string', required: true, min: 10, max: 200 }, { name: 'nip', kind: 'digits', required: false }, { name: 'email', kind: 'string', required: false },
          { name: 'positionId', kind: 'int', required: false }, { name: 'grants', kind: 'intArray', required: false, max: 7 },
        ],
        semantic: [
          () => R('users: existing user name', 'POST', '/api/admin/users', T.admin, { username: 'admin', fullName: 'Kembar', password: 'KataSandiPanjang#1' }),
          () => R('users: unknown position', 'POST', '/api/admin/users', T.admin, { username: 'tanpa.jabatan', fullName: 'Tanpa', password: 'KataSandiPanjang#1', positionId: 99999999 }),
          () => R('users: user name with capitals', 'POST', '/api/admin/users', T.admin, { username: 'Pengguna.Besar', fullName: 'Besar', password: 'KataSandiPanjang#1' }),
          () => R('users: unknown role', 'POST', '/api/admin/users', T.admin, { username: 'peran.aneh', fullName: 'Aneh', password: 'KataSandiPanjang#1', grants: ['ROOT'] }),
          () => R('users: by a non-admin', 'POST', '/api/admin/users', D, { username: 'bukan.admin', fullName: 'Bukan', password: 'KataSandiPanjang#1' }),
        ],
      },
      {
        name: 'PATCH /api/admin/users/:id', runs: 60, method: 'PATCH', path: () => `/api/admin/users/${ids.user}`, idInPath: true, token: () => T.admin,
        body: () => ({ version: userVersion, fullName: 'Nama Baru Staf' }),
        fields: [
          { name: 'version', kind: 'int', required: true }, { name: 'fullName', kind: 'string', required: false, min: 2, max: 200 }, { name: 'nip', kind: 'digits', required: false },
          { name: 'positionId', kind: 'int', required: false }, { name: 'isActive', kind: 'bool', required: false }, { name: 'password', kind: 'string', required: false, min: 10, max: 200 },
        ],
        semantic: [
          () => R('users: stale version', 'PATCH', `/api/admin/users/${ids.user}`, T.admin, { version: userVersion + 1, fullName: 'Basi' }),
          () => R('users: unknown user', 'PATCH', '/api/admin/users/99999999', T.admin, { version: 1, fullName: 'Tidak ada' }),
          () => R('users: unknown position', 'PATCH', `/api/admin/users/${ids.user}`, T.admin, { version: userVersion, positionId: 99999999 }),
          () => R('users: by a non-admin', 'PATCH', `/api/admin/users/${ids.user}`, D, { version: userVersion, fullName: 'Bukan admin' }),
        ],
      },
      {
        name: 'POST /api/admin/positions', runs: 60, method: 'POST', path: () => '/api/admin/positions', token: () => T.admin,
        body: () => ({ officeId: P.office5204, parentId: P.kul5204, code: 'STAF-UJI', title: 'Staf Uji', kind: 'STAF' }),
        fields: [
          { name: 'officeId', kind: 'int', required: true }, { name: 'unitId', kind: 'int', required: false }, { name: 'parentId', kind: 'int', required: true },
          { name: 'code', kind: 'string', required: true, min: 2, max: 60 }, { name: 'title', kind: 'string', required: true, min: 2, max: 200 },
          { name: 'kind', kind: 'enum', required: true, values: ['KETUA', 'ANGGOTA', 'SEKRETARIS_JENDERAL', 'SEKRETARIS', 'KEPALA_BIRO', 'KABAG', 'KASUBBAG', 'ARSIPARIS', 'PENCATAT', 'STAF'] },
        ],
        semantic: [
          () => R('positions: parent in another office', 'POST', '/api/admin/positions', T.admin, { officeId: P.office5204, parentId: P.sek52, code: 'STAF-LAIN', title: 'Staf', kind: 'STAF' }),
          () => R('positions: unknown parent', 'POST', '/api/admin/positions', T.admin, { officeId: P.office5204, parentId: 99999999, code: 'STAF-YATIM', title: 'Staf', kind: 'STAF' }),
          () => R('positions: existing code', 'POST', '/api/admin/positions', T.admin, { officeId: P.office5204, parentId: P.kul5204, code: 'KETUA', title: 'Ketua kedua', kind: 'KETUA' }),
          () => R('positions: lower-case code', 'POST', '/api/admin/positions', T.admin, { officeId: P.office5204, parentId: P.kul5204, code: 'staf-kecil', title: 'Staf', kind: 'STAF' }),
          () => R('positions: by a non-admin', 'POST', '/api/admin/positions', D, { officeId: P.office5204, parentId: P.kul5204, code: 'STAF-X', title: 'Staf', kind: 'STAF' }),
        ],
      },
      {
        name: 'PATCH /api/admin/positions/:id', runs: 40, method: 'PATCH', path: () => `/api/admin/positions/${ids.position}`, idInPath: true, token: () => T.admin,
        body: () => ({ title: 'Staf Keuangan (diubah)' }), fields: [{ name: 'title', kind: 'string', required: false, min: 2, max: 200 }, { name: 'isActive', kind: 'bool', required: false }],
        semantic: [
          () => R('positions: unknown position', 'PATCH', '/api/admin/positions/99999999', T.admin, { title: 'Tidak ada' }),
          () => R('positions: by a non-admin', 'PATCH', `/api/admin/positions/${ids.position}`, D, { title: 'Bukan admin' }),
        ],
      },
      {
        name: 'POST /api/admin/delegations', runs: 60, method: 'POST', path: () => '/api/admin/delegations', token: () => T.admin,
        body: () => ({ userId: Number(ids.user), positionId: P.kul5204, kind: 'PLT', startsOn: '2027-02-01', endsOn: '2027-02-14', reason: 'Cuti' }),
        fields: [
          { name: 'userId', kind: 'int', required: true }, { name: 'positionId', kind: 'int', required: true }, { name: 'kind', kind: 'enum', required: true, values: ['PLT', 'PLH'] },
          { name: 'startsOn', kind: 'date', required: true }, { name: 'endsOn', kind: 'date', required: true }, { name: 'reason', kind: 'string', required: false, max: 500 },
        ],
        semantic: [
          () => R('delegations: ends before it starts', 'POST', '/api/admin/delegations', T.admin, { userId: Number(ids.user), positionId: P.kul5204, kind: 'PLT', startsOn: '2027-02-14', endsOn: '2027-02-01' }),
          () => R('delegations: unknown user', 'POST', '/api/admin/delegations', T.admin, { userId: 99999999, positionId: P.kul5204, kind: 'PLT', startsOn: '2027-02-01', endsOn: '2027-02-14' }),
          () => R('delegations: unknown position', 'POST', '/api/admin/delegations', T.admin, { userId: Number(ids.user), positionId: 99999999, kind: 'PLT', startsOn: '2027-02-01', endsOn: '2027-02-14' }),
          () => R('delegations: by a non-admin', 'POST', '/api/admin/delegations', D, { userId: Number(ids.user), positionId: P.kul5204, kind: 'PLT', startsOn: '2027-02-01', endsOn: '2027-02-14' }),
        ],
      },
      {
        name: 'DELETE /api/admin/delegations/:id', runs: 30, method: 'DELETE', path: () => `/api/admin/delegations/${ids.delegation}`, idInPath: true, token: () => D,
        semantic: [
          () => R('delegations: revoke by a non-admin', 'DELETE', `/api/admin/delegations/${ids.delegation}`, D),
          () => R('delegations: revoke an unknown one', 'DELETE', '/api/admin/delegations/99999999', T.admin),
        ],
      },
      {
        name: 'POST /api/auth/login', runs: 80, method: 'POST', path: () => '/api/auth/login', token: () => undefined,
        body: () => ({ username: 'kasubbag.umum.5204', password: 'Naskah#2026' }), fields: [{ name: 'username', kind: 'string', required: true, min: 1, max: 60 }, { name: 'password', kind: 'string', required: true, min: 1, max: 200 }],
        semantic: [
          () => R('login: wrong password', 'POST', '/api/auth/login', undefined, { username: 'kasubbag.umum.5204', password: `salah-${Math.random()}` }),
          () => R('login: unknown user', 'POST', '/api/auth/login', undefined, { username: `tidak.ada.${Math.floor(Math.random() * 1e6)}`, password: 'Naskah#2026' }),
          () => R('login: user name in capitals', 'POST', '/api/auth/login', undefined, { username: "ADMIN' OR '1'='1", password: 'Naskah#2026' }),
        ],
      },
      {
        name: 'POST /api/auth/refresh', runs: 50, method: 'POST', path: () => '/api/auth/refresh', token: () => undefined,
        body: () => ({ refreshToken: `${ids.refreshToken.slice(0, -4)}AAAA` }), fields: [{ name: 'refreshToken', kind: 'string', required: true, max: 200 }],
        semantic: [
          () => R('refresh: random token', 'POST', '/api/auth/refresh', undefined, { refreshToken: Math.random().toString(36).repeat(3) }),
          () => R('refresh: an access token', 'POST', '/api/auth/refresh', undefined, { refreshToken: D.slice(0, 200) }),
        ],
      },
    ];

    for (const e of endpoints) {
      const arbs: { weight: number; arbitrary: fc.Arbitrary<Req> }[] = [];
      if (e.fields) arbs.push({ weight: 6, arbitrary: bodyDefect(e) }, { weight: 2, arbitrary: rawDefect(e) });
      if (e.semantic) arbs.push({ weight: e.fields ? 3 : 6, arbitrary: fc.constantFrom(...e.semantic).map((make) => make()) });
      if (e.idInPath) arbs.push({ weight: 1, arbitrary: pathDefect(e) });
      if (e.token()) arbs.push({ weight: 1, arbitrary: authDefect(e, claims) });
      // Every content type and every rule-breaking request once, so that each is tried on every run; then the generated ones.
      const fixed: Req[] = [
        ...(e.fields ? CONTENT_TYPES.map((ct) => ({ method: e.method, url: e.path(), token: e.token(), raw: ct.startsWith('application/x-www') ? 'a=1&b=2' : JSON.stringify(e.body!()), headers: { 'content-type': ct }, label: `${e.name}: content-type ${ct}` })) : []),
        ...(e.semantic ?? []).map((make) => make()),
      ];
      for (const req of [...fixed, ...fc.sample(fc.oneof(...arbs), { numRuns: e.runs, seed: seed + e.runs + e.name.length })]) {
        const res: HttpResult = await client.request(req.method, req.url, { token: req.token, body: req.raw === undefined ? req.body : undefined, rawBody: req.raw, headers: req.headers });
        results.push({ endpoint: e.name, label: req.label, status: res.status, body: res.body });
      }
    }
    // Each failing request, as label → answer (replay with FUZZ_SEED=<seed>).
    const bad = results.filter((r) => r.status < 400 || r.status >= 500).map((r) => `${r.label} → ${r.status || 'no answer'} ${JSON.stringify(r.body)?.slice(0, 160)}`);
    expect(bad).toEqual([]);
  }), 240_000);

  /**
   * Issue 11: every write endpoint of the OpenAPI document (not only those listed above) gets
   * bodies built from its schema with one hostile value — impossible dates, out-of-range and
   * non-canonical ids, lone surrogates, control characters, invisible-only text, missing or
   * malformed nested objects — at the top level and one level down. Each must be refused with a
   * 4xx; the table comparison below holds them to "changes nothing" as well.
   */
  it('refuses generated hostile values on every write endpoint of the OpenAPI document with a 4xx', withLogs(logs, async () => {
    type Schema = { $ref?: string; type?: string; enum?: unknown[]; items?: Schema; properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[] };
    type Op = { requestBody?: { content?: Record<string, { schema?: Schema }> } };
    const doc = (await client.request('GET', '/api/docs-json')).body as { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } };
    const resolve = (sc: Schema): Schema => (sc.$ref ? doc.components.schemas[sc.$ref.split('/').pop()!] : sc.allOf?.length === 1 ? resolve(sc.allOf[0]) : sc);
    const DATE_NAME = /(Date|date|On|From|^from|^to|deadline|period(Start|End))$/;
    const ID_NAME = /Ids?$/;
    const isObject = (sc: Schema) => !!resolve(sc).properties;
    const sample = (sc: Schema, name: string): unknown => {
      const r = resolve(sc);
      if (r.enum) return r.enum[0];
      if (r.properties) return Object.fromEntries(Object.entries(r.properties).filter(([k]) => (r.required ?? []).includes(k)).map(([k, v]) => [k, sample(v, k)]));
      if (r.type === 'array') return [sample(r.items ?? {}, name)];
      if (r.type === 'number' || r.type === 'integer') return 1;
      if (r.type === 'boolean') return true;
      return DATE_NAME.test(name) ? '2027-01-04' : ID_NAME.test(name) ? '1' : 'Teks uji';
    };
    const MISSING = Symbol('missing');
    const TEXT = ['a\ud800b', '\udfff', 'x\u0000y', 'x\u001b[2Jy', 'x\u007fy', 'x\u0085y', '\u200b\u200b\u200b', '\u3000\u3000\u3000', '\ufeff\u2060\u200d', '\u202e\u2066\u200f'];
    /** Hostile values for one property (its name says whether it is a date or an id). */
    const hostile = (name: string, sc: Schema, required: boolean): unknown[] => {
      const r = resolve(sc);
      if (r.properties) return [...(required ? [MISSING, null] : []), [], 'x', 7];
      if (r.type === 'array') {
        const item = resolve(r.items ?? {});
        if (item.properties) return [[null], ['x'], [[]]];
        return ID_NAME.test(name) ? [[4294967296], [0], [-1], ['0123'], ['18446744073709551616'], ['1e3']] : [['\ud800'], ['x\u0000y'], ['\u200b\u200b']];
      }
      if (r.type === 'number' || r.type === 'integer') return ID_NAME.test(name) ? [4294967296, 2 ** 63, 2 ** 64, -1, 0, 1.5] : [];
      if (r.enum) return ['\ud800', `${String(r.enum[0])}\u0000`];
      if (DATE_NAME.test(name)) return ['2026-02-31', '2026-04-31', '2026-13-01', '1899-12-31', '2101-01-01', '2026-02-29', '\ud800'];
      if (ID_NAME.test(name)) return ['0123', '00', '1e3', '0x10', '-1', '+1', '18446744073709551616', '9223372036854775808', '\ud800'];
      return TEXT;
    };
    /** Every body with one hostile value: at the top level, and inside nested objects (and the first element of arrays of objects). */
    const variants = (sc: Schema): { label: string; body: Record<string, unknown> }[] => {
      const r = resolve(sc);
      const base = sample(r, '') as Record<string, unknown>;
      const out: { label: string; body: Record<string, unknown> }[] = [];
      const put = (obj: Record<string, unknown>, key: string, v: unknown) => {
        const copy = { ...obj };
        if (v === MISSING) delete copy[key];
        else copy[key] = v;
        return copy;
      };
      for (const [k, p] of Object.entries(r.properties ?? {})) {
        for (const v of hostile(k, p, (r.required ?? []).includes(k))) out.push({ label: `${k} = ${v === MISSING ? '(missing)' : JSON.stringify(v)}`, body: put(base, k, v) });
        const pr = resolve(p);
        const inner = pr.properties ? pr : pr.type === 'array' && pr.items && isObject(pr.items) ? resolve(pr.items) : undefined;
        if (!inner) continue;
        const innerBase = sample(inner, k) as Record<string, unknown>;
        for (const [ik, ip] of Object.entries(inner.properties ?? {})) {
          for (const v of hostile(ik, ip, (inner.required ?? []).includes(ik))) {
            const nested = put(innerBase, ik, v);
            out.push({ label: `${k}.${ik} = ${v === MISSING ? '(missing)' : JSON.stringify(v)}`, body: { ...base, [k]: pr.properties ? nested : [nested] } });
          }
        }
      }
      return out;
    };
    const REAL: Record<string, string> = { letters: ids.draft, deliveries: ids.delivery, users: ids.user, positions: ids.position, delegations: ids.delegation };
    const urlOf = (path: string) => path.split('/').map((seg, i, all) => (/^\{\w+\}$/.test(seg) ? REAL[all[i - 1]] ?? '1' : seg)).join('/');
    const users = ['kasubbag.umum.5204', 'sekretaris.52', 'ketua.5204', 'staf.teknis.5204', 'arsiparis.5204', 'arsiparis.ri', 'pencatat.5204', 'admin'];
    let endpoints = 0;
    let requests = 0;
    const bad: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (!['post', 'put', 'patch', 'delete'].includes(method) || !schema) continue;
        const url = urlOf(path);
        const M = method.toUpperCase();
        // the first user the route's role guard lets through: an unknown field is then refused with 400 by validation
        let token: string | undefined;
        for (const u of [undefined, ...users]) {
          const probe = await client.request(M, url, { token: u && T[u], body: { zzProbe: 1 } });
          results.push({ endpoint: `openapi ${M} ${path}`, label: `${M} ${path}: probe as ${u ?? 'anonymous'}`, status: probe.status, body: probe.body });
          if (probe.status >= 500 || probe.status === 0) bad.push(`${M} ${path} probe as ${u ?? 'anonymous'} → ${probe.status} ${JSON.stringify(probe.body)?.slice(0, 160)}`);
          if (probe.status !== 401 && probe.status !== 403) {
            token = u && T[u];
            break;
          }
        }
        endpoints++;
        for (const v of variants(schema)) {
          const res = await client.request(M, url, { token, body: v.body });
          requests++;
          results.push({ endpoint: `openapi ${M} ${path}`, label: `${M} ${path}: ${v.label}`, status: res.status, body: res.body });
          if (res.status < 400 || res.status >= 500) bad.push(`${M} ${path}: ${v.label.slice(0, 80)} → ${res.status || 'no answer'} ${JSON.stringify(res.body)?.slice(0, 160)}`);
        }
      }
    }
    console.log(`[reliability] 5b. OpenAPI sweep: ${endpoints} write endpoints, ${requests} hostile bodies`);
    expect(endpoints).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  }), 240_000);

  it('changed no row in any table', withLogs(logs, async () => {
    const after = await checksums();
    const changed = [...before.keys()].filter((t) => before.get(t) !== after.get(t));
    const statuses = (rs: typeof results) => [...rs.reduce((m, r) => m.set(r.status, (m.get(r.status) ?? 0) + 1), new Map<number, number>())].sort(([a], [b]) => a - b).map(([s, n]) => `${s || 'no answer'}×${n}`).join(' ');
    printFigures('5. generated malformed requests', {
      'faults injected': `${results.length} malformed requests`,
      'requests tried': results.length,
      'items checked': `${before.size} tables (CHECKSUM TABLE before and after)`,
      'items lost': `${changed.length} tables changed${changed.length ? `: ${changed.join(', ')}` : ''}`,
      'fast-check seed': seed,
      'endpoints': new Set(results.map((r) => r.endpoint)).size,
      'answers': statuses(results),
      'answers 5xx': results.filter((r) => r.status >= 500).length,
      'answers 2xx (a malformed request accepted)': results.filter((r) => r.status < 300 && r.status > 0).length,
      ...Object.fromEntries([...new Set(results.map((r) => r.endpoint))].map((ep) => [`  ${ep}`, statuses(results.filter((r) => r.endpoint === ep))])),
    });
    expect(results.length).toBeGreaterThanOrEqual(1000);
    expect(changed).toEqual([]);
  }), 60_000);

  // After the table comparison: when these slip through, they change rows.
  it('refuses unknown fields named after Object.prototype members (constructor, toString, …) like any other unknown field', withLogs(logs, async () => {
    const D = T['kasubbag.umum.5204'];
    const probes: Req[] = [
      { label: 'login', method: 'POST', url: '/api/auth/login', body: { username: 'kasubbag.teknis.5204', password: 'Naskah#2026' } },
      { label: 'create letter', method: 'POST', url: '/api/letters', token: D, body: draftBody(P.ketua5204, [{ kind: 'TO', positionId: P.sek52 }], { subject: 'Kunci terlarang' }) },
      { label: 'create position', method: 'POST', url: '/api/admin/positions', token: T.admin, body: { officeId: P.office5204, parentId: P.kul5204, code: 'STAF-KUNCI', title: 'Staf', kind: 'STAF' } },
    ];
    const accepted: string[] = [];
    for (const p of probes) {
      for (const key of PROTOTYPE_KEYS) {
        const res = await client.request(p.method, p.url, { token: p.token, body: { ...(p.body as object), [key]: { polluted: true } } });
        results.push({ endpoint: 'unknown-key probes', label: `${p.label} + ${key}`, status: res.status, body: res.body });
        if (res.status < 400) accepted.push(`${p.label} with an unknown field "${key}" → ${res.status}`);
      }
    }
    expect(accepted).toEqual([]);
  }));

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] 5. audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
  }));
});
