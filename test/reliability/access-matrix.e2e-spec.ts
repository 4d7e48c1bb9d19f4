import type { DataSource } from 'typeorm';
import { maySee, type AccessViewer, type InvolvedPosition, type SecurityClass } from '@naskah/correspondence';
import { rolesOf, type Role } from '@naskah/identity';
import type { PositionKind } from '@naskah/organisation';
import { ApiClient, printFigures, ReliabilityEnv, verifyAuditChain, waitFor, withLogs } from '../../libs/testing/src/processes';
import { draftBody, officeIdOf, positionsOf } from './flows';

/**
 * Reliability 6: the access matrix. Every demo user (every role: drafter, reviewer, signer, leader,
 * registrar, archivist, admin, and two users acting by delegation) × every read endpoint (letter,
 * PDF, history, attachment, revisions, revision comparison, inbox, delivery, delivery route) ×
 * every security class (B, T, R, SR), for a sent letter (routed through KPU Provinsi NTB and
 * forwarded) and a draft. The expected answer is computed from the rule in
 * libs/correspondence/src/access/access-policy.ts (maySee) with the positions the rule names as
 * involved, worked out here from the scenario — not read back from letter_access.
 */
const CLASSES: SecurityClass[] = ['B', 'T', 'R', 'SR'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

interface Letter { id: string; cls: SecurityClass; sent: boolean; fileId: string; involved: number[]; deliveries: { id: string; positionId: number }[] }
interface Viewer { username: string; roles: string; view: AccessViewer }

describe('reliability: access matrix — every role × every read endpoint × every security class', () => {
  let env: ReliabilityEnv | undefined;
  let client: ApiClient;
  let ds: DataSource;
  const letters: Letter[] = [];
  const viewers: Viewer[] = [];
  const paths = new Map<number, { officeId: number; path: string }>();
  const logs = () => env;

  beforeAll(async () => {
    env = await ReliabilityEnv.create('access-matrix');
    const api = await env.api();
    client = api.client;
    await env.startAll(api.proc, env.worker());
    ds = await env.dataSource();
  }, 240_000);

  afterAll(() => env?.shutdown(), 120_000);

  const upload = async (token: string, letterId: string): Promise<string> => {
    const boundary = 'naskahreliability';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lampiran.png"\r\nContent-Type: image/png\r\n\r\n`), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const res = await client.request('POST', `/api/letters/${letterId}/attachments`, { token, rawBody: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return String(res.body.id);
  };
  const ok = (what: string, res: { status: number; body: any }, status = 201) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('edits a draft with a partial body (PATCH of the summary only), as the API process runs it', withLogs(logs, async () => {
    const drafter = await client.login('kasubbag.umum.5204');
    const p5204 = await positionsOf(ds, '5204');
    const created = ok('create', await client.request('POST', '/api/letters', { token: drafter, body: draftBody(p5204.KETUA, [{ kind: 'TO', positionId: p5204.SEKRETARIS }], { subject: 'Konsep yang diubah sebagian' }) }));
    const res = await client.request('PATCH', `/api/letters/${created.id}`, { token: drafter, body: { version: created.version, summary: 'Ringkasan baru' } });
    expect({ status: res.status, body: res.status === 200 ? { summary: res.body.summary, typeCode: res.body.typeCode, revision: res.body.revision } : res.body })
      .toEqual({ status: 200, body: { summary: 'Ringkasan baru', typeCode: 'ND', revision: 2 } });
  }));

  it('builds the scenario: per class a letter sent through KPU Provinsi NTB and forwarded to the Sekjen, and a draft; two delegations', withLogs(logs, async () => {
    const T: Record<string, string> = {};
    for (const u of ['kasubbag.umum.5204', 'kasubbag.teknis.5204', 'ketua.5204', 'sekretaris.52', 'admin']) T[u] = await client.login(u);
    const p5204 = await positionsOf(ds, '5204');
    const p52 = await positionsOf(ds, '52');
    const pRI = await positionsOf(ds, 'RI');
    const p5271 = await positionsOf(ds, '5271');
    const o5271 = await officeIdOf(ds, '5271');
    const head5271 = Number((await ds.query('SELECT id FROM positions WHERE office_id = ? AND parent_id IS NULL ORDER BY id LIMIT 1', [o5271]))[0].id);
    expect(head5271).toBe(p5271.KETUA);
    const parties = [p5204['KASUBBAG-KUL'], p5204['KASUBBAG-TPH'], p5204.KETUA];

    // Two users act by delegation today: anggota.52 as Plh. Sekretaris KPU Provinsi NTB, staf.umum.5204 as Plt. Kasubbag Teknis (the reviewer).
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const inAWeek = new Date(Date.now() + 7 * 3600_000 + 7 * 86400_000).toISOString().slice(0, 10);
    const userId = async (u: string) => Number((await ds.query('SELECT id FROM users WHERE username = ?', [u]))[0].id);
    ok('delegation', await client.request('POST', '/api/admin/delegations', { token: T.admin, body: { userId: await userId('anggota.52'), positionId: p52.SEKRETARIS, kind: 'PLH', startsOn: today, endsOn: inAWeek } }));
    ok('delegation', await client.request('POST', '/api/admin/delegations', { token: T.admin, body: { userId: await userId('staf.umum.5204'), positionId: p5204['KASUBBAG-TPH'], kind: 'PLT', startsOn: today, endsOn: inAWeek } }));

    for (const cls of CLASSES) {
      for (const sent of [true, false]) {
        const recipients = sent ? [{ kind: 'TO' as const, positionId: pRI.SEKJEN }, { kind: 'TO' as const, officeId: o5271 }, { kind: 'CC' as const, externalName: 'Bawaslu Kabupaten Sumbawa' }] : [{ kind: 'TO' as const, positionId: p52.SEKRETARIS }];
        const created = ok('create', await client.request('POST', '/api/letters', {
          token: T['kasubbag.umum.5204'],
          body: draftBody(p5204.KETUA, recipients, { securityClass: cls, subject: `Matriks akses ${cls} ${sent ? 'terkirim' : 'konsep'}`, reviewerPositionIds: [p5204['KASUBBAG-TPH']] }),
        }));
        const id = String(created.id);
        const fileId = await upload(T['kasubbag.umum.5204'], id);
        // a second revision, so revisions and their comparison have something to show
        // the whole draft again (a partial PATCH fails in the real process: see the test above), with a new summary
        const [{ version }] = await ds.query('SELECT version FROM letters WHERE id = ?', [id]);
        const { recipients: _r, ...fields } = draftBody(p5204.KETUA, [], { securityClass: cls, subject: `Matriks akses ${cls} ${sent ? 'terkirim' : 'konsep'}`, reviewerPositionIds: [p5204['KASUBBAG-TPH']] });
        ok('revise', await client.request('PATCH', `/api/letters/${id}`, { token: T['kasubbag.umum.5204'], body: { ...fields, recipients, version: Number(version), summary: `Ringkasan ${cls}` } }), 200);
        const letter: Letter = { id, cls, sent, fileId, involved: parties, deliveries: [] };
        if (sent) {
          ok('submit', await client.request('POST', `/api/letters/${id}/submit`, { token: T['kasubbag.umum.5204'] }));
          ok('review', await client.request('POST', `/api/letters/${id}/review`, { token: T['kasubbag.teknis.5204'], body: { decision: 'APPROVE' } }));
          ok('sign', await client.request('POST', `/api/letters/${id}/sign`, { token: T['ketua.5204'], body: { password: 'Naskah#2026' } }));
          ok('send', await client.request('POST', `/api/letters/${id}/send`, { token: T['kasubbag.umum.5204'] }));
          const held = await waitFor('the letter at KPU Provinsi NTB', async () => (await ds.query('SELECT id FROM deliveries WHERE letter_id = ? AND position_id = ?', [id, p52.SEKRETARIS])).length === 1, { timeoutMs: 30_000 }).then(
            async () => String((await ds.query('SELECT id FROM deliveries WHERE letter_id = ? AND position_id = ?', [id, p52.SEKRETARIS]))[0].id));
          ok('forward', await client.request('POST', `/api/deliveries/${held}/forward`, { token: T['sekretaris.52'], body: { note: 'Diteruskan' } }));
          await waitFor('the forwarded letter at the Sekjen', async () => (await ds.query('SELECT id FROM deliveries WHERE letter_id = ? AND position_id = ?', [id, pRI.SEKJEN])).length === 1, { timeoutMs: 30_000 });
          // involved by the rule: drafter, reviewer, signer, the addressees (Sekjen, the head of Kota Mataram), who received it on its way and forwarded it (Sekretaris NTB)
          letter.involved = [...parties, pRI.SEKJEN, head5271, p52.SEKRETARIS];
          letter.deliveries = (await ds.query('SELECT id, position_id FROM deliveries WHERE letter_id = ? ORDER BY id', [id])).map((d: { id: string; position_id: number }) => ({ id: String(d.id), positionId: Number(d.position_id) }));
          expect(letter.deliveries.map((d) => d.positionId).sort()).toEqual([p52.SEKRETARIS, head5271, pRI.SEKJEN].sort());
        }
        letters.push(letter);
      }
    }
    await waitFor('every sent letter rendered (PDF)', async () => Number((await ds.query("SELECT COUNT(*) AS n FROM letters WHERE status = 'SENT' AND document_file_id IS NULL"))[0].n) === 0, { timeoutMs: 30_000 });

    for (const p of await ds.query('SELECT id, office_id, path FROM positions')) paths.set(Number(p.id), { officeId: Number(p.office_id), path: String(p.path) });
    const delegated = new Map<string, number>([['anggota.52', p52.SEKRETARIS], ['staf.umum.5204', p5204['KASUBBAG-TPH']]]);
    const users: { username: string; position_id: number; office_id: number; kind: PositionKind; grants: string | null }[] = await ds.query(
      "SELECT u.username, u.position_id, p.office_id, p.kind, GROUP_CONCAT(g.role) AS grants FROM users u JOIN positions p ON p.id = u.position_id LEFT JOIN user_grants g ON g.user_id = u.id WHERE u.is_active = 1 GROUP BY u.id ORDER BY u.username",
    );
    for (const u of users) {
      const own = Number(u.position_id);
      const ids = [own, ...(delegated.has(u.username) ? [delegated.get(u.username)!] : [])];
      const roles = rolesOf(u.kind, (u.grants ?? '').split(',').filter(Boolean) as Role[]);
      viewers.push({ username: u.username, roles: roles.join(','), view: { officeId: Number(u.office_id), positionIds: ids, positionPaths: ids.map((i) => paths.get(i)!.path) } });
    }
    expect(viewers.length).toBeGreaterThanOrEqual(40);
  }), 180_000);

  it('records in letter_access exactly the positions the rule names as involved', withLogs(logs, async () => {
    const diff: string[] = [];
    for (const l of letters) {
      const got = (await ds.query('SELECT DISTINCT position_id FROM letter_access WHERE letter_id = ? ORDER BY position_id', [l.id])).map((r: { position_id: number }) => Number(r.position_id));
      const want = [...new Set(l.involved)].sort((a, b) => a - b);
      if (JSON.stringify(got) !== JSON.stringify(want)) diff.push(`letter ${l.id} (${l.cls}, ${l.sent ? 'sent' : 'draft'}): involved ${want.join(',')} but letter_access has ${got.join(',')}`);
    }
    expect(diff).toEqual([]);
  }));

  it('shows every viewer exactly what the rule allows on every read endpoint: 0 leaks, 0 wrongly hidden', withLogs(logs, async () => {
    const missingCode = (await client.request('GET', '/api/letters/999999999', { token: await client.login('admin') })).body.code;
    const o5204 = await officeIdOf(ds, '5204'); // every letter of the scenario is drafted there
    const leaks: string[] = [];
    const hidden: string[] = [];
    const errors: string[] = [];
    let checks = 0;
    const check = (what: string, expected: boolean, res: { status: number; body: any }, okStatus = 200) => {
      checks += 1;
      if (res.status === okStatus && !expected) leaks.push(`${what} → ${res.status}`);
      else if (res.status === 404 && expected) hidden.push(`${what} → 404`);
      else if (res.status !== okStatus && res.status !== 404) errors.push(`${what} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 120)}`);
      else if (res.status === 404 && res.body?.code !== missingCode && !what.includes('deliveries')) errors.push(`${what} → 404 with code ${res.body?.code}, a missing letter says ${missingCode}`);
    };
    const classes = new Map(CLASSES.map((c) => [c, { checks: 0, visible: 0 }]));
    const involvedOf = (l: Letter): InvolvedPosition[] => [...new Set(l.involved)].map((positionId) => ({ positionId, officeId: paths.get(positionId)!.officeId, path: paths.get(positionId)!.path }));

    await Promise.all([0, 1, 2, 3, 4, 5].map(async (lane) => {
      for (let v = lane; v < viewers.length; v += 6) {
        const viewer = viewers[v];
        const token = await client.login(viewer.username);
        const who = `${viewer.username}${viewer.roles ? ` [${viewer.roles}]` : ''}`;
        for (const l of letters) {
          const visible = maySee(l.cls, viewer.view, involvedOf(l));
          const stats = classes.get(l.cls)!;
          stats.checks += 1;
          if (visible) stats.visible += 1;
          const tag = `${who} · ${l.cls} ${l.sent ? 'sent' : 'draft'} letter ${l.id}`;
          const get = (path: string) => client.request('GET', path, { token });
          check(`${tag} · GET letter`, visible, await get(`/api/letters/${l.id}`));
          check(`${tag} · GET pdf`, visible, await get(`/api/letters/${l.id}/pdf`), l.sent ? 200 : 409);
          check(`${tag} · GET history`, visible, await get(`/api/letters/${l.id}/history`));
          check(`${tag} · GET revisions`, visible, await get(`/api/letters/${l.id}/revisions`));
          // the drafts are the drafting office's own: another office reads the last revision only, so comparing 1 with 2 names the revision (400)
          const drafting = [viewer.view.officeId, ...viewer.view.positionIds.map((pid) => paths.get(pid)!.officeId)].includes(o5204);
          check(`${tag} · GET revisions/compare`, visible, await get(`/api/letters/${l.id}/revisions/compare?from=1&to=2`), drafting ? 200 : 400);
          check(`${tag} · GET attachment`, visible, await get(`/api/letters/${l.id}/attachments/${l.fileId}`));
          for (const d of l.deliveries) {
            const mine = viewer.view.positionIds.includes(d.positionId);
            check(`${tag} · GET deliveries/${d.id}`, mine || visible, await get(`/api/deliveries/${d.id}`));
            check(`${tag} · GET deliveries/${d.id}/route`, mine || visible, await get(`/api/deliveries/${d.id}/route`));
          }
        }
        // the inbox lists exactly the scenario's deliveries that reached a position the viewer acts for
        const inbox = await client.request('GET', '/api/inbox?q=Matriks%20akses&pageSize=100', { token });
        checks += 1;
        if (inbox.status !== 200) errors.push(`${who} · GET inbox → ${inbox.status}`);
        else {
          const listed = new Set(inbox.body.items.map((i: { id: string }) => String(i.id)));
          for (const l of letters) {
            for (const d of l.deliveries) {
              const expected = viewer.view.positionIds.includes(d.positionId);
              if (listed.has(d.id) && !expected) leaks.push(`${who} · inbox lists delivery ${d.id} of ${l.cls} letter ${l.id}`);
              if (!listed.has(d.id) && expected) hidden.push(`${who} · inbox misses delivery ${d.id} of ${l.cls} letter ${l.id}`);
            }
          }
        }
      }
    }));

    const roles = new Set(viewers.flatMap((v) => v.roles.split(',').filter(Boolean)));
    printFigures('6. access matrix', {
      'faults injected': 'none (read-only; 2 delegations in force)',
      'requests tried': checks,
      'items checked': `${checks} (viewer × endpoint × letter)`,
      'items lost': `${leaks.length} leaks, ${hidden.length} wrongly hidden`,
      viewers: `${viewers.length} users, ${viewers.filter((v) => v.view.positionIds.length > 1).length} of them acting by delegation`,
      'roles covered': [...roles].sort().join(', '),
      'letters per class': `${letters.length / CLASSES.length} (sent + forwarded, draft)`,
      'read endpoints': 'letter, pdf, history, revisions, revisions/compare, attachment, delivery, delivery route, inbox',
      ...Object.fromEntries([...classes].map(([c, s]) => [`class ${c}: viewer × letter pairs visible`, `${s.visible} of ${s.checks}`])),
      leaks: leaks.length,
      'wrongly hidden': hidden.length,
      'unexpected answers': errors.length,
    });
    expect([...roles].sort()).toEqual(['ADMIN', 'ARCHIVIST', 'DRAFTER', 'LEADER', 'REGISTRAR', 'REVIEWER', 'SIGNER']);
    expect(leaks).toEqual([]);
    expect(hidden).toEqual([]);
    expect(errors).toEqual([]);
  }), 180_000);

  it('keeps an intact audit chain', withLogs(logs, async () => {
    const audit = await verifyAuditChain(ds);
    console.log(`[reliability] 6. audit chain: ${audit.checked} events in ${audit.streams} chains checked, problems: ${audit.problems.length}`);
    expect(audit.problems).toEqual([]);
  }));
});
