import { letterLabel, titleAbout } from './notification-titles';

describe('notification titles name the letter', () => {
  it('by number once it has one, otherwise by subject (cut to 80 characters)', () => {
    expect(titleAbout('SIGNATURE_REQUESTED', letterLabel({ id: '7', number: '12/PY.01.1-SD/5204/2026', subject: 'Usulan PAW' }))).toBe('Perlu tanda tangan: nomor 12/PY.01.1-SD/5204/2026');
    expect(titleAbout('REVIEW_REQUESTED', letterLabel({ id: '7', subject: '  Usulan   PAW ', securityClass: 'T' }))).toBe('Perlu paraf: "Usulan PAW"');
    expect(letterLabel({ id: '7', subject: 'x'.repeat(100) })).toBe(`"${'x'.repeat(79)}…"`);
  });

  it('never puts the subject of a Rahasia / Sangat Rahasia letter into a title', () => {
    expect(letterLabel({ id: '7', subject: 'Hasil audit investigasi', securityClass: 'R' })).toBe('naskah #7 (Rahasia)');
    expect(letterLabel({ id: '8', subject: 'Hasil audit investigasi', securityClass: 'SR' })).toBe('naskah #8 (Sangat Rahasia)');
    expect(letterLabel({ id: '8', number: '3/HK/RI/2026', subject: 'Hasil audit', securityClass: 'SR' })).toBe('nomor 3/HK/RI/2026');
  });
});
