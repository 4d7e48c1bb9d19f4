import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { renderLetterPdf } from './letter-pdf';
import type { LetterRenderInput } from './letter-render-input';
import { baseLetter, doc, keputusan, notaDinas, richBody, suratTugas, undangan } from './letter-fixtures';
import { extractEmbeddedVerification } from './pdf-metadata';
import { firstOutOfOrder, flat, pdfFonts, pdfPages, pdfText } from './pdf-tools';

const sampleLetter = baseLetter;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Expects the parts in this order in the text; names the first one missing or out of order. */
function expectInOrder(text: string, parts: string[]): void {
  expect({ missingOrOutOfOrder: firstOutOfOrder(flat(text), parts) }).toEqual({ missingOrOutOfOrder: null });
}

describe('renderLetterPdf', () => {
  it('renders a non-empty A4 PDF', async () => {
    const pdf = await renderLetterPdf(sampleLetter());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('is byte-identical for the same input, whatever the clock says', async () => {
    const input = suratTugas();
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const a = await renderLetterPdf(input);
      jest.setSystemTime(new Date('2031-06-15T12:34:56Z'));
      const b = await renderLetterPdf(suratTugas());
      expect(b.equals(a)).toBe(true);
      expect(sha256(b)).toBe(sha256(a));
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives the same bytes in a fresh process (no state carried between documents)', async () => {
    await renderLetterPdf(sampleLetter({ bodyDoc: richBody })); // warm this process's caches first
    const here = sha256(await renderLetterPdf(suratTugas()));
    const script = [
      "const { renderLetterPdf } = require('./libs/correspondence/src/rendering/letter-pdf.ts');",
      "const { suratTugas } = require('./libs/correspondence/src/rendering/letter-fixtures.ts');",
      "renderLetterPdf(suratTugas()).then((b) => process.stdout.write(require('node:crypto').createHash('sha256').update(b).digest('hex')));",
    ].join('\n');
    const fresh = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: join(__dirname, '..', '..', '..', '..'), encoding: 'utf8' });
    expect(fresh).toBe(here);
  });

  it('changes when anything printed changes', async () => {
    const a = await renderLetterPdf(sampleLetter());
    const b = await renderLetterPdf(sampleLetter({ number: '2/PY.01.1-SD/5304/2024' }));
    const c = await renderLetterPdf(sampleLetter({ date: new Date('2024-03-04T18:30:01.000Z') }));
    expect(new Set([sha256(a), sha256(b), sha256(c)]).size).toBe(3);
  });

  it('prints a Surat Dinas in the order of the Tata Naskah Dinas, in Bahasa Indonesia', async () => {
    const text = pdfText(await renderLetterPdf(sampleLetter()));
    expectInOrder(text, [
      'KOMISI PEMILIHAN UMUM',
      'KABUPATEN SUMBAWA',
      'Jalan Garuda Nomor 1, Sumbawa Besar',
      'Telepon (0371) 21234',
      'Pos-el kab-sumbawa@kpu.go.id',
      'Laman https://kab-sumbawa.kpu.go.id',
      'SEGERA',
      'Nomor : 1/PY.01.1-SD/5304/2024',
      'Sumbawa, 5 Maret 2024',
      'Sifat : Segera',
      'Lampiran : 1 (satu) berkas',
      'Hal : Penyampaian Laporan',
      'Yth. Ketua Komisi Pemilihan Umum Provinsi',
      'Dalam rangka pelaksanaan pemutakhiran',
      'Demikian disampaikan',
      'KETUA KOMISI PEMILIHAN UMUM',
      'KABUPATEN SUMBAWA,',
      'tanda tangan elektronik tidak tersertifikasi',
      'Dra. Siti Aminah, M.Si.',
      'Tembusan:',
      '1. Ketua KPU Republik Indonesia',
      '2. Sekretaris KPU Kabupaten Sumbawa',
    ]);
    // a single page carries no page number
    expect(text).not.toContain('Halaman');
  });

  it('prints the rich body: marks in their fonts, nested lists numbered 1. → a. → 1), bullets, a table; Unicode names come back', async () => {
    const pdf = await renderLetterPdf(sampleLetter({ bodyDoc: richBody }));
    const text = pdfText(pdf);
    expectInOrder(text, [
      'hal-hal penting berikut, yang wajib diperhatikan paling lambat 10 Maret 2024:',
      '1. Pemutakhiran data pemilih',
      '2. Data yang dilaporkan meliputi:',
      'a. pemilih baru;',
      'b. pemilih yang tidak memenuhi syarat, yaitu:',
      '1) meninggal dunia;',
      '2) pindah domisili.',
      '3. Laporan disampaikan',
      '• Narahubung: Ṣalāḥ ad-Dīn',
      '• Petugas data: Nyoman Ayu Ketut, Nguyễn Văn An, Αλέξανδρος, Дмитрий.',
      'No. Kecamatan Pemilih Baru Tidak Memenuhi Syarat',
      '1 Sumbawa 1.204 312',
      '3 Alas 655 140',
      'Demikian disampaikan, atas perhatian Saudara',
    ]);
    const fonts = pdfFonts(pdf).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(fonts).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Italic']));
  });

  it('prints the legacy plain-text body as paragraphs split on blank lines', async () => {
    const text = pdfText(await renderLetterPdf(sampleLetter({ body: 'Paragraf pertama.\n\n\nParagraf kedua\nbaris kedua.' })));
    expectInOrder(text, ['Paragraf pertama.', 'Paragraf kedua', 'baris kedua.']);
    expect(text).toMatch(/Paragraf pertama\.\s*\n\s*Paragraf kedua\s*\n\s*baris kedua\./);
  });

  it('embeds every font (no standard Helvetica) and falls back to DejaVu for characters Noto Sans lacks', async () => {
    const pdf = await renderLetterPdf(sampleLetter({ subject: 'Uji → ✓ ☎ 漢', body: 'Tanda panah → dan centang ✓; Ṣalāḥ; Nyoman Ayu Ketut; Nguyễn; Ελλάδα; Москва; 漢字 😀.' }));
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true, unicode: true });
    expect(fonts.map((f) => f.name).join(' ')).not.toMatch(/Helvetica|Times|Courier/);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''))).toContain('DejaVuSans');
    const text = flat(pdfText(pdf));
    expect(text).toContain('Hal : Uji → ✓ ☎ \uFFFD');
    expect(text).toContain('Tanda panah → dan centang ✓; Ṣalāḥ; Nyoman Ayu Ketut; Nguyễn; Ελλάδα; Москва;');
    // neither font has CJK: a visible replacement character, never an invisible .notdef (DejaVu has the emoticons)
    expect(text).toContain('\uFFFD\uFFFD 😀.');
  });

  it('lays out a Surat Tugas: Dasar, MEMBERI TUGAS, the 40 people over page breaks with the header on each page, Untuk', async () => {
    const input = suratTugas();
    const pdf = await renderLetterPdf(input);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(pdf);
    expectInOrder(text, [
      'SURAT TUGAS',
      'NOMOR 15/SDM.02-ST/5304/2026',
      'Dasar : 1. Undang-Undang Nomor 7 Tahun 2017',
      '2. Peraturan Komisi Pemilihan Umum Nomor 7 Tahun 2023',
      '3. Surat Ketua Komisi Pemilihan Umum Provinsi',
      'MEMBERI TUGAS',
      'Kepada :',
      'No. Nama NIP Pangkat/Gol. Jabatan',
      '1 Ṣalāḥ ad-Dīn',
      '2 Nyoman Ayu',
      '3 Nguyễn',
      'Untuk : Melaksanakan pencocokan dan penelitian data pemilih di wilayah Kabupaten Sumbawa pada tanggal 7 s.d. 9 Desember 2026 di Kecamatan Sumbawa, Moyo Hilir dan Alas.',
      'Sumbawa, 1 Desember 2026',
      'a.n. KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,',
      'SEKRETARIS,',
      'Ahmad Fauzi, S.H.',
      'NIP 19780101 200501 1 002',
    ]);
    // every person once, in order; each row whole on one page; the header row on every page with rows
    let seen = 0;
    for (let page = 1; page <= pages; page++) {
      const pageText = pdfText(pdf, page);
      const rows = [...pageText.matchAll(/^ {0,3}(\d{1,2})\s{2,}\S/gm)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= 40);
      if (rows.length === 0) continue;
      expect(flat(pageText)).toContain('No. Nama NIP Pangkat/Gol. Jabatan');
      for (const n of rows) {
        expect(n).toBe(seen + 1);
        seen = n;
        const person = input.typeFields!.assignees![n - 1];
        // the row's NIP (never wrapped) and its position are on this page
        if (person.nip) expect(pageText).toContain(person.nip);
      }
      expect(pageText).toContain(`Halaman ${page} dari ${pages}`);
    }
    expect(seen).toBe(40);
  });

  it('lays out a 3-page Keputusan: title, Menimbang a. b. c., Mengingat 1. 2., MEMUTUSKAN, diktum KESATU…, Ditetapkan di, lampiran', async () => {
    const pdf = await renderLetterPdf(keputusan());
    expect(pdfPages(pdf)).toBe(3);
    const text = pdfText(pdf);
    expectInOrder(text, [
      'KOMISI PEMILIHAN UMUM',
      'KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA',
      'NOMOR 12 TAHUN 2026',
      'TENTANG',
      'PENETAPAN REKAPITULASI DAFTAR PEMILIH BERKELANJUTAN',
      'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,',
      'Menimbang : a. bahwa berdasarkan ketentuan Pasal 14',
      'b. bahwa hasil pemutakhiran',
      'c. bahwa berdasarkan pertimbangan',
      'Mengingat : 1. Undang-Undang Nomor 7 Tahun 2017',
      '2. Undang-Undang Nomor 23 Tahun 2006',
      '5. Peraturan Komisi Pemilihan Umum Nomor 7 Tahun 2023',
      'Memperhatikan : Berita Acara Rapat Pleno',
      'MEMUTUSKAN:',
      'Menetapkan : KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA TENTANG PENETAPAN REKAPITULASI',
      'KESATU : Menetapkan Rekapitulasi',
      'KEDUA : Rekapitulasi sebagaimana dimaksud',
      'KETIGA : Komisi',
      'KEEMPAT : Keputusan ini mulai berlaku',
      'Ditetapkan di Sumbawa',
      'pada tanggal 4 Desember 2026',
      'KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,',
      'Dra. Siti Aminah, M.Si.',
      'Tembusan:',
      'Halaman 2 dari 3',
      'LAMPIRAN',
      'KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA',
      'NOMOR 12 TAHUN 2026',
      'TANGGAL 4 DESEMBER 2026',
      'TENTANG PENETAPAN REKAPITULASI',
      'REKAPITULASI DAFTAR PEMILIH BERKELANJUTAN SEMESTER II TAHUN 2026',
      'No. Kecamatan Laki-laki Perempuan Jumlah',
      '12 Unter Iwes',
      'Halaman 3 dari 3',
    ]);
    expect(pdfText(pdf, 1)).toContain('Halaman 1 dari 3');
    expect(pdfText(pdf, 3)).toMatch(/^\s*LAMPIRAN/);
  });

  it('lays out a Surat Undangan with two events: hari/tanggal in Indonesian, pukul in WIB, tempat, acara', async () => {
    const text = pdfText(await renderLetterPdf(undangan()));
    expectInOrder(text, [
      'Nomor : 88/PL.01.2-Und/5304/2026',
      'Sumbawa, 1 Desember 2026',
      'Hal : Undangan Rapat Koordinasi',
      'Yth.',
      '1. Ketua PPK se-Kabupaten Sumbawa',
      '2. Kepala Dinas Kependudukan',
      'dengan hormat kami mengundang Saudara untuk hadir pada:',
      'hari, tanggal : Senin, 7 Desember 2026',
      'pukul : 09.00 WIB s.d. selesai',
      'tempat : Aula Kantor KPU Kabupaten Sumbawa',
      'acara : Rapat Koordinasi Pemutakhiran Data Pemilih',
      'hari, tanggal : Selasa, 8 Desember 2026',
      'pukul : 13.30 s.d. 16.00 WIB',
      'tempat : Ruang Rapat Sekretariat',
      'acara : Bimbingan Teknis Aplikasi Sidalih',
      'pakaian : Kemeja putih lengan panjang',
      'narahubung : Nyoman Ayu Ketut (0812 3456 7890)',
      'Mengingat pentingnya acara tersebut',
      'Hormat kami,',
      'KETUA KOMISI PEMILIHAN UMUM',
      'Dra. Siti Aminah, M.Si.',
      'Tembusan:',
    ]);
  });

  it('lays out a Nota Dinas as its table: Yth., Dari, Tembusan, Tanggal, Sifat, Lampiran, Hal', async () => {
    const text = pdfText(await renderLetterPdf(notaDinas()));
    expectInOrder(text, [
      'NOTA DINAS',
      'NOMOR 45/KU.01-ND/5304/2026',
      'Yth. : Sekretaris',
      'Dari : Plh. Kepala Subbagian Keuangan, Umum dan Logistik',
      'Tembusan : Bendahara Pengeluaran',
      'Tanggal : 5 Maret 2024',
      'Sifat : Biasa',
      'Lampiran : 2 (dua) berkas',
      'Hal : Permohonan Pencairan Anggaran',
      'Bersama ini kami mohon pencairan anggaran',
      'Plh. Kepala Subbagian Keuangan, Umum dan Logistik',
      'Baiq Nurul Hidayati, S.E.',
    ]);
    expect(text).not.toContain('Tembusan:');
  });

  it.each([
    ['SE', ['SURAT EDARAN', 'NOMOR 1/PY.01.1-SD/5304/2024', 'TENTANG', 'PENYAMPAIAN LAPORAN PEMUTAKHIRAN', 'Yth. Ketua Komisi', 'Dalam rangka', 'Ditetapkan di Sumbawa', 'pada tanggal 5 Maret 2024', 'KETUA KOMISI PEMILIHAN UMUM']],
    ['Png', ['PENGUMUMAN', 'NOMOR 1/PY.01.1-SD/5304/2024', 'TENTANG', 'PENYAMPAIAN LAPORAN', 'Dalam rangka', 'Sumbawa, 5 Maret 2024', 'KETUA KOMISI PEMILIHAN UMUM']],
    ['SKet', ['SURAT KETERANGAN', 'NOMOR', 'Yang bertanda tangan di bawah ini:', 'Nama : Dra. Siti Aminah, M.Si.', 'Jabatan : Ketua Komisi Pemilihan Umum Kabupaten Sumbawa', 'dengan ini menerangkan bahwa:', 'Nama : Nyoman Ayu Ketut', 'NIP : 19850101 201001 2 001', 'Pangkat/Gol. : Penata (III/c)', 'Jabatan : Pengelola Data Pemilih', 'Dalam rangka', 'Sumbawa, 5 Maret 2024']],
    ['BA', ['BERITA ACARA PENYAMPAIAN LAPORAN', 'NOMOR', 'Pada hari ini Senin, tanggal tujuh, bulan Desember, tahun dua ribu dua puluh enam, bertempat di Gudang Logistik KPU Kabupaten Sumbawa:', 'Dalam rangka', 'Pihak yang hadir dan menandatangani:', 'No. Nama Jabatan Tanda Tangan', '1 Ṣalāḥ ad-Dīn', '2 Nguyễn', 'Sumbawa, 5 Maret 2024', 'KETUA KOMISI PEMILIHAN UMUM']],
    ['XYZ', ['Nomor : 1/PY.01.1-SD/5304/2024', 'Sumbawa, 5 Maret 2024', 'Hal :', 'Yth.', 'Dalam rangka', 'KETUA KOMISI PEMILIHAN UMUM']],
  ])('lays out %s in its order', async (typeCode, parts) => {
    const input = sampleLetter({
      typeCode,
      typeFields: {
        subject: { name: 'Nyoman Ayu Ketut', nip: '198501012010012001', rank: 'Penata (III/c)', position: 'Pengelola Data Pemilih' },
        eventDate: '2026-12-07',
        place: 'Gudang Logistik KPU Kabupaten Sumbawa',
        parties: [
          { name: 'Ṣalāḥ ad-Dīn', position: 'Kepala Subbagian Keuangan, Umum dan Logistik' },
          { name: 'Nguyễn Văn An', position: 'Penyedia Jasa Angkutan' },
        ],
      },
    });
    expectInOrder(pdfText(await renderLetterPdf(input)), parts);
  });

  it('marks a Rahasia letter at the top and the foot of every page, with page numbers', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `Paragraf ${i + 1}. ${'Isi surat yang panjang. '.repeat(12)}`).join('\n\n');
    const pdf = await renderLetterPdf(sampleLetter({ securityClass: 'R', body }));
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const lines = pdfText(pdf, page).split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines[0]).toBe('RAHASIA');
      expect(lines[lines.length - 1]).toMatch(new RegExp(`^RAHASIA\\s+Halaman ${page} dari ${pages}$`));
    }
  });

  it('prints a.n., u.b., Plt. and Plh. signature blocks', async () => {
    const ub = pdfText(
      await renderLetterPdf(
        sampleLetter({
          signature: { capacityPrefix: 'a.n. ', onBehalfOf: 'KETUA', throughTitle: 'SEKRETARIS', positionTitle: 'KEPALA SUBBAGIAN TEKNIS PENYELENGGARAAN PEMILU DAN HUKUM', signerName: 'Lalu Muhammad Zainuddin' },
        }),
      ),
    );
    expectInOrder(ub, ['a.n. KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA,', 'SEKRETARIS,', 'u.b.', 'KEPALA SUBBAGIAN TEKNIS PENYELENGGARAAN PEMILU DAN HUKUM,', 'Lalu Muhammad Zainuddin']);
    const plt = pdfText(await renderLetterPdf(sampleLetter({ signature: { capacityPrefix: 'Plt. ', positionTitle: 'KETUA', signerName: 'I Gusti Ngurah Putu Wirawan' } })));
    expectInOrder(plt, ['Plt. KETUA KOMISI PEMILIHAN UMUM', 'KABUPATEN SUMBAWA,', 'I Gusti Ngurah Putu Wirawan']);
  });

  it('prints classification markings for Sangat Rahasia and no urgency box for Biasa', async () => {
    const text = pdfText(await renderLetterPdf(sampleLetter({ securityClass: 'SR', urgency: 'BIASA', attachmentsCount: 0 })));
    expectInOrder(text, ['SANGAT RAHASIA', 'Sifat : Sangat Rahasia', 'Lampiran : -', 'SANGAT RAHASIA']);
    expect(text).not.toContain('SEGERA');
  });

  it('prints lampiran pages: LAMPIRAN, the letter, NOMOR, TANGGAL, the title and its body', async () => {
    const input = sampleLetter({
      typeFields: {
        appendices: [
          { title: 'Daftar Petugas', content: doc({ type: 'paragraph', content: [{ type: 'text', text: 'Petugas: Nyoman Ayu Ketut.' }] }) },
          { title: 'Jadwal', content: doc({ type: 'paragraph', content: [{ type: 'text', text: 'Senin s.d. Jumat.' }] }) },
        ],
      },
    });
    const pdf = await renderLetterPdf(input);
    expect(pdfPages(pdf)).toBe(3);
    expectInOrder(pdfText(pdf, 2), ['LAMPIRAN I', 'SURAT KETUA KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA', 'NOMOR 1/PY.01.1-SD/5304/2024', 'TANGGAL 5 MARET 2024', 'DAFTAR PETUGAS', 'Petugas: Nyoman Ayu Ketut.', 'KETUA KOMISI', 'Dra. Siti Aminah, M.Si.', 'Halaman 2 dari 3']);
    expectInOrder(pdfText(pdf, 3), ['LAMPIRAN II', 'JADWAL', 'Senin s.d. Jumat.']);
  });

  it('survives the edges of the content model: a cell taller than a page, a word wider than the line, 12 columns, 4 levels, empty paragraphs', async () => {
    const para = (text: string) => ({ type: 'paragraph' as const, content: text ? [{ type: 'text' as const, text }] : [] });
    const cell = (text: string, type: 'tableCell' | 'tableHeader' = 'tableCell') => ({ type, content: [para(text)] });
    const long = Array.from({ length: 400 }, (_, i) => `kata${i}`).join(' ');
    const nested = (depth: number): never =>
      ({ type: 'orderedList', content: [{ type: 'listItem', content: depth > 0 ? [para(`tingkat ${4 - depth}`), nested(depth - 1)] : [para('tingkat 4')] }] }) as never;
    const body = doc(
      para(''),
      para(`Tautan: https://jdih.kpu.go.id/${'a'.repeat(300)}`),
      { type: 'table', content: [{ type: 'tableRow', content: [cell('Uraian', 'tableHeader'), cell('Isi', 'tableHeader')] }, { type: 'tableRow', content: [cell('Panjang'), cell([long, long, long].join(' '))] }] },
      { type: 'table', content: [{ type: 'tableRow', content: Array.from({ length: 12 }, (_, i) => cell(`Kolom${i + 1}`, 'tableHeader')) }, { type: 'tableRow', content: Array.from({ length: 12 }, (_, i) => cell(String(i * 1000))) }] },
      nested(3),
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [para('butir dalam butir')] }] }] }] },
      para('Penutup.'),
    );
    const pdf = await renderLetterPdf(sampleLetter({ bodyDoc: body }));
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = flat(pdfText(pdf));
    expectInOrder(text, ['Tautan: https://jdih.kpu.go.id/aaaa', 'Uraian Isi', 'kata0 kata1', 'kata399', 'Kolom1', 'Kolom12', '11000', '1. tingkat 1', 'a. tingkat 2', '1) tingkat 3', 'a) tingkat 4', '– butir dalam butir', 'Penutup.', 'Dra. Siti Aminah']);
    // every word of the split cell is printed, once per repetition
    expect(text.match(/kata399\b/g)).toHaveLength(3);
    // the header row repeats on the pages the split row continues on
    expect(flat(pdfText(pdf, 2))).toContain('Uraian Isi');
  });

  it('embeds the letter id so an uploaded PDF names its letter', async () => {
    const pdf = await renderLetterPdf(sampleLetter({ letterId: '12345' }));
    expect(extractEmbeddedVerification(pdf)).toBe('12345');
  });

  it('refuses a letter id that cannot be embedded safely', async () => {
    await expect(renderLetterPdf(sampleLetter({ letterId: 'a)b' }))).rejects.toThrow(RangeError);
  });
});

