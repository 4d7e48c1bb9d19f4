import type { INestApplicationContext } from '@nestjs/common';
import { AuditService } from '@naskah/audit';
import { SendService } from '@naskah/correspondence';
import { countRows, Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { forgetOldDispositionJobs, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { forgetOldDispatchJobs, positionIdOf } from '../../libs/testing/src/letters-fixture';

/** Issue 11, items 1, 3, 4, 5: no half-done states, no doubles, a history that says what happened. */
describe('no half-done states', () => {
  let http: Http;
  const pos: Record<string, number> = {};
  const as = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });

  beforeAll(async () => {
    SendService.documentWaitMs = 1_000;
    http = await startApi();
    await forgetOldDispatchJobs(http.app);
    await forgetOldDispositionJobs(http.app);
    for (const code of ['KETUA', 'SEKRETARIS', 'KASUBBAG-KUL', 'KASUBBAG-TPH', 'STAF-KUL']) pos[code] = await positionIdOf(http.ds, '5204', code);
    pos.RI_SEKJEN = await positionIdOf(http.ds, 'RI', 'SEKJEN');
    pos.MATARAM_KETUA = await positionIdOf(http.ds, '5271', 'KETUA');
    [{ id: pos.MATARAM_OFFICE }] = await http.ds.query("SELECT id FROM offices WHERE code = '5271'");
  });
  afterAll(async () => {
    SendService.documentWaitMs = 8_000;
    await http.close();
  });

  const draft = (over: Record<string, unknown> = {}) => ({
    typeCode: 'ND', subject: 'Permintaan data logistik', body: 'Mohon data logistik.', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
    recipients: [{ kind: 'TO', positionId: pos.SEKRETARIS }], reviewerPositionIds: [], signerPositionId: pos.KETUA, ...over,
  });

  it('refuses to send a signed letter before its PDF, hash and signature exist (409 DOCUMENT_NOT_READY), and sends it once they do', async () => {
    const created = await as('kasubbag.umum.5204', 'POST', '/api/letters', draft());
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await as('kasubbag.umum.5204', 'POST', `/api/letters/${id}/submit`)).status).toBe(201);
    const signed = await as('ketua.5204', 'POST', `/api/letters/${id}/sign`, { password: 'Naskah#2026' });
    expect(signed.body.status).toBe('SIGNED');
    // no worker runs yet: the render job has not written the document; the send waits a while, then refuses
    const waited = Date.now();
    const early = await as('kasubbag.umum.5204', 'POST', `/api/letters/${id}/send`);
    expect(Date.now() - waited).toBeGreaterThanOrEqual(SendService.documentWaitMs);
    expect(early).toMatchObject({ status: 409, body: { code: 'DOCUMENT_NOT_READY' } });
    expect(await countRows(http.ds, 'transmissions', 'letter_id = ?', [id])).toBe(0);
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${id}`)).body.status).toBe('SIGNED');

    const worker: INestApplicationContext = await createWorker();
    await worker.init();
    try {
      // with the worker running, a send right after signing waits for the document and goes out
      SendService.documentWaitMs = 15_000;
      const sent = await as('kasubbag.umum.5204', 'POST', `/api/letters/${id}/send`);
      expect(sent).toMatchObject({ status: 201, body: { status: 'SENT', targetCount: 1 } });
    } finally {
      await worker.close();
    }
  });

  it('refuses the same addressee twice in one letter, naming the duplicate (also an office and its head)', async () => {
    const before = await countRows(http.ds, 'letters');
    const twice = await as('kasubbag.umum.5204', 'POST', '/api/letters', draft({ recipients: [{ kind: 'TO', positionId: pos.SEKRETARIS }, { kind: 'CC', positionId: pos['KASUBBAG-TPH'] }, { kind: 'CC', positionId: pos.SEKRETARIS }] }));
    expect(twice).toMatchObject({ status: 422, body: { code: 'DUPLICATE_RECIPIENT', details: { fields: [{ field: 'recipients.2' }], duplicateOf: 0 } } });
    const officeAndHead = await as('kasubbag.umum.5204', 'POST', '/api/letters', draft({ typeCode: 'SD', recipients: [{ kind: 'TO', officeId: pos.MATARAM_OFFICE }, { kind: 'CC', positionId: pos.MATARAM_KETUA }] }));
    expect(officeAndHead).toMatchObject({ status: 422, body: { code: 'DUPLICATE_RECIPIENT', details: { fields: [{ field: 'recipients.1' }] } } });
    const external = await as('kasubbag.umum.5204', 'POST', '/api/letters', draft({ recipients: [{ kind: 'TO', positionId: pos.SEKRETARIS }, { kind: 'CC', externalName: 'Bawaslu Kabupaten Sumbawa' }, { kind: 'CC', externalName: ' bawaslu  kabupaten sumbawa' }] }));
    expect(external).toMatchObject({ status: 422, body: { code: 'DUPLICATE_RECIPIENT', details: { fields: [{ field: 'recipients.2' }] } } });
    expect(await countRows(http.ds, 'letters')).toBe(before);
    // an edit that adds a duplicate is refused too and changes nothing
    const ok = await as('kasubbag.umum.5204', 'POST', '/api/letters', draft());
    const edit = await as('kasubbag.umum.5204', 'PATCH', `/api/letters/${ok.body.id}`, { version: ok.body.version, recipients: [{ kind: 'TO', positionId: pos.SEKRETARIS }, { kind: 'TO', positionId: pos.SEKRETARIS }] });
    expect(edit).toMatchObject({ status: 422, body: { code: 'DUPLICATE_RECIPIENT' } });
    expect((await as('kasubbag.umum.5204', 'GET', `/api/letters/${ok.body.id}`)).body.recipients).toHaveLength(1);
  });

  describe('dispositions', () => {
    let letter: { letterId: string; deliveryId: string };
    beforeAll(async () => {
      const worker: INestApplicationContext = await createWorker();
      await worker.init();
      try {
        letter = await receivedLetter(http, { office: '5204', position: 'KETUA' }, { subject: 'Permintaan laporan logistik' });
      } finally {
        await worker.close();
      }
    });

    it('a double click disposes once: a second open disposition to the same position from the same place is 409, also when raced', async () => {
      const body = { deliveryId: letter.deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['TINDAK_LANJUTI'] };
      const [a, b] = await Promise.all([as('ketua.5204', 'POST', '/api/dispositions', body), as('ketua.5204', 'POST', '/api/dispositions', body)]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const refused = a.status === 409 ? a : b;
      expect(refused.body).toMatchObject({ code: 'DISPOSITION_ALREADY_OPEN', details: { fields: [{ field: 'recipientPositionIds.0' }] } });
      expect(await countRows(http.ds, 'dispositions', 'delivery_id = ? AND recipient_position_id = ?', [letter.deliveryId, pos.SEKRETARIS])).toBe(1);
      // the same from a re-disposition: one per position under the same parent
      const first = (a.status === 201 ? a : b).body[0].id;
      const down = { recipientPositionIds: [pos['KASUBBAG-KUL']], instructionCodes: ['PELAJARI'] };
      expect((await as('sekretaris.5204', 'POST', `/api/dispositions/${first}/dispositions`, down)).status).toBe(201);
      expect((await as('sekretaris.5204', 'POST', `/api/dispositions/${first}/dispositions`, down)).body.code).toBe('DISPOSITION_ALREADY_OPEN');
      // once the first is cancelled, disposing to that position again is allowed
      const toStaf = await as('ketua.5204', 'POST', '/api/dispositions', { ...body, recipientPositionIds: [pos['STAF-KUL']] });
      expect((await as('ketua.5204', 'POST', `/api/dispositions/${toStaf.body[0].id}/cancel`, { reason: 'Salah tujuan' })).status).toBe(200);
      expect((await as('ketua.5204', 'POST', '/api/dispositions', { ...body, recipientPositionIds: [pos['STAF-KUL']] })).status).toBe(201);
    });

    it('completing straight from UNREAD records that it was read and started then, by whom, in the history', async () => {
      const issued = await as('ketua.5204', 'POST', '/api/dispositions', { deliveryId: letter.deliveryId, recipientPositionIds: [pos['KASUBBAG-TPH']], instructionCodes: ['PELAJARI'] });
      const id = issued.body[0].id;
      const done = await as('kasubbag.teknis.5204', 'POST', `/api/dispositions/${id}/complete`, { body: 'Sudah dipelajari.' });
      expect(done.status).toBe(200);
      const [row] = await http.ds.query('SELECT read_at, read_by_user_id, started_at, completed_at FROM dispositions WHERE id = ?', [id]);
      const [user] = await http.ds.query("SELECT id FROM users WHERE username = 'kasubbag.teknis.5204'");
      expect(Number(row.read_by_user_id)).toBe(Number(user.id));
      expect(row.read_at).toEqual(row.completed_at);
      const history = (await as('kasubbag.teknis.5204', 'GET', `/api/dispositions/${id}/history`)).body;
      expect(history.map((e: { action: string }) => e.action)).toEqual(['DISPOSITION_ISSUED', 'DISPOSITION_READ', 'DISPOSITION_STARTED', 'DISPOSITION_FOLLOW_UP', 'DISPOSITION_COMPLETED']);
      expect(history[1].after).toMatchObject({ implied: 'COMPLETED' });
      expect((await http.app.get(AuditService).verify()).ok).toBe(true);
    });
  });
});
