import { inflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { renderLetterPdf } from './letter-pdf';
import type { LetterRenderInput } from './letter-render-input';
import { extractEmbeddedVerification } from './pdf-metadata';

const sampleLetter = (over: Partial<LetterRenderInput> = {}): LetterRenderInput => ({
  letterId: '01HQ3Z8K6T2V9XABCD',
  office: {
    name: 'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA',
    address: 'Jalan Garuda Nomor 1, Sumbawa Besar, Nusa Tenggara Barat 84312',
    city: 'Sumbawa',
  },
  number: '1/PY.01.1-SD/5304/2024',
  date: new Date('2024-03-04T18:30:00.000Z'), // 5 Maret 2024, 01:30 WIB
  typeName: 'Surat Dinas',
  securityClass: 'B',
  urgency: 'SEGERA',
  attachmentsCount: 1,
  subject: 'Penyampaian Laporan Pemutakhiran Data Pemilih Berkelanjutan Triwulan I',
  addressees: ['Ketua Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat di Mataram'],
  copies: ['Ketua KPU Republik Indonesia', 'Sekretaris KPU Kabupaten Sumbawa'],
  body: [
    'Dalam rangka pelaksanaan pemutakhiran data pemilih berkelanjutan, bersama ini kami sampaikan laporan hasil kegiatan triwulan I tahun 2024.',
    'Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.',
  ].join('\n\n'),
  signature: { capacityPrefix: '', positionTitle: 'KETUA', signerName: 'Dra. Siti Aminah, M.Si.' },
  verificationUrl: 'https://naskah.kpu.go.id/verifikasi/01HQ3Z8K6T2V9XABCD',
  ...over,
});

/** The text shown by the pages' TJ operators (pdfkit writes it as hex strings), whitespace collapsed. */
function pageText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => {
    const bytes = Buffer.from(m[1], 'latin1');
    try {
      return inflateSync(bytes).toString('latin1');
    } catch {
      return m[1];
    }
  });
  return streams
    .flatMap((s) => [...s.matchAll(/\[([^\]]*)\] TJ/g)])
    .map((m) => [...m[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('renderLetterPdf', () => {
  it('renders a non-empty A4 PDF', async () => {
    const pdf = await renderLetterPdf(sampleLetter());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('is byte-identical for the same input, whatever the clock says', async () => {
    const input = sampleLetter();
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const a = await renderLetterPdf(input);
      jest.setSystemTime(new Date('2031-06-15T12:34:56Z'));
      const b = await renderLetterPdf(sampleLetter());
      expect(b.equals(a)).toBe(true);
      expect(sha256(b)).toBe(sha256(a));
    } finally {
      jest.useRealTimers();
    }
  });

  it('changes when anything printed changes', async () => {
    const a = await renderLetterPdf(sampleLetter());
    const b = await renderLetterPdf(sampleLetter({ number: '2/PY.01.1-SD/5304/2024' }));
    const c = await renderLetterPdf(sampleLetter({ date: new Date('2024-03-04T18:30:01.000Z') }));
    expect(new Set([sha256(a), sha256(b), sha256(c)]).size).toBe(3);
  });

  it('prints the letter in Bahasa Indonesia', async () => {
    const text = pageText(await renderLetterPdf(sampleLetter(), { compress: false }));
    for (const expected of [
      'KOMISI PEMILIHAN UMUM',
      'KABUPATEN SUMBAWA',
      'Sumbawa, 5 Maret 2024',
      '1/PY.01.1-SD/5304/2024',
      'Biasa',
      '1 (satu) berkas',
      'Yth.',
      'SEGERA',
      'Tembusan:',
      'Ketua KPU Republik Indonesia',
      'KETUA,',
      'Dra. Siti Aminah, M.Si.',
      'tanda tangan elektronik tidak tersertifikasi',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('finds the number in the compressed output too', async () => {
    expect(pageText(await renderLetterPdf(sampleLetter()))).toContain('1/PY.01.1-SD/5304/2024');
  });

  it('prints a.n. with the actual position, classification markings and no attachment', async () => {
    const input = sampleLetter({
      securityClass: 'SR',
      urgency: 'BIASA',
      attachmentsCount: 0,
      signature: {
        capacityPrefix: 'a.n. ',
        onBehalfOf: 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA',
        positionTitle: 'SEKRETARIS',
        signerName: 'Ahmad Fauzi, S.H.',
      },
    });
    const text = pageText(await renderLetterPdf(input, { compress: false }));
    expect(text).toContain('a.n. KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,');
    expect(text).toContain('SEKRETARIS,');
    expect(text).toContain('Sangat Rahasia');
    expect(text).toContain('SANGAT RAHASIA');
    expect(text).not.toContain('SEGERA');
    expect(text).toMatch(/Lampiran[\s\S]*-/);
  });

  it('flows a long letter onto more pages with page numbers', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `Paragraf ${i + 1}. ${'Isi surat yang panjang. '.repeat(12)}`).join('\n\n');
    const pdf = await renderLetterPdf(sampleLetter({ body }), { compress: false });
    const pages = Number(/\/Type \/Pages\n\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(pageText(pdf)).toContain(`Halaman 1 dari ${pages}`);
  });

  it('embeds the letter id so an uploaded PDF names its letter', async () => {
    const pdf = await renderLetterPdf(sampleLetter({ letterId: '12345' }));
    expect(extractEmbeddedVerification(pdf)).toBe('12345');
  });

  it('refuses a letter id that cannot be embedded safely', async () => {
    await expect(renderLetterPdf(sampleLetter({ letterId: 'a)b' }))).rejects.toThrow(RangeError);
  });
});