/**
 * PDF/A-2b. veraPDF is not packaged in Debian (`apt-cache policy verapdf`: no candidate) and needs
 * Java, so the requirements it would check for these files are checked here one by one.
 */
describe('PDF/A-2b', () => {
  let pdf: Buffer;
  let raw: string;
  beforeAll(async () => {
    pdf = await renderLetterPdf(sampleLetter({ subject: 'Laporan R&D <Triwulan I> "final"', bodyDoc: richBody, securityClass: 'R' }));
    raw = pdf.toString('latin1');
  });

  /** Every object's dictionary and (inflated) stream, as latin1 text. */
  function objects(): { dict: string; stream: Buffer | null }[] {
    return [...raw.matchAll(/\d+ 0 obj\n(<<[\s\S]*?>>)\n(?:stream\n([\s\S]*?)\nendstream|endobj)/g)].map((m) => {
      let stream: Buffer | null = null;
      if (m[2] !== undefined) {
        const bytes = Buffer.from(m[2], 'latin1');
        try {
          stream = /\/Filter \/FlateDecode/.test(m[1]) ? inflateSync(bytes) : bytes;
        } catch {
          stream = bytes;
        }
      }
      return { dict: m[1], stream };
    });
  }

  it('starts with a PDF 1.7 header and a binary comment line', () => {
    expect(pdf.subarray(0, 9).toString('latin1')).toBe('%PDF-1.7\n');
    const second = pdf.subarray(9, 14);
    expect(second[0]).toBe(0x25);
    expect([...second.subarray(1, 5)].every((b) => b > 127)).toBe(true);
  });

  it('carries XMP metadata naming PDF/A part 2 conformance B, well-formed and matching the Info dictionary', () => {
    const meta = objects().find((o) => /\/Type \/Metadata/.test(o.dict) && /\/Subtype \/XML/.test(o.dict));
    expect(meta?.stream).toBeTruthy();
    expect(meta!.dict).not.toMatch(/FlateDecode/); // metadata readable without decompression
    const xmp = meta!.stream!.toString('utf8');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    // special characters escaped: the packet stays well-formed XML
    expect(xmp).toContain('Laporan R&amp;D &lt;Triwulan I&gt; &quot;final&quot;');
    expect(xmp).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
    for (const text of xmp.match(/>[^<]*</g) ?? []) expect(text.slice(1, -1)).not.toMatch(/[<>]/);
    // the Info dates and the XMP dates are the same instant (the letter's date)
    expect(xmp).toContain('<xmp:CreateDate>2024-03-04T18:30:00Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2024-03-04T18:30:00Z</xmp:ModifyDate>');
    const info = /\/Info (\d+) 0 R/.exec(raw)![1];
    const infoDict = new RegExp(`\\n${info} 0 obj\\n(<<[\\s\\S]*?>>)`).exec(raw)![1];
    const value = (key: string) => {
      const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(infoDict)![1];
      return new RegExp(`\\n${ref} 0 obj\\n(\\([^)]*\\))`).exec(raw)![1];
    };
    expect(value('CreationDate')).toBe('(D:20240304183000Z)');
    expect(value('ModDate')).toBe('(D:20240304183000Z)');
    expect(xmp).toContain('<pdf:Keywords>naskah:letter=01HQ3Z8K6T2V9XABCD</pdf:Keywords>');
    expect(xmp).toContain('<pdf:Producer>Naskah (PDFKit)</pdf:Producer>');
    expect(xmp).toContain('<xmp:CreatorTool>Naskah</xmp:CreatorTool>');
  });

  it('has an sRGB OutputIntent (GTS_PDFA1) with an embedded ICC profile', () => {
    const catalog = objects().find((o) => /\/Type \/Catalog/.test(o.dict))!;
    expect(catalog.dict).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(catalog.dict).toMatch(/\/Metadata \d+ 0 R/);
    const intentRef = /\/OutputIntents \[(\d+) 0 R\]/.exec(catalog.dict)![1];
    const intent = new RegExp(`\\n${intentRef} 0 obj\\n(<<[\\s\\S]*?>>)`).exec(raw)![1];
    expect(intent).toContain('/S /GTS_PDFA1');
    expect(intent).toContain('/OutputConditionIdentifier (sRGB IEC61966-2.1)');
    const profileRef = /\/DestOutputProfile (\d+) 0 R/.exec(intent)![1];
    const profile = objects().find((o) => raw.includes(`\n${profileRef} 0 obj\n${o.dict}`))!;
    expect(profile.dict).toContain('/N 3');
    expect(profile.stream!.subarray(36, 40).toString('latin1')).toBe('acsp'); // an ICC profile's signature
    expect(profile.stream!.subarray(16, 20).toString('latin1')).toBe('RGB ');
  });

  it('embeds every font it uses, with ToUnicode, and no encryption, JavaScript, actions or annotations', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, unicode: true });
    const descriptors = objects().filter((o) => /\/Type \/FontDescriptor/.test(o.dict));
    expect(descriptors.length).toBe(fonts.length);
    for (const d of descriptors) expect(d.dict).toMatch(/\/FontFile2 \d+ 0 R/);
    for (const forbidden of ['/Encrypt', '/JavaScript', '/JS ', '/AA ', '/OpenAction', '/Launch', '/Annots', '/EmbeddedFiles', '/Transparency', '/SMask']) {
      expect(raw).not.toContain(forbidden);
    }
    expect(raw).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });
});
