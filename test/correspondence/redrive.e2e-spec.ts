import { ControllableClock } from '@naskah/core';
import { OutboxService } from '@naskah/queue';
import { StuckWorkRedriver } from '@naskah/correspondence';
import { DataSource } from 'typeorm';
import { Http, startApiAndWorker } from '@naskah/testing';
import { deliveriesOnceDispatched, eventually, insertSignedLetterFixture } from '../../libs/testing/src/letters-fixture';

/** Work whose job was lost for good (failed after its retries, or a Redis that lost its data) is issued again. */
describe('re-driving lost dispatch work', () => {
  let http: Http;
  let ds: DataSource;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ http, ds, close: stop } = await startApiAndWorker());
  });
  afterAll(() => stop());

  it('dispatches a transmission whose job was lost, exactly once, and leaves finished work alone', async () => {
    const { letterId } = await insertSignedLetterFixture(ds, { office: 'RI', to: [{ office: '52' }, { office: '5204' }] });
    await http.request('POST', `/api/letters/${letterId}/send`, { token: await http.login('sekjen.ri') });
    const first = await deliveriesOnceDispatched(ds, letterId);
    expect(first).toHaveLength(2);
    // simulate a job that never ran: the transmission is undispatched and has no deliveries
    const [{ id: tid }] = await ds.query('SELECT id FROM transmissions WHERE letter_id = ?', [letterId]);
    // (its agenda numbers were never allocated either: give them back, or the counters would show gaps other suites check for)
    await ds.query(
      `UPDATE number_counters c JOIN (SELECT CONCAT('agenda|office=', office_id, '|year=', agenda_year) AS k, COUNT(*) AS n FROM deliveries WHERE transmission_id = ? GROUP BY office_id, agenda_year) d
         ON c.scope_key = d.k SET c.value = c.value - d.n`,
      [tid],
    );
    await ds.query('DELETE FROM deliveries WHERE transmission_id = ?', [tid]);
    await ds.query('UPDATE transmissions SET dispatched_at = NULL WHERE id = ?', [tid]);

    const clock = new ControllableClock();
    clock.set(new Date(Date.now() + 3 * 60_000));
    const redriver = new StuckWorkRedriver(ds, http.app.get(OutboxService), clock);
    expect(await redriver.redrive()).toBeGreaterThanOrEqual(1);
    expect(await redriver.redrive()).toBeGreaterThanOrEqual(1); // a second worker in the same minute adds nothing new
    const [rows] = await ds.query("SELECT COUNT(*) AS n FROM outbox WHERE job_id LIKE ?", [`dispatch-letter_${tid}_redrive%`]);
    expect(Number(rows.n)).toBe(1);
    await http.app.get(OutboxService).relay();

    const again = await eventually(async () => {
      const d = await ds.query('SELECT ordinal FROM deliveries WHERE transmission_id = ? ORDER BY ordinal', [tid]);
      return d.length === 2 ? d : undefined;
    }, 'deliveries after re-drive');
    expect(again.map((d: { ordinal: number }) => Number(d.ordinal))).toEqual([1, 2]);
    const [t] = await ds.query('SELECT dispatched_at FROM transmissions WHERE id = ?', [tid]);
    expect(t.dispatched_at).not.toBeNull();
  });
});
