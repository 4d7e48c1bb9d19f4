import { attachmentsLabel, formatIndonesianDate, securityClassLabel, sifatLabel, terbilang, titleCaseId, urgencyLabel } from './indonesian-text';

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

  it('writes the Sifat line: what is not ordinary (security class, then urgency), else Biasa', () => {
    expect(sifatLabel('B', 'BIASA')).toBe('Biasa');
    expect(sifatLabel('B', 'SEGERA')).toBe('Segera');
    expect(sifatLabel('B', 'AMAT_SEGERA')).toBe('Amat Segera');
    expect(sifatLabel('T', 'BIASA')).toBe('Terbatas');
    expect(sifatLabel('R', 'SEGERA')).toBe('Rahasia, Segera');
    expect(sifatLabel('SR', 'AMAT_SEGERA')).toBe('Sangat Rahasia, Amat Segera');
  });

  it('writes titles in capitals as titles: initial capitals, conjunctions low, abbreviations kept', () => {
    expect(titleCaseId('KETUA')).toBe('Ketua');
    expect(titleCaseId('KEPALA SUBBAGIAN KEUANGAN, UMUM DAN LOGISTIK')).toBe('Kepala Subbagian Keuangan, Umum dan Logistik');
    expect(titleCaseId('STAF SUBBAGIAN PARTISIPASI, HUBUNGAN MASYARAKAT DAN SDM')).toBe('Staf Subbagian Partisipasi, Hubungan Masyarakat dan SDM');
    expect(titleCaseId('Plt. SEKRETARIS')).toBe('Plt. Sekretaris');
    expect(titleCaseId('PLH. KETUA KPU KABUPATEN TOLI-TOLI')).toBe('Plh. Ketua KPU Kabupaten Toli-Toli');
    expect(titleCaseId('KETUA PPK SE-KABUPATEN SUMBAWA')).toBe('Ketua PPK se-Kabupaten Sumbawa');
    // written in mixed case already: as given
    expect(titleCaseId('Kepala Dinas Kependudukan dan Pencatatan Sipil')).toBe('Kepala Dinas Kependudukan dan Pencatatan Sipil');
  });
});
