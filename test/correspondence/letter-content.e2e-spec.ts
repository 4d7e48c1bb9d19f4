import { AuditService } from '@naskah/audit';
import { letterContentForRender, letterContentSha256 } from '@naskah/correspondence';
import { Http, startApi } from '@naskah/testing';
import { AppConfig } from '@naskah/core';
import { OrganisationService } from '@naskah/organisation';
import { FilesService } from '@naskah/storage';
import { LettersRepository, LetterWorkNotices, PadesSigner, RenderLetterJob } from '@naskah/correspondence';
import { DOCUMENT_SIGNER } from '../../libs/correspondence/src/signature';
import { firstOutOfOrder, pdfText } from '../../libs/correspondence/src/rendering/pdf-tools';

/**
 * Letters carry typed data per type and a rich but safe body (issue 12 item 8, issue 14 item 2):
 * the body as a validated document, the typed fields of Undangan / Surat Tugas / Keputusan, a.n. and
 * u.b., through create → get → update → revision diff → submit → sign; every bad input answers 400
 * naming its path and changes nothing; letters written as plain text keep working.
 */
describe('letter content: body document and typed fields', () => {
  let http: Http;
  const T: Record<string, string> = {};
  const pos: Record<string, Record<string, number>> = {};
  const tok = `lc${Date.now().toString(36)}`;
  /** Letters signed by the tests below whose PDFs the last test renders. */
  const signedIds: Record<string, string> = {};

  const text = (t: string, marks?: string[]) => ({ type: 'text', text: t, ...(marks ? { marks: marks.map((m) => ({ type: m })) } : {}) });
  const para = (...content: unknown[]) => ({ type: 'paragraph', content });
  const item = (...content: unknown[]) => ({ type: 'listItem', content });
  const ol = (...items: unknown[]) => ({ type: 'orderedList', content: items });
  const ul = (...items: unknown[]) => ({ type: 'bulletList', content: items });
  const doc = (...content: unknown[]) => ({ type: 'doc', content });
  const row = (cells: string[], header = false) => ({ type: 'tableRow', content: cells.map((c) => ({ type: header ? 'tableHeader' : 'tableCell', content: [para(text(c))] })) });

  const as = (user: string) => ({ token: T[user] });
  const post = (user: string, body: unknown) => http.request('POST', '/api/letters', { ...as(user), body });
  const patch = (user: string, id: string, body: unknown) => http.request('PATCH', `/api/letters/${id}`, { ...as(user), body });
  const get = (user: string, id: string) => http.request('GET', `/api/letters/${id}`, as(user));
  const compare = (user: string, id: string, from: number, to: number) => http.request('GET', `/api/letters/${id}/revisions/compare?from=${from}&to=${to}`, as(user));

  const DRAFTER = 'kasubbag.umum.5204';
  const base = (over: Record<string, unknown> = {}) => ({
    typeCode: 'SD', subject: `Naskah uji isi ${tok}`, securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', externalName: 'Bawaslu Kabupaten Sumbawa' }], reviewerPositionIds: [], signerPositionId: pos['5204'].KETUA, ...over,
  });

  beforeAll(async () => {
    http = await startApi();
    for (const u of [DRAFTER, 'kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204', 'kabag.umum.52', 'staf.umum.5204']) T[u] = await http.login(u);
    for (const office of ['5204', '52', '5271']) {
      const rows = await http.ds.query('SELECT p.code, p.id FROM positions p JOIN offices o ON o.id = p.office_id WHERE o.code = ?', [office]);
      pos[office] = Object.fromEntries(rows.map((r: { code: string; id: number }) => [r.code, Number(r.id)]));
    }
  });
  afterAll(() => http.close());

  // --- a realistic Undangan -------------------------------------------------------------------

  const undanganDoc = doc(
    para(text('Dengan hormat,')),
    para(text('Dalam rangka persiapan '), text('Pemilihan Serentak 2026', ['bold']), text(', kami mengundang Saudara hadir pada rapat koordinasi dengan acara:')),
    ol(item(para(text(`Pembukaan ${tok}agenda`))), item(para(text('Paparan <b>tahapan</b> & jadwal')), ul(item(para(text('Pemutakhiran data pemilih'))), item(para(text('Logistik', ['italic'])))))),
    para(text('Mengingat pentingnya acara tersebut,'), { type: 'hardBreak' }, text('kehadiran Saudara sangat kami harapkan.')),
  );
  const undanganFields = {
    events: [
      { date: '2026-03-02', startTime: '09:00', endTime: '12:00', place: '  Aula KPU Kabupaten Sumbawa, Jl. Garuda No. 1  ', agenda: 'Rapat koordinasi persiapan tahapan' },
      { date: '2026-03-03', startTime: '13:30', place: 'Ruang rapat Sekretariat', agenda: 'Bimbingan teknis PPK' },
    ],
    attire: 'Batik lengan panjang',
    contact: 'Ni Luh Putu Ayu (0812-3456-7890)',
    closing: 'HORMAT_KAMI',
  };

  let undId: string;
  it('an Undangan round-trips: the document stored normalised, its plain text derived for search, the fields trimmed', async () => {
    const res = await post(DRAFTER, base({ typeCode: 'Und', subject: `Undangan rapat koordinasi ${tok}`, bodyDoc: undanganDoc, typeFields: undanganFields }));
    expect(res.status).toBe(201);
    undId = res.body.id;
    expect(res.body.bodyDoc).toEqual(undanganDoc);
    expect(res.body.typeFields).toEqual({ ...undanganFields, events: [{ ...undanganFields.events[0], place: 'Aula KPU Kabupaten Sumbawa, Jl. Garuda No. 1' }, undanganFields.events[1]] });
    // paragraphs apart by a blank line, list items one a line with their markers, the HTML as the characters typed
    expect(res.body.body).toBe(
      'Dengan hormat,\n\n' +
        'Dalam rangka persiapan Pemilihan Serentak 2026, kami mengundang Saudara hadir pada rapat koordinasi dengan acara:\n\n' +
        `1. Pembukaan ${tok}agenda\n2. Paparan <b>tahapan</b> & jadwal\n  • Pemutakhiran data pemilih\n  • Logistik\n\n` +
        'Mengingat pentingnya acara tersebut,\nkehadiran Saudara sangat kami harapkan.',
    );
    const got = await get(DRAFTER, undId);
    expect(got.body).toMatchObject({ bodyDoc: undanganDoc, typeFields: res.body.typeFields, body: res.body.body });
    // the stored column holds the document as JSON, text as text (no markup interpreted)
    const [row] = await http.ds.query('SELECT body_doc FROM letters WHERE id = ?', [undId]);
    expect((typeof row.body_doc === "string" ? JSON.parse(row.body_doc) : row.body_doc).content[2].content[1].content[0].content[0].text).toBe('Paparan <b>tahapan</b> & jadwal');
    // search reads the derived text: a word only in a list item finds the draft
    const found = await http.request('GET', `/api/search?q=${tok}agenda`, as(DRAFTER));
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(undId);
  });

  it("Tiptap's attributes that mean nothing are dropped; a real span or an unknown attribute is refused", async () => {
    const tiptap = doc(
      { type: 'paragraph', attrs: { textAlign: null }, content: [text('Rata kiri bawaan')] },
      { type: 'orderedList', attrs: { start: 1, type: null }, content: [item(para(text('satu')))] },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [para(text('No'))] }] }] },
    );
    const res = await post(DRAFTER, base({ bodyDoc: tiptap }));
    expect(res.status).toBe(201);
    expect(res.body.bodyDoc).toEqual(doc(para(text('Rata kiri bawaan')), ol(item(para(text('satu')))), { type: 'table', content: [row(['No'], true)] }));
    const span = await post(DRAFTER, base({ bodyDoc: doc({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 2 }, content: [para(text('x'))] }] }] }) }));
    expect([span.status, span.body.details.fields?.[0]?.field]).toEqual([400, 'bodyDoc.content[0].content[0].content[0].attrs.colspan']);
  });

  // --- every bad input: 400 naming the field, nothing changed ----------------------------------

  const badInputs: [string, Record<string, unknown>, string][] = [
    ['a date not in the calendar', { typeFields: { events: [{ ...undanganFields.events[1], date: '2026-02-30' }] } }, 'typeFields.events[0].date'],
    ['a time past 23:59', { typeFields: { events: [{ ...undanganFields.events[1], startTime: '24:00' }] } }, 'typeFields.events[0].startTime'],
    ['a control character in a field', { typeFields: { events: [{ ...undanganFields.events[1], place: 'Aula\u0007' }] } }, 'typeFields.events[0].place'],
    ['a key no type has', { typeFields: { events: [{ ...undanganFields.events[1], room: 'A' }] } }, 'typeFields.events[0].room'],
    ['a field of another type (Keputusan on an Undangan)', { typeFields: { ...undanganFields, decrees: [{ text: 'Menetapkan' }] } }, 'typeFields.decrees'],
    ['a control character in the body text', { bodyDoc: doc(para(text('Baris\u0000dua'))) }, 'bodyDoc.content[0].content[0].text'],
    ['a newline inside a text node', { bodyDoc: doc(para(text('Baris\ndua'))) }, 'bodyDoc.content[0].content[0].text'],
    ['an image node', { bodyDoc: doc(para(text('Lihat gambar:')), { type: 'image', attrs: { src: 'https://example.org/x.png' } }) }, 'bodyDoc.content[1].type'],
    ['an HTML node smuggled as a mark', { bodyDoc: doc(para(text('x', ['link']))) }, 'bodyDoc.content[0].content[0].marks[0].type'],
    ['a list nested 5 deep', { bodyDoc: doc(ol(item(para(text('1')), ul(item(para(text('2')), ol(item(para(text('3')), ul(item(para(text('4')), ol(item(para(text('5'))))))))))))) },
      'bodyDoc.content[0].content[0].content[1].content[0].content[1].content[0].content[1].content[0].content[1]'],
    ['a table of 13 columns', { bodyDoc: doc({ type: 'table', content: [row(Array.from({ length: 13 }, (_, i) => `K${i + 1}`))] }) }, 'bodyDoc.content[0].content[0]'],
    ['a table with a short row', { bodyDoc: doc({ type: 'table', content: [row(['No', 'Nama']), row(['1'])] }) }, 'bodyDoc.content[0].content[1]'],
    ['a document that is not one', { bodyDoc: { type: 'html', html: '<p>x</p>' } }, 'bodyDoc.type'],
  ];

  it.each(badInputs)('refuses %s with 400 naming the field, and the letter stays as it was', async (_what, change, field) => {
    const before = (await get(DRAFTER, undId)).body;
    const res = await patch(DRAFTER, undId, { version: before.version, ...change });
    expect(res.status).toBe(400);
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    const reason = res.body.details.fields.find((f: { field: string }) => f.field === field).reason;
    expect(reason).toMatch(/\(.+\)$/); // Indonesian, English in brackets
    const after = (await get(DRAFTER, undId)).body;
    expect([after.version, after.revision, after.bodyDoc, after.typeFields]).toEqual([before.version, before.revision, before.bodyDoc, before.typeFields]);
  });

  it('a new letter with bad content is not created', async () => {
    const [{ n }] = await http.ds.query('SELECT COUNT(*) AS n FROM letters WHERE subject LIKE ?', [`%${tok}bad%`]);
    const res = await post(DRAFTER, base({ subject: `Salah ${tok}bad`, typeCode: 'ST', body: 'Dengan hormat.', typeFields: { assignees: [{ name: 'Ṣalāḥ', nip: '19870312201001100', position: 'Staf' }] } }));
    expect([res.status, res.body.details.fields?.[0]]).toEqual([400, { field: 'typeFields.assignees[0].nip', reason: 'NIP harus tepat 18 angka (NIP must be exactly 18 digits)' }]);
    const [{ n: after }] = await http.ds.query('SELECT COUNT(*) AS n FROM letters WHERE subject LIKE ?', [`%${tok}bad%`]);
    expect(Number(after)).toBe(Number(n));
  });

  it('changing the type while fields of the old type remain is refused unless they are replaced', async () => {
    const cur = (await get(DRAFTER, undId)).body;
    const refused = await patch(DRAFTER, undId, { version: cur.version, typeCode: 'SD' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: "TYPE_FIELDS_OF_OTHER_TYPE", details: { fields: [{ field: "typeFields" }] } });
    expect(refused.body.details.fields[0].reason).toMatch(/events.*Und/);
    expect((await get(DRAFTER, undId)).body).toMatchObject({ typeCode: 'Und', version: cur.version });
    // replaced (here: cleared) with the change of type, it goes through
    const replaced = await patch(DRAFTER, undId, { version: cur.version, typeCode: 'SD', typeFields: null });
    expect([replaced.status, replaced.body.typeCode, replaced.body.typeFields]).toEqual([200, 'SD', null]);
  });

  // --- Surat Tugas: three assignees, revision diff ----------------------------------------------

  const assignees = [
    { name: 'Ṣalāḥ ad-Dīn Yūsuf', nip: '198703122010011004', rank: 'Penata (III/c)', position: 'Kepala Subbagian Teknis' },
    { name: 'Nyoman Ayu Ketut', nip: '199001052015032007', rank: 'Penata Muda (III/a)', position: 'Analis Data Pemilih' },
    { name: 'Muhammad Rizky Pratama', position: 'Tenaga Pendukung (non-ASN)' },
  ];
  const stFields = {
    basis: ['Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum', 'Keputusan KPU Nomor 1 Tahun 2026 tentang Jadwal Tahapan'],
    assignees,
    task: 'Melaksanakan supervisi pemutakhiran data pemilih di Kecamatan Alas dan Utan',
    period: { start: '2026-03-09', end: '2026-03-11' },
    place: 'Kecamatan Alas dan Kecamatan Utan',
  };

  it('a Surat Tugas round-trips with its assignees, and the revision diff names each changed block and field path', async () => {
    const created = await post(DRAFTER, base({ typeCode: 'ST', subject: `Surat tugas supervisi coklit ${tok}`, bodyDoc: doc(para(text('Yang bertanda tangan di bawah ini menugaskan:'))), typeFields: stFields }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.typeFields).toEqual(stFields);
    expect((await get(DRAFTER, id)).body.typeFields.assignees.map((a: { name: string }) => a.name)).toEqual(['Ṣalāḥ ad-Dīn Yūsuf', 'Nyoman Ayu Ketut', 'Muhammad Rizky Pratama']);

    const bad = await patch(DRAFTER, id, { version: created.body.version, typeFields: { ...stFields, period: { start: '2026-03-11', end: '2026-03-09' } } });
    expect([bad.status, bad.body.details.fields?.[0]?.field]).toEqual([400, 'typeFields.period.end']);

    const changed = { ...stFields, assignees: [assignees[0], { ...assignees[1], nip: '199001052015032008' }, assignees[2]], period: { start: '2026-03-09', end: '2026-03-12' } };
    const upd = await patch(DRAFTER, id, {
      version: created.body.version, typeFields: changed,
      bodyDoc: doc(para(text('Yang bertanda tangan di bawah ini, Ketua KPU Kabupaten Sumbawa, menugaskan:')), para(text('Biaya dibebankan pada DIPA 2026.'))),
    });
    expect(upd.status).toBe(200);
    expect(upd.body.revision).toBe(2);
    const cmp = await compare(DRAFTER, id, 1, 2);
    expect(cmp.status).toBe(200);
    expect(cmp.body.changes.map((c: { field: string }) => c.field).sort()).toEqual(['body', 'typeFields']);
    expect(cmp.body.bodyChanges).toEqual([
      { change: 'CHANGED', kind: 'paragraph', beforePath: 'content[0]', afterPath: 'content[0]', before: 'Yang bertanda tangan di bawah ini menugaskan:', after: 'Yang bertanda tangan di bawah ini, Ketua KPU Kabupaten Sumbawa, menugaskan:' },
      { change: 'ADDED', kind: 'paragraph', beforePath: null, afterPath: 'content[1]', before: null, after: 'Biaya dibebankan pada DIPA 2026.' },
    ]);
    expect(cmp.body.typeFieldChanges).toEqual([
      { path: 'assignees[1].nip', before: '199001052015032007', after: '199001052015032008' },
      { path: 'period.end', before: '2026-03-11', after: '2026-03-12' },
    ]);
    // every revision keeps its own content
    const revs = (await http.request('GET', `/api/letters/${id}/revisions`, as(DRAFTER))).body;
    expect(revs.map((r: { snapshot: { typeFields: { period: unknown } } }) => r.snapshot.typeFields.period)).toEqual([stFields.period, changed.period]);
  });

  // --- Keputusan: incomplete draft, submit, sign ------------------------------------------------

  it('a Keputusan may be saved incomplete, is refused at submit naming what is missing, and once complete is submitted, signed and its content fixed in the trail', async () => {
    const created = await post(DRAFTER, base({ typeCode: 'Kpt', subject: `Keputusan penetapan PPK ${tok}`, bodyDoc: doc(para(text('KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,'))), typeFields: { about: 'Penetapan Anggota PPK', considering: [] } }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    const early = await http.request('POST', `/api/letters/${id}/submit`, as(DRAFTER));
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('TYPE_FIELDS_INCOMPLETE');
    expect(early.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['typeFields.considering', 'typeFields.decrees', 'typeFields.observing']);
    expect((await get(DRAFTER, id)).body.status).toBe('DRAFT');

    const kpt = {
      about: 'Penetapan Anggota Panitia Pemilihan Kecamatan se-Kabupaten Sumbawa',
      considering: ['bahwa untuk melaksanakan tahapan pemilihan perlu dibentuk PPK;', 'bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan;'],
      observing: ['Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;', 'Peraturan KPU Nomor 8 Tahun 2022;'],
      noting: ['Berita Acara Rapat Pleno Nomor 12/PP.04.2-BA/5204/2026;'],
      decrees: [{ text: 'Menetapkan Anggota PPK sebagaimana tercantum dalam Lampiran.' }, { text: 'Keputusan ini mulai berlaku pada tanggal ditetapkan.' }],
      appendices: [{ title: 'Daftar Anggota PPK', content: doc({ type: 'table', content: [row(['No', 'Nama', 'Kecamatan'], true), row(['1', 'Nyoman Ayu Ketut', 'Alas']), row(['2', 'Ṣalāḥ', 'Utan'])] }) }],
    };
    const cur = (await get(DRAFTER, id)).body;
    const done = await patch(DRAFTER, id, { version: cur.version, typeFields: kpt });
    expect(done.status).toBe(200);
    expect(done.body.typeFields).toEqual(kpt);
    const cmp = await compare(DRAFTER, id, 1, 2);
    expect(cmp.body.typeFieldChanges).toEqual(expect.arrayContaining([
      { path: 'considering[0]', before: null, after: kpt.considering[0] },
      { path: 'decrees[1].text', before: null, after: kpt.decrees[1].text },
      { path: 'about', before: 'Penetapan Anggota PPK', after: kpt.about },
    ]));
    const submitted = await http.request('POST', `/api/letters/${id}/submit`, as(DRAFTER));
    expect([submitted.status, submitted.body.status]).toEqual([201, 'APPROVED']);
    const signed = await http.request('POST', `/api/letters/${id}/sign`, { ...as('ketua.5204'), body: { password: 'Naskah#2026' } });
    expect(signed.status).toBe(201);
    const [event] = (await http.app.get(AuditService).history('letter', id)).filter((e) => e.action === 'LETTER_SIGNED');
    expect((event.after as { contentSha256: string }).contentSha256).toBe(letterContentSha256(signed.body));
    // what the PDF layouts get
    const content = await letterContentForRender(http.ds.manager, signed.body);
    expect(content).toEqual({ bodyDoc: signed.body.bodyDoc, typeFields: kpt, onBehalfOfTitle: null, throughTitle: null });
    signedIds.kpt = id;
  });

  // --- a.n. / u.b. ------------------------------------------------------------------------------

  it('a.n. must be a superior of the signer in the drafting office, u.b. between them; checked again when the signer changes', async () => {
    const p = pos['5204'];
    const ok = await post(DRAFTER, base({ signerPositionId: p.SEKRETARIS, body: 'Dengan hormat,\n\nKami sampaikan.', typeFields: { onBehalfOfPositionId: p.KETUA } }));
    expect(ok.status).toBe(201);
    const content = await letterContentForRender(http.ds.manager, ok.body);
    expect(content).toMatchObject({ onBehalfOfTitle: 'Ketua Komisi Pemilihan Umum Kabupaten Sumbawa', throughTitle: null });

    const otherOffice = await post(DRAFTER, base({ signerPositionId: p.SEKRETARIS, typeFields: { onBehalfOfPositionId: pos['5271'].KETUA }, body: 'x' }));
    expect([otherOffice.status, otherOffice.body.details.fields?.[0]?.field]).toEqual([400, 'typeFields.onBehalfOfPositionId']);
    const subordinate = await post(DRAFTER, base({ signerPositionId: p.KETUA, typeFields: { onBehalfOfPositionId: p.SEKRETARIS }, body: 'x' }));
    expect([subordinate.status, subordinate.body.details.fields?.[0]?.field]).toEqual([400, 'typeFields.onBehalfOfPositionId']);
    // the signer becomes the Ketua: a.n. Ketua no longer stands
    const resigned = await patch(DRAFTER, ok.body.id, { version: ok.body.version, signerPositionId: p.KETUA });
    expect([resigned.status, resigned.body.details.fields?.[0]?.field]).toEqual([400, 'typeFields.onBehalfOfPositionId']);
    expect((await get(DRAFTER, ok.body.id)).body.signerPositionId).toBe(p.SEKRETARIS);

    // KPU Provinsi NTB: the Kabag signs a.n. the Ketua, u.b. the Sekretaris
    const q = pos['52'];
    const ntb = { signerPositionId: q['KABAG-KUL'], recipients: [{ kind: 'TO', externalName: 'Bawaslu Provinsi NTB' }], body: 'Dengan hormat.' };
    const ub = await post('kabag.umum.52', base({ ...ntb, typeFields: { onBehalfOfPositionId: q.KETUA, throughPositionId: q.SEKRETARIS } }));
    expect(ub.status).toBe(201);
    expect(await letterContentForRender(http.ds.manager, ub.body)).toMatchObject({ onBehalfOfTitle: 'Ketua Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat', throughTitle: 'Sekretaris' });
    expect((await http.request('POST', `/api/letters/${ub.body.id}/submit`, as('kabag.umum.52'))).body.status).toBe('APPROVED');
    expect((await http.request('POST', `/api/letters/${ub.body.id}/sign`, { ...as('kabag.umum.52'), body: { password: 'Naskah#2026' } })).status).toBe(201);
    signedIds.ub = ub.body.id;
    const inverted = await post('kabag.umum.52', base({ ...ntb, typeFields: { onBehalfOfPositionId: q.SEKRETARIS, throughPositionId: q.KETUA } }));
    expect([inverted.status, inverted.body.details.fields?.[0]?.field]).toEqual([400, 'typeFields.throughPositionId']);
    const alone = await post('kabag.umum.52', base({ ...ntb, typeFields: { throughPositionId: q.SEKRETARIS } }));
    expect([alone.status, alone.body.details.fields?.[0]?.field]).toEqual([400, 'typeFields.throughPositionId']);
  });

  // --- a Nota Dinas from the Ketua, Amat Segera ------------------------------------------------

  it('a Nota Dinas to the Sekretaris, copied to the Kasubbag, Amat Segera, is signed by the Ketua (its PDF checked below)', async () => {
    const p = pos['5204'];
    const nd = await post(DRAFTER, base({
      typeCode: 'ND', subject: `Nota dinas pencairan anggaran ${tok}`, urgency: 'AMAT_SEGERA', signerPositionId: p.KETUA,
      recipients: [{ kind: 'TO', positionId: p.SEKRETARIS }, { kind: 'CC', positionId: p['KASUBBAG-KUL'] }], body: 'Mohon segera diproses.',
    }));
    expect(nd.status).toBe(201);
    expect((await http.request('POST', `/api/letters/${nd.body.id}/submit`, as(DRAFTER))).body.status).toBe('APPROVED');
    expect((await http.request('POST', `/api/letters/${nd.body.id}/sign`, { ...as('ketua.5204'), body: { password: 'Naskah#2026' } })).status).toBe(201);
    signedIds.nd = nd.body.id;
  });

  // --- letters written as plain text ----------------------------------------------------------

  it('a plain-text letter still works: its document derived on read, its edits diffed by paragraph', async () => {
    const created = await post(DRAFTER, base({ body: 'Dengan hormat,\n\nBersama ini kami sampaikan usulan.\nTerlampir daftar nama.\n\nDemikian.' }));
    expect(created.status).toBe(201);
    expect(created.body.bodyDoc).toEqual(doc(para(text('Dengan hormat,')), para(text('Bersama ini kami sampaikan usulan.'), { type: 'hardBreak' }, text('Terlampir daftar nama.')), para(text('Demikian.'))));
    expect(created.body.typeFields).toBeNull();
    const [row] = await http.ds.query('SELECT body_doc FROM letters WHERE id = ?', [created.body.id]);
    expect(row.body_doc).toBeNull();
    const upd = await patch(DRAFTER, created.body.id, { version: created.body.version, body: 'Dengan hormat,\n\nDemikian, terima kasih.' });
    expect(upd.status).toBe(200);
    const cmp = await compare(DRAFTER, created.body.id, 1, 2);
    expect(cmp.body.changes.map((c: { field: string }) => c.field)).toEqual(['body']);
    expect(cmp.body.bodyChanges).toEqual([
      { change: 'CHANGED', kind: 'paragraph', beforePath: 'content[1]', afterPath: 'content[1]', before: 'Bersama ini kami sampaikan usulan.\nTerlampir daftar nama.', after: 'Demikian, terima kasih.' },
      { change: 'REMOVED', kind: 'paragraph', beforePath: 'content[2]', afterPath: null, before: 'Demikian.', after: null },
    ]);
    // a revision kept before the content model (no body_doc column value) reads the same way
    await http.ds.query('UPDATE letter_revisions SET body_doc = NULL, type_fields = NULL WHERE letter_id = ?', [created.body.id]);
    const revs = (await http.request('GET', `/api/letters/${created.body.id}/revisions`, as(DRAFTER))).body;
    expect(revs[1].snapshot.bodyDoc).toEqual(doc(para(text('Dengan hormat,')), para(text('Demikian, terima kasih.'))));
  });

  // --- what the form shows per type -----------------------------------------------------------

  it('GET /api/master/letter-types says which fields each type takes and which it requires', async () => {
    const res = await http.request('GET', '/api/master/letter-types', as(DRAFTER));
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.map((t: { code: string }) => [t.code, t]));
    expect(by.Und).toMatchObject({ name: 'Undangan', fields: 'Und', requiredFields: ['events'] });
    expect(by.ST.requiredFields).toEqual(['basis', 'assignees', 'task', 'period']);
    expect(by.Kpt.requiredFields).toEqual(['about', 'considering', 'observing', 'decrees']);
    expect(by.SD).toMatchObject({ fields: null, requiredFields: [] });
    expect(Object.keys(by.SD.fieldsSchema.properties).sort()).toEqual(['appendices', 'closing', 'onBehalfOfPositionId', 'throughPositionId']);
    expect(by.ST.fieldsSchema.properties.assignees.items.properties.nip.pattern).toBe('^[0-9]{18}$');
  });
  // --- what the signed PDF prints ------------------------------------------------------------------

  it('the signed PDF prints the typed fields in the type\'s layout and the a.n./u.b. lines', async () => {
    const app = http.app;
    const job = new RenderLetterJob(http.ds, app.get(LettersRepository), app.get(OrganisationService), app.get(FilesService), app.get(AuditService), app.get(AppConfig), app.get(DOCUMENT_SIGNER), app.get(LetterWorkNotices), app.get(PadesSigner));
    const pdfOf = async (id: string, user: string) => {
      await job.run({ letterId: id });
      const res = await app.inject({ method: 'GET', url: `/api/letters/${id}/pdf`, headers: { authorization: `Bearer ${T[user] ?? (T[user] = await http.login(user))}` } });
      expect(res.statusCode).toBe(200);
      return pdfText(res.rawPayload).replace(/\s+/g, ' ');
    };
    // Keputusan: title, Menimbang a./b., Mengingat 1./2., Memperhatikan, MEMUTUSKAN, diktum KESATU/KEDUA, lampiran with its table
    const kpt = await pdfOf(signedIds.kpt, DRAFTER);
    expect(firstOutOfOrder(kpt, [
      'TENTANG', 'PENETAPAN ANGGOTA PANITIA PEMILIHAN KECAMATAN SE-KABUPATEN SUMBAWA',
      'Menimbang', 'bahwa untuk melaksanakan tahapan pemilihan perlu dibentuk PPK;',
      'Mengingat', 'Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum;',
      'Memperhatikan', 'MEMUTUSKAN', 'KESATU', 'Menetapkan Anggota PPK sebagaimana tercantum dalam Lampiran.',
      'KEDUA', 'Keputusan ini mulai berlaku pada tanggal ditetapkan.',
      'LAMPIRAN', 'Nyoman Ayu Ketut', 'Ṣalāḥ',
    ])).toBeNull();
    // a.n. the Ketua, u.b. the Sekretaris, signed by the Kabag
    const ub = await pdfOf(signedIds.ub, 'kabag.umum.52');
    expect(firstOutOfOrder(ub, ['a.n. KETUA KOMISI PEMILIHAN UMUM PROVINSI NUSA TENGGARA BARAT,', 'SEKRETARIS,', 'u.b.', 'KEPALA BAGIAN'])).toBeNull();
    // Nota Dinas from the Ketua, Amat Segera: the positions by their titles with the office, the Sifat line as the corner box
    const nd = await pdfOf(signedIds.nd, DRAFTER);
    expect(firstOutOfOrder(nd, [
      'AMAT SEGERA', 'NOTA DINAS',
      'Yth. : Sekretaris KPU Kabupaten Sumbawa',
      'Dari : Ketua KPU Kabupaten Sumbawa',
      'Tembusan : Kepala Subbagian Keuangan, Umum dan Logistik KPU Kabupaten Sumbawa',
      'Sifat : Amat Segera',
      'Hal : Nota dinas pencairan anggaran',
      'Mohon segera diproses.',
      'Ketua KPU Kabupaten Sumbawa,',
    ])).toBeNull();
    expect(nd).not.toMatch(/\bKETUA\b/);
  });
});
