import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClassificationCsv, splitCsvLine } from './classification-csv';

const HEADER = 'kode,judul,retensi_aktif_tahun,retensi_inaktif_tahun,nasib_akhir,keamanan,sumber';

describe('classification CSV', () => {
  it('reads the shipped KPU sample whole, marking demo retention values', () => {
    const { rows, problems } = parseClassificationCsv(readFileSync(join(__dirname, 'data', 'klasifikasi-kpu-contoh.csv'), 'utf8'));
    expect(problems).toEqual([]);
    const pl018 = rows.find((r) => r.code === 'PL.01.8')!;
    expect(pl018).toMatchObject({ parentCode: 'PL.01', activeYears: 5, inactiveYears: 10, finalAction: 'PERMANEN', securityClass: 'T', isDemo: true });
    expect(rows.find((r) => r.code === 'TU.01.1')!.isDemo).toBe(false);
    expect(rows.find((r) => r.code === 'PL')!.finalAction).toBeNull();
  });

  it('reports every bad line with its number and reason', () => {
    const csv = [HEADER, 'PL,Pelaksanaan,,,,,kode', 'PL.01,Ok,2,3,MUSNAH,B,x', 'pl.x,Bad code,1,1,MUSNAH,B,x', 'PL.02,Half,2,,MUSNAH,B,x', 'PL.03,Act,2,3,BAKAR,B,x', 'PL.01,Dup,2,3,MUSNAH,B,x', 'ZZ.01,Orphan,1,1,MUSNAH,B,x'].join('\n');
    const { problems } = parseClassificationCsv(csv);
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6, 7, 8]);
    expect(problems[2].reason).toMatch(/nasib_akhir/);
    expect(problems[3].reason).toMatch(/ganda.*baris 3/);
    expect(problems[4].reason).toMatch(/induk ZZ tidak ada/);
  });

  it('splits quoted fields', () => {
    expect(splitCsvLine('A,"b, c","d ""e"""')).toEqual(['A', 'b, c', 'd "e"']);
  });
});
