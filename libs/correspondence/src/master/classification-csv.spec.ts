import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseClassificationCsv, readCsv, splitCsvLine } from './classification-csv';

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
  const SAMPLE = readFileSync(join(__dirname, 'data', 'klasifikasi-kpu-contoh.csv'), 'utf8');

  it('reads the sample as Excel saves it in an Indonesian locale: BOM, CRLF, `;` separators, quoted `;`, empty `;;;` rows', () => {
    const expected = parseClassificationCsv(SAMPLE).rows;
    // as Excel writes it: a field holding the separator or a quote is quoted
    const quote = (c: string) => (/[;"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const lines = readCsv(SAMPLE).records.map((r) => r.cols.map(quote).join(';'));
    const excel = `\uFEFF${[...lines, ';;;;;;', ''].join('\r\n')}`;
    const read = parseClassificationCsv(excel);
    expect(read.separator).toBe(';');
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual(expected);
    const quoted = parseClassificationCsv(`${HEADER.replace(/,/g, ';')}\r\nPL;Pelaksanaan;;;;;"kode; ringkasan ""KPU"""`);
    expect(quoted.rows[0].source).toBe('kode; ringkasan "KPU"');
  });

  it('says once that the header is wrong, naming the separator read, instead of one error per line', () => {
    const lines = SAMPLE.trim().split('\n');
    const wrong = [lines[0].replace('kode', 'code'), ...lines.slice(1)].join('\n');
    const { problems } = parseClassificationCsv(wrong);
    expect(problems).toEqual([{ line: 1, reason: expect.stringMatching(/^header harus: kode,judul.*pemisah terbaca: koma/) }]);
    expect(parseClassificationCsv(wrong.replace(/,/g, '|')).problems).toHaveLength(1);
  });

  it('reads quoted line breaks as one record, numbered by its first line, and reports an unclosed quote and non-UTF-8 text', () => {
    const { records } = readCsv(`${HEADER}\r\nPL,"Pelaksanaan\r\nPemilu",,,,,kode\r\nPL.01,Ok,2,3,MUSNAH,B,x`);
    expect(records.map((r) => [r.line, r.cols[1]])).toEqual([[1, 'judul'], [2, 'Pelaksanaan\r\nPemilu'], [4, 'Ok']]);
    expect(readCsv(`${HEADER}\nPL,"Pelaksanaan,,,,,kode\nPL.01,Ok`).problems).toEqual([{ line: 2, reason: expect.stringContaining('tidak ditutup') }]);
    expect(parseClassificationCsv(`${HEADER}\nPL,Pelaksanaan \uFFFD,,,,,kode`).problems).toEqual([{ line: 1, reason: expect.stringContaining('UTF-8') }]);
  });
});
