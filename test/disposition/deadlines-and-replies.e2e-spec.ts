import type { INestApplicationContext } from '@nestjs/common';
import { Http, startApi } from '@naskah/testing';
import { createWorker } from '../../apps/worker/src/main';
import { forgetOldDispositionJobs, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { eventually, positionIdOf } from '../../libs/testing/src/letters-fixture';

/** Issue 11, items 15, 16, 17. */
describe('deadlines on days off, replies by any recipient of "Siapkan jawaban", one holiday calendar for every process', () => {
  let http: Http;
  const pos: Record<string, number> = {};
  const letters: { letterId: string; deliveryId: string }[] = [];
  const as = async (user: string, method: string, url: string, body?: unknown, on: Http = http) => on.request(method, url, { token: await on.login(user), body });

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispositionJobs(http.app);
    const worker: INestApplicationContext = await createWorker();
    await worker.init();
    try {
      for (let i = 0; i < 3; i++) letters.push(await receivedLetter(http, { office: '5271', position: 'KETUA' }, { subject: `Permintaan tanggapan ${i + 1}` }));
    } finally {
      await worker.close();
    }
    for (const code of ['SEKRETARIS', 'KASUBBAG-KUL', 'KASUBBAG-TPH']) pos[code] = await positionIdOf(http.ds, '5271', code);
  });
  afterAll(() => http.close());

  /** The next working day after a date, by the rule: not a Saturday or Sunday and not in the holiday calendar. */
  async function nextWorkingDay(date: string): Promise<string> {
    const off = new Set((await http.ds.query("SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d') AS d FROM holidays")).map((r: { d: string }) => r.d));
    const d = new Date(`${date}T00:00:00Z`);
    for (;;) {
      d.setUTCDate(d.getUTCDate() + 1);
      const iso = d.toISOString().slice(0, 10);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !off.has(iso)) return iso;
    }
  }

  it('accepts a deadline on a Sunday or on Natal but warns, naming the next working day; a working day gets no warning', async () => {
    const natal = '2026-12-25'; // Hari Raya Natal, a national holiday in the seeded calendar
    expect((await http.ds.query("SELECT COUNT(*) AS n FROM holidays WHERE holiday_date = '2026-12-25'"))[0].n).not.toBe('0');
    const onNatal = await as('ketua.5271', 'POST', '/api/dispositions', { deliveryId: letters[0].deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['TINDAK_LANJUTI'], deadline: natal });
    expect(onNatal.status).toBe(201);
    expect(onNatal.body[0]).toMatchObject({ deadline: natal, deadlineWarning: { code: 'DEADLINE_NOT_WORKING_DAY', nextWorkingDay: await nextWorkingDay(natal) } });
    expect(onNatal.body[0].deadlineWarning.message).toMatch(/Natal/);

    const sunday = '2027-01-03';
    expect(new Date(`${sunday}T00:00:00Z`).getUTCDay()).toBe(0);
    const onSunday = await as('ketua.5271', 'POST', '/api/dispositions', { deliveryId: letters[0].deliveryId, recipientPositionIds: [pos['KASUBBAG-KUL']], instructionCodes: ['PELAJARI'], deadline: sunday });
    expect(onSunday.body[0]).toMatchObject({ deadline: sunday, deadlineWarning: { code: 'DEADLINE_NOT_WORKING_DAY', nextWorkingDay: await nextWorkingDay(sunday) } });
    expect(onSunday.body[0].deadlineWarning.message).toMatch(/akhir pekan/);
    // the detail shows it too
    expect((await as('ketua.5271', 'GET', `/api/dispositions/${onSunday.body[0].id}`)).body.deadlineWarning).toMatchObject({ code: 'DEADLINE_NOT_WORKING_DAY' });

    const byWorkingDays = await as('ketua.5271', 'POST', '/api/dispositions', { deliveryId: letters[0].deliveryId, recipientPositionIds: [pos['KASUBBAG-TPH']], instructionCodes: ['PELAJARI'], workingDays: 3 });
    expect(byWorkingDays.body[0].deadlineWarning).toBeNull();
  });

  it('lets a Sekretaris (no drafter role) who receives "Siapkan jawaban" draft the reply it asks for', async () => {
    const [issued] = (await as('ketua.5271', 'POST', '/api/dispositions', { deliveryId: letters[1].deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['SIAPKAN_JAWABAN'] })).body;
    const reply = await as('sekretaris.5271', 'POST', `/api/dispositions/${issued.id}/reply-letter`, { classificationCode: 'PY.01.1' });
    expect(reply.status).toBe(201);
    const draft = await as('sekretaris.5271', 'GET', `/api/letters/${reply.body.replyLetterId}`);
    expect(draft).toMatchObject({ status: 200, body: { status: 'DRAFT', drafterPositionId: pos.SEKRETARIS } });
    // without that instruction, a position without the drafter role still cannot draft
    expect((await as('sekretaris.5271', 'POST', '/api/letters', {
      typeCode: 'ND', subject: 'Konsep sendiri', body: 'x y z', securityClass: 'B', urgency: 'BIASA', classificationCode: 'PY.01.1',
      recipients: [{ kind: 'TO', positionId: pos['KASUBBAG-KUL'] }], reviewerPositionIds: [], signerPositionId: pos.SEKRETARIS,
    })).body.code).toBe('ROLE_REQUIRED');
  });

  it('a holiday added through one API process counts at once in another (no 60-second stale calendar)', async () => {
    const other = await startApi();
    try {
      const day = '2027-02-09'; // a Tuesday with no holiday in the seeded calendar
      expect((await http.ds.query('SELECT COUNT(*) AS n FROM holidays WHERE holiday_date = ?', [day]))[0].n).toBe('0');
      const preview = async (on: Http) => (await as('ketua.5271', 'GET', '/api/holidays/deadline?workingDays=1&from=2027-02-08', undefined, on)).body;
      // both processes have the calendar cached
      expect((await preview(http)).deadline).toBe(day);
      expect((await preview(other)).deadline).toBe(day);
      const added = await as('admin', 'POST', '/api/holidays', { date: day, kind: 'CUTI_BERSAMA', name: 'Cuti bersama (uji)' });
      expect(added.status).toBe(201);
      await eventually(async () => {
        const p = await preview(other);
        return p.deadline === '2027-02-10' ? true : undefined;
      }, 'the other process to see the new holiday', 5_000);
      await as('admin', 'DELETE', `/api/holidays/${added.body.id}`);
      await eventually(async () => {
        const p = await preview(other);
        return p.deadline === day ? true : undefined;
      }, 'the other process to see the holiday removed', 5_000);
    } finally {
      await other.close();
    }
  });
});
