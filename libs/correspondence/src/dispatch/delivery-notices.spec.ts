import { deliveryNotices, NoticeTarget } from './delivery-notices';

const to = (ordinal: number, positionId: number, toBeForwarded = false): NoticeTarget => ({ ordinal, kind: 'TO', positionId, toBeForwarded });
const cc = (ordinal: number, positionId: number, toBeForwarded = false): NoticeTarget => ({ ordinal, kind: 'CC', positionId, toBeForwarded });

describe('who is told what when deliveries land', () => {
  it('tells one addressee about its one delivery, with a key per transmission', () => {
    expect(deliveryNotices('7', 'SEND', 'KPU RI', [to(1, 40)])).toEqual([
      { group: 'to', title: 'Surat masuk baru', positionIds: [40], ordinal: 1, key: 'transmission-7-to-1' },
    ]);
  });

  it('tells copies apart ("Tembusan surat masuk") and letters to be forwarded apart', () => {
    const n = deliveryNotices('8', 'SEND', 'KPU Kabupaten Sumbawa', [to(1, 40), cc(2, 41), to(3, 50, true), cc(4, 50, true)]);
    expect(n.map((x) => [x.group, x.title, x.positionIds, x.ordinal])).toEqual([
      ['to', 'Surat masuk baru', [40], 1],
      ['fwd', 'Surat masuk untuk diteruskan', [50], null], // two deliveries for one position: the notice names the letter only
      ['cc', 'Tembusan surat masuk', [41], 2],
    ]);
  });

  it('tells a position that is both addressee and copy once, as addressee', () => {
    const n = deliveryNotices('9', 'SEND', 'KPU RI', [cc(1, 40), to(2, 40), to(3, 41)]);
    expect(n).toEqual([{ group: 'to', title: 'Surat masuk baru', positionIds: [40, 41], ordinal: null, key: 'transmission-9-to-1' }]);
  });

  it('names who forwarded or returned the letter', () => {
    expect(deliveryNotices('10', 'FORWARD', 'KPU Provinsi NTB', [to(1, 1), cc(2, 2)]).map((x) => x.title)).toEqual([
      'Surat masuk diteruskan oleh KPU Provinsi NTB', 'Tembusan surat masuk, diteruskan oleh KPU Provinsi NTB',
    ]);
    expect(deliveryNotices('11', 'RETURN', 'KPU Provinsi NTB', [to(1, 3)])).toEqual([
      { group: 'ret', title: 'Surat dikembalikan oleh KPU Provinsi NTB', positionIds: [3], ordinal: 1, key: 'transmission-11-ret-1' },
    ]);
  });

  it('cuts a circular into batches of at most 1000 positions, one job each', () => {
    const targets = Array.from({ length: 2301 }, (_, i) => to(i + 1, 1000 + i));
    const n = deliveryNotices('12', 'SEND', 'KPU RI', targets);
    expect(n.map((x) => [x.key, x.positionIds.length])).toEqual([['transmission-12-to-1', 1000], ['transmission-12-to-2', 1000], ['transmission-12-to-3', 301]]);
    expect(new Set(n.flatMap((x) => x.positionIds)).size).toBe(2301);
    expect(deliveryNotices('13', 'SEND', 'KPU RI', targets.slice(0, 552))).toHaveLength(1);
  });

  it('tells nobody when nothing was delivered', () => {
    expect(deliveryNotices('14', 'SEND', 'KPU RI', [])).toEqual([]);
  });
});
