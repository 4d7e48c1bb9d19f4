import { Http, startApi } from '@naskah/testing';
import { suiteDatabase } from '../../libs/testing/src/suite-database';

/**
 * Whom a draft may name (issue 13, compose page: "reviewers and signer limited to whom the rules
 * allow"): GET /api/letters/eligible-participants lists reviewers, signers and, for a chosen signer,
 * the a.n. positions with the u.b. allowed under each — and saving refuses exactly what it leaves
 * out. The expected lists are written here from the rule (DESIGN.md §2 structure, Tata Naskah
 * Dinas): reviewers are the drafting office's active positions but the drafter's own; signers its
 * Ketua, Sekretaris (Jenderal), Kepala Biro, Kepala Bagian; a.n. a superior of the signer, u.b. one
 * between the signer and the a.n. Runs in a database of its own (a position is deactivated here).
 */
describe('eligible participants of a draft: the list and the save rule agree', () => {
  let db: { release(): Promise<void> };
  let http: Http;
  const T: Record<string, string> = {};
  const pos: Record<string, Record<string, number>> = {};
  const holder: Record<number, string> = {};
  const tok = `ep${Date.now().toString(36)}`;

  const DRAFTER = 'kasubbag.umum.5204';
  const as = (user: string) => ({ token: T[user] });
  const eligible = (user: string, query = '') => http.request('GET', `/api/letters/eligible-participants${query}`, as(user));
  const base = (over: Record<string, unknown> = {}) => ({
    typeCode: 'SD', subject: `Naskah uji peserta ${tok}`, securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1', body: 'Dengan hormat, kami sampaikan.',
    recipients: [{ kind: 'TO', externalName: 'Bawaslu Kabupaten Sumbawa' }], reviewerPositionIds: [], signerPositionId: pos['5204'].KETUA, ...over,
  });
  const post = (user: string, body: unknown) => http.request('POST', '/api/letters', { ...as(user), body });
  const ids = (list: { id: number }[]) => list.map((p) => p.id);
  const codes = (office: string, list: { id: number }[]) => list.map((p) => Object.entries(pos[office]).find(([, id]) => id === p.id)?.[0] ?? `?${p.id}`);

  // a KPU Kabupaten/Kota (DESIGN.md §2): Ketua and 4 Anggota, the Sekretaris, 4 Kasubbag each with Staf, Arsiparis, Pencatat
  const KABKOTA = ['KETUA', 'ANGGOTA-1', 'ANGGOTA-2', 'ANGGOTA-3', 'ANGGOTA-4', 'SEKRETARIS', 'KASUBBAG-KUL', 'STAF-KUL', 'KASUBBAG-PDI', 'STAF-PDI', 'KASUBBAG-TPH', 'STAF-TPH', 'KASUBBAG-PHS', 'STAF-PHS', 'ARSIPARIS', 'PENCATAT'];

  beforeAll(async () => {
    db = await suiteDatabase();
    http = await startApi();
    for (const u of [DRAFTER, 'kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204', 'kabag.umum.52', 'kasubbag.umum.5271', 'karo.umum.ri']) T[u] = await http.login(u);
    for (const office of ['5204', '52', '5271', 'RI']) {
      const rows = await http.ds.query('SELECT p.code, p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ?', [office]);
      pos[office] = Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
    }
    const users = await http.ds.query('SELECT position_id, full_name FROM users WHERE is_active = 1 ORDER BY id');
    for (const u of [...users].reverse()) holder[Number(u.position_id)] = String(u.full_name); // the longest-standing holder wins
  });
  afterAll(async () => {
    await http?.close();
    await db?.release();
  });

  it("a Kab/Kota kasubbag: reviewers are their office's positions but their own; signers the Ketua and the Sekretaris of their own office; nobody of another office", async () => {
    const res = await eligible(DRAFTER);
    expect(res.status).toBe(200);
    expect(res.body.officeId).toBe(Number((await http.ds.query("SELECT id FROM offices WHERE code = '5204'"))[0].id));
    expect(res.body.drafterPositionId).toBe(pos['5204']['KASUBBAG-KUL']);
    expect(codes('5204', res.body.reviewers).sort()).toEqual(KABKOTA.filter((c) => c !== 'KASUBBAG-KUL').sort());
    expect(codes('5204', res.body.signers)).toEqual(['KETUA', 'SEKRETARIS']);
    expect(res.body.signers[0]).toEqual({ id: pos['5204'].KETUA, title: 'Ketua', kind: 'KETUA', holder: { userId: expect.any(Number), fullName: holder[pos['5204'].KETUA] } });
    expect(res.body.signerPositionId).toBeNull();
    expect(res.body.onBehalfOf).toEqual([]);
    // another Kab/Kota's kasubbag: their own office's people, none of Sumbawa's
    const mataram = await eligible('kasubbag.umum.5271');
    expect(codes('5271', mataram.body.signers)).toEqual(['KETUA', 'SEKRETARIS']);
    const sumbawa = new Set(Object.values(pos['5204']));
    expect([...mataram.body.reviewers, ...mataram.body.signers].filter((p: { id: number }) => sumbawa.has(p.id))).toEqual([]);
  });

  it('a KPU Provinsi and KPU RI: Kepala Bagian and Kepala Biro sign too', async () => {
    const ntb = await eligible('kabag.umum.52');
    expect(codes('52', ntb.body.signers)).toEqual(['KETUA', 'SEKRETARIS', 'KABAG-KUL', 'KABAG-PDI', 'KABAG-TPH', 'KABAG-PHS']);
    expect(ntb.body.reviewers.map((p: { id: number }) => p.id)).not.toContain(pos['52']['KABAG-KUL']);
    const ri = await eligible('karo.umum.ri');
    expect(codes('RI', ri.body.signers).sort()).toEqual(['KETUA', 'SEKJEN', 'KARO-BPD', 'KARO-BKU', 'KARO-BLOG', 'KARO-BTEK', 'KARO-BHUK', 'KARO-BPHM', 'KARO-BSDM'].sort());
  });

  it('for a chosen signer: a.n. its superiors, nearest first, each with the u.b. between them', async () => {
    const sek = await eligible(DRAFTER, `?signerPositionId=${pos['5204'].SEKRETARIS}`);
    expect(sek.status).toBe(200);
    expect(sek.body.signerPositionId).toBe(pos['5204'].SEKRETARIS);
    expect(sek.body.onBehalfOf.map((o: { id: number; through: { id: number }[] }) => [o.id, ids(o.through)])).toEqual([[pos['5204'].KETUA, []]]);
    expect((await eligible(DRAFTER, `?signerPositionId=${pos['5204'].KETUA}`)).body.onBehalfOf).toEqual([]);
    // a Kabag of the province: "a.n. KETUA …, SEKRETARIS, u.b., KEPALA BAGIAN …", or a.n. the Sekretaris alone
    const q = pos['52'];
    const kabag = await eligible('kabag.umum.52', `?signerPositionId=${q['KABAG-PDI']}`);
    expect(kabag.body.onBehalfOf.map((o: { id: number; through: { id: number }[] }) => [o.id, ids(o.through)])).toEqual([
      [q.SEKRETARIS, []],
      [q.KETUA, [q.SEKRETARIS]],
    ]);
    expect(kabag.body.onBehalfOf[1]).toMatchObject({ title: 'Ketua', kind: 'KETUA', through: [{ title: 'Sekretaris', kind: 'SEKRETARIS' }] });
  });

  it('bad input is 400 naming the field; a draft one may not edit is not listed for', async () => {
    const cases: [string, string][] = [
      ['?signerPositionId=abc', 'signerPositionId'],
      ['?signerPositionId=0', 'signerPositionId'],
      [`?signerPositionId=${pos['5204']['KASUBBAG-TPH']}`, 'signerPositionId'], // not a signing position
      [`?signerPositionId=${pos['5271'].KETUA}`, 'signerPositionId'], // another office's Ketua
      ['?letterId=x1', 'letterId'],
    ];
    for (const [query, field] of cases) {
      const res = await eligible(DRAFTER, query);
      expect([query, res.status, res.body.details?.fields?.map((f: { field: string }) => f.field)]).toEqual([query, 400, [field]]);
    }
    // Unknown query parameters are refused, not ignored
    expect((await eligible(DRAFTER, '?typeCode=SD')).status).toBe(400);
    // a draft of another office: as if it did not exist; a draft the caller may see but did not write: 403
    const mine = await post(DRAFTER, base({ reviewerPositionIds: [pos['5204']['KASUBBAG-TPH']] }));
    expect(mine.status).toBe(201);
    expect((await eligible('kasubbag.umum.5271', `?letterId=${mine.body.id}`)).status).toBe(404);
    const reviewer = await eligible('kasubbag.teknis.5204', `?letterId=${mine.body.id}`);
    expect([reviewer.status, reviewer.body.code]).toEqual([403, 'NOT_THE_DRAFTER']);
    // its drafter: the draft's office and drafter
    const own = await eligible(DRAFTER, `?letterId=${mine.body.id}&signerPositionId=${pos['5204'].SEKRETARIS}`);
    expect([own.status, own.body.drafterPositionId, ids(own.body.onBehalfOf)]).toEqual([200, pos['5204']['KASUBBAG-KUL'], [pos['5204'].KETUA]]);
  });

  it("save accepts exactly the listed: every position of the office (and another office's) tried as reviewer, signer and a.n.", async () => {
    const list = (await eligible(DRAFTER, `?signerPositionId=${pos['5204'].SEKRETARIS}`)).body;
    const reviewers = new Set(ids(list.reviewers));
    const signers = new Set(ids(list.signers));
    const onBehalf = new Set(ids(list.onBehalfOf));
    const candidates = [...Object.values(pos['5204']), pos['5271'].KETUA, pos['52'].SEKRETARIS];
    for (const id of candidates) {
      const asReviewer = await post(DRAFTER, base({ reviewerPositionIds: [id] }));
      expect([id, asReviewer.status, asReviewer.status === 201 ? null : asReviewer.body.details.fields[0].field]).toEqual(reviewers.has(id) ? [id, 201, null] : [id, 422, 'reviewerPositionIds.0']);
      const asSigner = await post(DRAFTER, base({ signerPositionId: id }));
      expect([id, asSigner.status, asSigner.status === 201 ? null : asSigner.body.details.fields[0].field]).toEqual(signers.has(id) ? [id, 201, null] : [id, 422, 'signerPositionId']);
      const asOnBehalf = await post(DRAFTER, base({ signerPositionId: pos['5204'].SEKRETARIS, typeFields: { onBehalfOfPositionId: id } }));
      expect([id, asOnBehalf.status, asOnBehalf.status === 201 ? null : asOnBehalf.body.details.fields[0].field]).toEqual(onBehalf.has(id) ? [id, 201, null] : [id, 400, 'typeFields.onBehalfOfPositionId']);
    }
    // the drafter's own position is not a reviewer, on a revision either
    const draft = await post(DRAFTER, base());
    const self = await http.request('PATCH', `/api/letters/${draft.body.id}`, { ...as(DRAFTER), body: { version: draft.body.version, reviewerPositionIds: [pos['5204'].SEKRETARIS, pos['5204']['KASUBBAG-KUL']] } });
    expect([self.status, self.body.code, self.body.details.fields[0].field]).toEqual([422, 'INVALID_REVIEWER', 'reviewerPositionIds.1']);
  });

  it('a deactivated position leaves the lists and is refused at save', async () => {
    const staf = pos['5204']['STAF-TPH'];
    await http.ds.query('UPDATE positions SET is_active = 0 WHERE id = ?', [staf]);
    try {
      expect(ids((await eligible(DRAFTER)).body.reviewers)).not.toContain(staf);
      const res = await post(DRAFTER, base({ reviewerPositionIds: [staf] }));
      expect([res.status, res.body.code]).toEqual([422, 'INVALID_REVIEWER']);
    } finally {
      await http.ds.query('UPDATE positions SET is_active = 1 WHERE id = ?', [staf]);
    }
  });

  it('submitting: a Keputusan and a Surat Tugas need no free body (their typed fields are their content); a Surat Dinas does', async () => {
    const empty = { type: 'doc', content: [{ type: 'paragraph' }] };
    const types = (await http.request('GET', '/api/master/letter-types', as(DRAFTER))).body as { code: string; bodyRequired: boolean }[];
    expect(Object.fromEntries(types.map((t) => [t.code, t.bodyRequired]))).toMatchObject({ Kpt: false, ST: false, SD: true, ND: true, Und: true, BA: true, SKet: true });
    const kpt = await post(DRAFTER, base({
      typeCode: 'Kpt', body: undefined, bodyDoc: empty,
      typeFields: { about: 'Jadwal Rapat Pleno', considering: ['bahwa perlu menetapkan jadwal rapat pleno;'], observing: ['Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;'], decrees: [{ text: 'Menetapkan jadwal rapat pleno.' }] },
    }));
    expect(kpt.status).toBe(201);
    const submitted = await http.request('POST', `/api/letters/${kpt.body.id}/submit`, as(DRAFTER));
    expect([submitted.status, submitted.body.status]).toEqual([201, 'APPROVED']);
    const sd = await post(DRAFTER, base({ body: undefined, bodyDoc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '   ' }] }, { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }] } }));
    expect(sd.status).toBe(201);
    const refused = await http.request('POST', `/api/letters/${sd.body.id}/submit`, as(DRAFTER));
    expect([refused.status, refused.body.code, refused.body.details.fields]).toEqual([422, 'BODY_REQUIRED', [{ field: 'bodyDoc', reason: expect.stringContaining('isi naskah wajib diisi') }]]);
    expect((await http.request('GET', `/api/letters/${sd.body.id}`, as(DRAFTER))).body.status).toBe('DRAFT');
  });
});
