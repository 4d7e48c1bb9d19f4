import { FastifyAdapter } from '@nestjs/platform-fastify';
import { toInboxItem } from './delivery-view';
import { INBOX_PAGE_SCHEMA } from './inbox-page.schema';

/** A raw inbox row as the page query returns it, every column set (or null) as `i` varies. */
const row = (i: number) => ({
  id: String(1_000_000 - i), letter_id: '77', transmission_id: '88', kind: i % 5 ? 'TO' : 'CC', status: i % 3 ? 'READ' : 'DELIVERED', position_id: 152, office_id: 20,
  agenda_number: 5000 + i, agenda_year: 2026, to_be_forwarded: i % 2, final_office_id: i % 2 ? 3 : null, final_position_id: i % 2 ? 9 : null, sender_office_id: 1,
  sender_name: 'KPU Kabupaten "Sumbawa" \\ NTB', subject: `Undangan rapat\nkoordinasi ${i} — tahap ☑`, number: i % 3 ? `${i}/PY.01.1-SD/5204/2026` : null,
  type_code: 'SD', urgency: 'SEGERA', security_class: 'T', created_at: new Date(Date.UTC(2026, 10, 23, 1, 2, 3, i)), read_at: i % 2 ? new Date(Date.UTC(2026, 10, 24)) : null,
  read_by_user_id: i % 2 ? 5 : null, arrived_by: ['SEND', 'FORWARD', 'RETURN', 'REGISTER'][i % 4], via_office_id: 20, via_office_name: 'KPU Provinsi NTB', via_note: i % 8 === 1 ? 'mohon ditindaklanjuti' : null,
});

describe('inbox page serializer', () => {
  /** Serializes through Fastify with the schema as the response schema, as the API does. */
  async function throughFastify(page: object): Promise<string> {
    const app = new FastifyAdapter().getInstance();
    app.get('/page', { schema: { response: { 200: INBOX_PAGE_SCHEMA } } }, async () => page);
    try {
      return (await app.inject({ method: 'GET', url: '/page' })).payload;
    } finally {
      await app.close();
    }
  }

  it('writes exactly what JSON.stringify writes, for every kind of row', async () => {
    const page = { items: Array.from({ length: 16 }, (_, i) => toInboxItem(row(i))), page: 1, pageSize: 20, hasMore: true, nextBefore: '999985', positionIds: [152, 160], sort: '-receivedAt', total: 12_345 };
    expect(await throughFastify(page)).toBe(JSON.stringify(page));
    const empty = { items: [], page: 2, pageSize: 20, hasMore: false, nextBefore: null, positionIds: [], sort: 'sender', total: null };
    expect(await throughFastify(empty)).toBe(JSON.stringify(empty));
  });

  it('is the serializer in use: a property missing from the schema would be dropped', async () => {
    const page = { items: [{ ...toInboxItem(row(1)), extra: 'x' }], page: 1, pageSize: 20, hasMore: false, nextBefore: null, positionIds: [152] };
    expect(JSON.parse(await throughFastify(page)).items[0].extra).toBeUndefined();
  });
});
