import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@naskah/db';
import { outsideJob, runAsJob, SecondConnection, watchConnections } from './connection-discipline';

/** The rule "a job holds at most one connection" as the worker watches it, on a real pool. */
describe('connection discipline: a job that takes a second database connection is reported', () => {
  let ds: DataSource;
  const reports: SecondConnection[] = [];

  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, { poolSize: 4 } as never));
    await ds.initialize();
    watchConnections(ds, (v) => reports.push(v));
  });
  afterAll(() => ds.destroy());
  beforeEach(() => (reports.length = 0));

  it('stays silent for a job that works through its transaction and then runs single queries one after another', async () => {
    await runAsJob('good-job', '1', async () => {
      await ds.transaction(async (em) => {
        await em.query('SELECT 1');
        await Promise.all([em.query('SELECT 2'), em.query('SELECT 3')]); // one connection: the transaction's
      });
      await ds.query('SELECT 4');
      await ds.manager.query('SELECT 5');
    });
    expect(reports).toEqual([]);
  });

  it('names the job and the call site when it reads through the DataSource inside its transaction', async () => {
    const lookup = () => ds.query('SELECT 1'); // what OrganisationService.getOffice did inside render-letter
    await runAsJob('bad-job', '7', () => ds.transaction(async (em) => {
      await em.query('SELECT 1');
      await lookup();
    }));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ job: 'bad-job', jobId: '7', held: 1 });
    expect(reports[0].at.join('\n')).toContain('connection-discipline.int-spec.ts');
  });

  it('counts parallel single queries of one job as two connections', async () => {
    await runAsJob('parallel-job', '8', async () => {
      await Promise.all([ds.query('SELECT 1'), ds.query('SELECT 2')]);
    });
    expect(reports.map((r) => r.job)).toEqual(['parallel-job']);
  });

  it('does not count work a job only starts (outsideJob), nor queries outside any job', async () => {
    await runAsJob('starter', '9', () => ds.transaction(async (em) => {
      await em.query('SELECT 1');
      await outsideJob(() => ds.query('SELECT 2'));
    }));
    await Promise.all([ds.query('SELECT 3'), ds.query('SELECT 4')]);
    expect(reports).toEqual([]);
  });
});
