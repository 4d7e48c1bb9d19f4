import type { INestApplicationContext } from '@nestjs/common';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { forgetOldDispositionJobs, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { positionIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Issue 10, item 10: a grant made for a reason is withdrawn when the reason goes, and only that
 * grant. Rahasia letters: only the positions involved may see them, so a position that stops being
 * involved must stop seeing the letter (404, as for anyone never involved).
 */
describe('access to a Rahasia letter is withdrawn when its reason goes', () => {
  let http: Http;
  const pos: Record<string, number> = {};
  const as = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });

  beforeAll(async () => {
    http = await startApi();
    for (const code of ['KASUBBAG-TPH', 'SEKRETARIS', 'KETUA', 'KASUBBAG-KUL', 'STAF-KUL']) pos[code] = await positionIdOf(http.ds, '5204', code);
    pos.RI_SEKJEN = await positionIdOf(http.ds, 'RI', 'SEKJEN');
  });
  afterAll(() => http.close());

  const rahasia = () => ({
    typeCode: 'SD', subject: 'Hasil klarifikasi laporan dugaan pelanggaran', body: 'Isi rahasia revisi 1', securityClass: 'R', urgency: 'SEGERA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', positionId: pos.RI_SEKJEN }], reviewerPositionIds: [pos['KASUBBAG-TPH'], pos.SEKRETARIS], signerPositionId: pos.KETUA,
  });

  it('a reviewer taken off the chain and a replaced signer stop reading the draft and its new revisions; those who stay keep reading', async () => {
    const created = await as('kasubbag.umum.5204', 'POST', '/api/letters', rahasia());
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const u of ['kasubbag.teknis.5204', 'sekretaris.5204', 'ketua.5204']) expect({ u, status: (await as(u, 'GET', `/api/letters/${id}`)).status }).toEqual({ u, status: 200 });
    expect((await as('staf.umum.5204', 'GET', `/api/letters/${id}`)).status).toBe(404);

    // the drafter drops the first reviewer and gives the signature to the Sekretaris
    const edited = await as('kasubbag.umum.5204', 'PATCH', `/api/letters/${id}`, { version: created.body.version, reviewerPositionIds: [pos.SEKRETARIS], signerPositionId: pos.SEKRETARIS, body: 'Isi rahasia revisi 2' });
    expect(edited.status).toBe(200);
    for (const [u, url] of [['kasubbag.teknis.5204', `/api/letters/${id}`], ['kasubbag.teknis.5204', `/api/letters/${id}/revisions`], ['ketua.5204', `/api/letters/${id}`], ['ketua.5204', `/api/letters/${id}/pdf`]]) {
      expect({ u, url, status: (await as(u, 'GET', url)).status }).toEqual({ u, url, status: 404 });
    }
    const stays = await as('sekretaris.5204', 'GET', `/api/letters/${id}`);
    expect(stays).toMatchObject({ status: 200, body: { body: 'Isi rahasia revisi 2' } });
    // the Sekretaris is now both reviewer and signer: dropping it from the chain keeps its SIGNER grant
    const again = await as('kasubbag.umum.5204', 'PATCH', `/api/letters/${id}`, { version: edited.body.version, reviewerPositionIds: [pos['KASUBBAG-TPH']] });
    expect(again.status).toBe(200);
    expect((await as('sekretaris.5204', 'GET', `/api/letters/${id}`)).status).toBe(200);
    expect((await as('kasubbag.teknis.5204', 'GET', `/api/letters/${id}`)).status).toBe(200);
    // the drafter always keeps the draft
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${id}`)).status).toBe(200);
  });

  it('the recipient of a disposition cancelled while unread stops reading the letter; another disposition to the same position keeps its grant', async () => {
    await forgetOldDispositionJobs(http.app);
    const worker: INestApplicationContext = await createWorker();
    await worker.init();
    let letter: Awaited<ReturnType<typeof receivedLetter>>;
    let second: Awaited<ReturnType<typeof receivedLetter>>;
    try {
      letter = await receivedLetter(http, { office: '5204', position: 'KETUA' }, { subject: 'Laporan rahasia penanganan pelanggaran', securityClass: 'R' });
      second = await receivedLetter(http, { office: '5204', position: 'KETUA' }, { subject: 'Laporan rahasia kedua', securityClass: 'R' });
    } finally {
      await worker.close();
    }
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${letter.letterId}`)).status).toBe(404);
    const issued = await as('ketua.5204', 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos['KASUBBAG-KUL'], pos.SEKRETARIS], instructionCodes: ['TINDAK_LANJUTI'] });
    expect(issued.status).toBe(201);
    const [toKasubbag, toSekretaris] = issued.body.map((d: { id: string }) => d.id);
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${letter.letterId}`)).status).toBe(200);

    // cancelled while unread: the Kasubbag no longer sees the letter; the Sekretaris still does
    const cancelled = await as('ketua.5204', 'POST', `/api/dispositions/${toKasubbag}/cancel`, { reason: 'Salah tujuan' });
    expect(cancelled.status).toBe(200);
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${letter.letterId}`)).status).toBe(404);
    expect((await as('kasubbag.umum.5204', 'GET', `/api/dispositions/${toKasubbag}`)).status).toBe(404);
    expect((await as('sekretaris.5204', 'GET', `/api/letters/${letter.letterId}`)).status).toBe(200);
    expect(toSekretaris).toBeDefined();

    // a grant on another letter is untouched; and on the same letter a second disposition to the
    // same position keeps it when the first one is cancelled
    const other = await as('ketua.5204', 'POST', '/api/dispositions', { deliveryId: second.deliveryId, recipientPositionIds: [pos['KASUBBAG-KUL']], instructionCodes: ['PELAJARI'] });
    expect(other.status).toBe(201);
    const a = await as('ketua.5204', 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos['STAF-KUL']], instructionCodes: ['PELAJARI'] });
    const b = await as('sekretaris.5204', 'POST', `/api/dispositions/${toSekretaris}/dispositions`, { recipientPositionIds: [pos['STAF-KUL']], instructionCodes: ['TINDAK_LANJUTI'] });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await as('ketua.5204', 'POST', `/api/dispositions/${a.body[0].id}/cancel`, { reason: "Sudah didisposisikan Sekretaris" })).status).toBe(200);
    expect((await as('staf.umum.5204', 'GET', `/api/letters/${letter.letterId}`)).status).toBe(200);
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${second.letterId}`)).status).toBe(200);
  });
});
