import { renderLetterPdf } from './letter-pdf';
import type { LetterRenderInput, LetterSignatureBlock, SecurityClassCode, UrgencyCode } from './letter-render-input';
import { baseLetter, doc, notaDinas, undangan } from './letter-fixtures';
import { firstOutOfOrder, flat, pdfPages, pdfText } from './pdf-tools';

/**
 * The fields of the letter PDFs as the render job fills them (render-letter.job.ts): the office's
 * name expanded and in capitals, the signer's position title in capitals, the addressees by
 * recipientLabel ("Sekretaris KPU Kabupaten Sumbawa"), the a.n. title from letterContentForRender
 * in capitals. Expected values are written from the layout rules (letter-layout.ts).
 */

const ownKetua: LetterSignatureBlock = { capacityPrefix: '', positionTitle: 'KETUA', signerName: 'Dra. Siti Aminah, M.Si.' };

/** A letter as the render job passes it. */
const asRendered = (over: Partial<LetterRenderInput> = {}): LetterRenderInput =>
  baseLetter({
    addressees: ['Ketua KPU Provinsi Nusa Tenggara Barat'],
    copies: ['Ketua KPU Republik Indonesia'],
    signature: ownKetua,
    ...over,
  });

const memo = (over: Partial<LetterRenderInput> = {}): LetterRenderInput =>
  asRendered({
    ...notaDinas(),
    addressees: ['Sekretaris KPU Kabupaten Sumbawa'],
    copies: ['Kepala Subbagian Keuangan, Umum dan Logistik KPU Kabupaten Sumbawa'],
    signature: ownKetua,
    ...over,
  });

const text = async (input: LetterRenderInput) => flat(pdfText(await renderLetterPdf(input)));

/** The value printed on the "Sifat" line (up to the Lampiran line that follows it in every layout). */
function sifatOf(t: string): string | undefined {
  return /Sifat : (.*?) Lampiran :/.exec(t)?.[1];
}

function expectInOrder(t: string, parts: string[]): void {
  expect({ missingOrOutOfOrder: firstOutOfOrder(t, parts) }).toEqual({ missingOrOutOfOrder: null });
}

describe('letter PDF fields: Sifat', () => {
  const layouts: [string, (over: Partial<LetterRenderInput>) => LetterRenderInput][] = [
    ['Surat Dinas', (over) => asRendered(over)],
    ['Undangan', (over) => asRendered({ ...undangan(), ...over })],
    ['Nota Dinas', (over) => memo(over)],
    ['a type without a layout of its own (as a Surat Dinas)', (over) => asRendered({ typeCode: 'LP', typeName: 'Laporan', ...over })],
  ];
  // [security class, urgency, the Sifat line, the boxed urgency]
  const cases: [SecurityClassCode, UrgencyCode, string, string | null][] = [
    ['B', 'AMAT_SEGERA', 'Amat Segera', 'AMAT SEGERA'],
    ['B', 'SEGERA', 'Segera', 'SEGERA'],
    ['B', 'BIASA', 'Biasa', null],
    ['T', 'BIASA', 'Terbatas', null],
    ['R', 'SEGERA', 'Rahasia, Segera', 'SEGERA'],
    ['SR', 'AMAT_SEGERA', 'Sangat Rahasia, Amat Segera', 'AMAT SEGERA'],
  ];

  describe.each(layouts)('%s', (_name, make) => {
    it.each(cases)('security %s, urgency %s: "Sifat : %s", the corner box agreeing', async (securityClass, urgency, sifat, box) => {
      const t = await text(make({ securityClass, urgency }));
      expect(sifatOf(t)).toBe(sifat);
      if (box) {
        // the box stands above the header fields, and names the same urgency as the Sifat line
        expectInOrder(t, [box, `Sifat : ${sifat}`]);
        expect(t.match(/AMAT SEGERA|SEGERA/g)).toEqual([box]);
      } else {
        expect(t).not.toMatch(/SEGERA/);
      }
    });
  });
});

