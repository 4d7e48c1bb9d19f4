import { QueueName } from '../queue-names';
import { judgePipeline, OutboxBacklog, QueueBacklog } from './pipeline-status';
import { dueSince } from './pipeline-status.service';

const outbox = (o: Partial<OutboxBacklog> = {}): OutboxBacklog => ({ unrelayed: 0, oldestSince: null, oldestAgeSeconds: null, late: false, ...o });
const queue = (q: Partial<QueueBacklog> = {}): QueueBacklog => ({ name: QueueName.DISPATCH, waiting: 0, active: 0, delayed: 0, failed: 0, oldestWaitingAgeSeconds: null, late: false, ...q });

describe('the pipeline verdict', () => {
  it('is OK when nothing waits late and everything could be read', () => {
    expect(judgePipeline(outbox(), [queue(), queue({ name: QueueName.RECORDS, failed: 3 })], 120)).toEqual({ verdict: 'OK', problems: [] });
  });

  it('is LATE naming the outbox and each late queue', () => {
    const j = judgePipeline(outbox({ unrelayed: 4, oldestAgeSeconds: 300, late: true }), [queue({ waiting: 9, oldestWaitingAgeSeconds: 200, late: true }), queue({ name: QueueName.RECORDS })], 120);
    expect(j.verdict).toBe('LATE');
    expect(j.problems).toEqual([expect.stringMatching(/^outbox: 4 tugas .* 300 detik/), expect.stringMatching(/^antrean dispatch: 9 tugas menunggu, tertua 200 detik/)]);
  });

  it('is LATE, not UNKNOWN, when Redis is unreadable but the outbox is late (the usual outage)', () => {
    const j = judgePipeline(outbox({ unrelayed: 1, oldestAgeSeconds: 500, late: true }), [queue({ error: 'timeout' })], 120);
    expect(j.verdict).toBe('LATE');
    expect(j.problems).toHaveLength(2);
  });

  it('is UNKNOWN when a part could not be read and nothing is known late', () => {
    expect(judgePipeline(outbox({ error: 'ECONNREFUSED' }), [queue()], 120).verdict).toBe('UNKNOWN');
  });
});

describe('when a waiting job became due', () => {
  it('is its creation plus its delay, or its last start plus its backoff for a retry', () => {
    expect(dueSince({ timestamp: 1_000, processedOn: undefined, delay: 0 })).toBe(1_000);
    expect(dueSince({ timestamp: 1_000, processedOn: undefined, delay: 5_000 })).toBe(6_000);
    expect(dueSince({ timestamp: 1_000, processedOn: 9_000, delay: 2_000 })).toBe(11_000);
  });
});
