import { attachmentsLabel, formatIndonesianDate, securityClassLabel, terbilang, urgencyLabel } from './indonesian-text';

describe('Indonesian text', () => {
  it.each([
    ['2024-03-05T00:00:00+07:00', '5 Maret 2024'],
    ['2024-03-04T17:00:00Z', '5 Maret 2024'],
    ['2024-03-04T16:59:59Z', '4 Maret 2024'],
    ['2023-12-31T17:30:00Z', '1 Januari 2024'],
    ['2024-08-17T10:00:00Z', '17 Agustus 2024'],
  ])('formats %s in Asia/Jakarta as %s', (iso, expected) => {
    expect(formatIndonesianDate(new Date(iso))).toBe(expected);
  });

  it.each<[number, string]>([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [111, 'seratus sebelas'],
    [245, 'dua ratus empat puluh lima'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [2024, 'dua ribu dua puluh empat'],
    [100000, 'seratus ribu'],
    [1500000, 'satu juta lima ratus ribu'],
    [2000000000, 'dua miliar'],
  ])('terbilang(%d) = %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('rejects numbers it cannot spell', () => {
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
  });

  it('labels security class, urgency and attachments', () => {
    expect(['B', 'T', 'R', 'SR'].map((c) => securityClassLabel(c as 'B'))).toEqual(['Biasa', 'Terbatas', 'Rahasia', 'Sangat Rahasia']);
    expect(urgencyLabel('AMAT_SEGERA')).toBe('Amat Segera');
    expect(attachmentsLabel(0)).toBe('-');
    expect(attachmentsLabel(1)).toBe('1 (satu) berkas');
    expect(attachmentsLabel(12)).toBe('12 (dua belas) berkas');
  });
});