describe('letter PDF fields: positions named by their titles, not in capitals like a code', () => {
  it('a Nota Dinas from the Ketua: "Dari : Ketua KPU Kabupaten Sumbawa", signed "Ketua KPU Kabupaten Sumbawa,"', async () => {
    const t = await text(memo());
    expectInOrder(t, [
      'NOTA DINAS',
      'Yth. : Sekretaris KPU Kabupaten Sumbawa',
      'Dari : Ketua KPU Kabupaten Sumbawa Tembusan :',
      'Kepala Subbagian Keuangan, Umum dan Logistik KPU Kabupaten Sumbawa Tanggal :',
      'Ketua KPU Kabupaten Sumbawa,',
      'Dra. Siti Aminah, M.Si.',
    ]);
    expect(t).not.toMatch(/\bKETUA\b/);
  });

  it('a Nota Dinas from an acting Sekretaris: "Dari : Plt. Sekretaris KPU Kabupaten Sumbawa"', async () => {
    const t = await text(memo({ signature: { capacityPrefix: 'Plt. ', positionTitle: 'SEKRETARIS', signerName: 'Ahmad Fauzi, S.H.' } }));
    expectInOrder(t, ['Dari : Plt. Sekretaris KPU Kabupaten Sumbawa Tembusan :', 'Plt. Sekretaris KPU Kabupaten Sumbawa,', 'Ahmad Fauzi, S.H.']);
    expect(t).not.toMatch(/\bSEKRETARIS\b/);
  });

  it('a Nota Dinas signed a.n. and u.b.: Dari names the signer, the block a.n. / u.b. in initial capitals', async () => {
    const t = await text(
      memo({
        signature: {
          capacityPrefix: 'a.n. ',
          onBehalfOf: 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA',
          throughTitle: 'SEKRETARIS',
          positionTitle: 'Plh. KEPALA SUBBAGIAN KEUANGAN, UMUM DAN LOGISTIK',
          signerName: 'Baiq Nurul Hidayati, S.E.',
        },
      }),
    );
    expectInOrder(t, [
      'Dari : Plh. Kepala Subbagian Keuangan, Umum dan Logistik KPU Kabupaten Sumbawa Tembusan :',
      'a.n. Ketua KPU Kabupaten Sumbawa,',
      'Sekretaris,',
      'u.b.',
      'Plh. Kepala Subbagian Keuangan, Umum dan Logistik,',
      'Baiq Nurul Hidayati, S.E.',
    ]);
    expect(t).not.toMatch(/\bKETUA\b|\bSEKRETARIS\b|\bKEPALA\b/);
  });

  it("a Nota Dinas's lampiran is closed by the same title as the letter", async () => {
    const pdf = await renderLetterPdf(memo({ typeFields: { appendices: [{ title: 'Rincian Anggaran', content: doc({ type: 'paragraph', content: [{ type: 'text', text: 'Konsumsi rapat.' }] }) }] } }));
    expect(pdfPages(pdf)).toBe(2);
    expectInOrder(flat(pdfText(pdf, 2)), ['LAMPIRAN', 'RINCIAN ANGGARAN', 'Konsumsi rapat.', 'Ketua KPU Kabupaten Sumbawa,', 'Dra. Siti Aminah, M.Si.']);
  });

  it('a Surat Dinas keeps the formal capitals of its signature block, the office named in full (a.n. / u.b. too)', async () => {
    const own = await text(asRendered());
    expectInOrder(own, ['Yth. Ketua KPU Provinsi Nusa Tenggara Barat', 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,', 'Dra. Siti Aminah, M.Si.', 'Tembusan: Ketua KPU Republik Indonesia']);
    const an = await text(
      asRendered({
        signature: { capacityPrefix: 'a.n. ', onBehalfOf: 'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA', throughTitle: 'SEKRETARIS', positionTitle: 'Plt. KEPALA SUBBAGIAN TEKNIS PENYELENGGARAAN PEMILU DAN HUKUM', signerName: 'Lalu Muhammad Zainuddin' },
      }),
    );
    expectInOrder(an, ['a.n. KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,', 'SEKRETARIS,', 'u.b.', 'Plt. KEPALA SUBBAGIAN TEKNIS PENYELENGGARAAN PEMILU DAN HUKUM,', 'Lalu Muhammad Zainuddin']);
  });

  it('a Surat Keterangan writes "Jabatan" of the signer as a title, Plt. included, and groups the NIPs', async () => {
    const t = await text(
      asRendered({
        typeCode: 'SKet',
        typeName: 'Surat Keterangan',
        signature: { capacityPrefix: 'Plt. ', positionTitle: 'SEKRETARIS', signerName: 'Ahmad Fauzi, S.H.', signerNip: '197801012005011002' },
        typeFields: { subject: { name: 'Nyoman Ayu Ketut', nip: '198501012010012001', position: 'Pengelola Data Pemilih' } },
      }),
    );
    expectInOrder(t, [
      'Yang bertanda tangan di bawah ini:',
      'Nama : Ahmad Fauzi, S.H.',
      'NIP : 19780101 200501 1 002',
      'Jabatan : Plt. Sekretaris Komisi Pemilihan Umum Kabupaten Sumbawa dengan ini menerangkan bahwa:',
      'Nama : Nyoman Ayu Ketut',
      'NIP : 19850101 201001 2 001',
      'Plt. SEKRETARIS KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,',
      'Ahmad Fauzi, S.H.',
    ]);
  });
});

describe('letter PDF fields: tembusan', () => {
  it('stays on the page of the signature block: an Undangan running onto a second page carries its closing, signature and tembusan there', async () => {
    const pdf = await renderLetterPdf(asRendered({ ...undangan(), copies: ['Ketua KPU Republik Indonesia', 'Sekretaris KPU Kabupaten Sumbawa'] }));
    const pages = pdfPages(pdf);
    expect(pages).toBe(2);
    const last = flat(pdfText(pdf, pages));
    expectInOrder(last, ['Mengingat pentingnya acara tersebut', 'Hormat kami,', 'KETUA KOMISI PEMILIHAN UMUM', 'Dra. Siti Aminah, M.Si.', 'Tembusan:', '1. Ketua KPU Republik Indonesia', '2. Sekretaris KPU Kabupaten Sumbawa']);
    expect(flat(pdfText(pdf, 1))).not.toContain('Tembusan:');
  });

  it('a long tembusan list keeps its heading and first copy with the signature and continues overleaf', async () => {
    const copies = Array.from({ length: 60 }, (_, i) => `Ketua KPU Kabupaten Nomor ${i + 1}`);
    const pdf = await renderLetterPdf(asRendered({ copies }));
    const pages = pdfPages(pdf);
    expect(pages).toBe(2);
    expectInOrder(flat(pdfText(pdf, 1)), ['Dra. Siti Aminah, M.Si.', 'Tembusan:', '1. Ketua KPU Kabupaten Nomor 1']);
    expect(flat(pdfText(pdf, 2))).toContain('60. Ketua KPU Kabupaten Nomor 60');
  });
});
