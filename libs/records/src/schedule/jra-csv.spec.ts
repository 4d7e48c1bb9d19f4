import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJraCsv, toJraCsv } from './jra-csv';

const SAMPLE = join(__dirname, '..', '..', '..', 'correspondence', 'src', 'master', 'data', 'klasifikasi-kpu-contoh.csv');
const HEADER = 'kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber';

describe('JRA CSV', () => {
  it('reads the shipped sample (7 columns): every rule starts when the dossier is closed', () => {
    const { rows, problems } = parseJraCsv(readFileSync(SAMPLE, 'utf8'));
    expect(problems).toEqual([]);
    expect(rows.find((r) => r.code === 'TU.05.1')).toMatchObject({ activeYears: 2, inactiveYears: 8, finalAction: 'MUSNAH', trigger: 'CLOSED', isDemo: true });
  });

  it('reads the optional pemicu column and reports a bad one with its line, together with the parser’s own problems', () => {
    const csv = [`${HEADER},pemicu`, 'HK,Hukum,,,,,kode,', 'HK.01,Peraturan,2,5,PERMANEN,B,"PKPU 17/2023, lampiran",PERISTIWA', 'HK.02,Kontrak,2,x,MUSNAH,B,src,TUTUP', 'HK.03,Lain,2,3,MUSNAH,B,src,KAPAN'].join('\r\n');
    const { rows, problems } = parseJraCsv(csv);
    expect(problems).toEqual([
      { line: 4, reason: expect.stringContaining('retensi_inaktif_tahun') },
      { line: 5, reason: 'HK.03: pemicu harus TUTUP atau PERISTIWA' },
    ]);
    expect(rows.find((r) => r.code === 'HK.01')).toMatchObject({ trigger: 'EVENT', source: 'PKPU 17/2023, lampiran', isDemo: false });
  });

  it('refuses an empty file and a wrong header', () => {
    expect(parseJraCsv(`${HEADER}\n`).problems).toEqual([{ line: 1, reason: 'berkas tidak berisi baris klasifikasi' }]);
    expect(parseJraCsv('code,title\nPL,Pelaksanaan').problems[0]).toMatchObject({ line: 1, reason: expect.stringContaining('header') });
  });

  it('exports in the import format, so an export imports back to the same rules', () => {
    const { rows } = parseJraCsv(readFileSync(SAMPLE, 'utf8'));
    const csv = toJraCsv(rows);
    const again = parseJraCsv(csv);
    expect(again.problems).toEqual([]);
    expect(again.rows).toEqual(rows);
  });
});
