import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDispositionSheet } from './lembar-disposisi-pdf';
import type { SheetInput, SheetNode, SheetRecipient } from './sheet-input';

const dir = mkdtempSync(join(tmpdir(), 'lembar-'));
let seq = 0;
function file(pdf: Buffer): string {
  const path = join(dir, `sheet-${++seq}.pdf`);
  writeFileSync(path, pdf);
  return path;
}
/** The text as poppler (a tool that did not make the PDF) reads it, page by page. */
function pages(pdf: Buffer): string[] {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file(pdf), '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
}
/** The text in the order the page draws it (pdftotext -raw: cell after cell, row after row), whitespace collapsed, so wrapping does not matter. */
function reading(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file(pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
/** pdffonts: one row per font used on the pages: [name, type, emb]. */
function fonts(pdf: Buffer): { name: string; type: string; embedded: string }[] {
  return execFileSync('pdffonts', [file(pdf)], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [type2] encoding emb sub uni object ID
      return { name: cols[0], type: cols[1], embedded: cols[cols.length - 5] };
    });
}
/** Asserts the strings appear in this order (each after the one before). */
function inOrder(text: string, parts: string[]): void {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p, at);
    expect([p, i >= 0]).toEqual([p, true]);
    at = i + p.length;
  }
}

const t = (iso: string) => new Date(iso);
const rcpt = (title: string, name: string, over: Partial<SheetRecipient> = {}): SheetRecipient => ({
  to: { title, prefix: '', name }, status: 'UNREAD', readAt: null, readBy: null, followUps: [], completedAt: null, completedBy: null, cancelledAt: null, onward: [], ...over,
});

/** A 3-level tree, 8 recipients in all, with reports, a Plh. and names with diacritics. */
function tree(): SheetNode[] {
  return [
    {
      number: '1', depth: 0, from: { title: 'Ketua', prefix: '', name: 'Dr. Ṣalāḥ ad-Dīn Hidayat' }, issuedAt: t('2026-12-01T02:10:00Z'),
      instructions: ['Tindak lanjuti', 'Koordinasikan', 'Siapkan jawaban'], note: 'Siapkan bahan rapat pleno dan laporkan sebelum tanggal 7.', priority: 'SEGERA', deadline: '2026-12-08',
      recipients: [
        rcpt('Sekretaris', 'Nyoman Ayu Ketut', { status: 'IN_PROGRESS', readAt: t('2026-12-01T03:00:00Z'), readBy: 'Nyoman Ayu Ketut', onward: ['1.1'] }),
        rcpt('Anggota Divisi Teknis Penyelenggaraan', 'Gusti Ngurah Śrī Wédana', { status: 'DONE', readAt: t('2026-12-01T04:00:00Z'), readBy: 'Gusti Ngurah Śrī Wédana',
          followUps: [{ body: 'Sudah dibahas dalam rapat divisi; catatan rapat terlampir.', by: { title: 'Anggota Divisi Teknis Penyelenggaraan', prefix: '', name: 'Gusti Ngurah Śrī Wédana' }, at: t('2026-12-03T06:30:00Z') }],
          completedAt: t('2026-12-03T06:31:00Z'), completedBy: 'Gusti Ngurah Śrī Wédana' }),
        rcpt('Anggota Divisi Hukum dan Pengawasan', 'Baiq Nurul Ḥasanah'),
      ],
    },
    {
      number: '1.1', depth: 1, from: { title: 'Sekretaris', prefix: 'Plh.', name: 'Lalu Muhammad Zaini' }, issuedAt: t('2026-12-02T01:00:00Z'),
      instructions: ['Siapkan jawaban', 'Untuk diketahui'], note: null, priority: 'BIASA', deadline: '2026-12-07',
      recipients: [
        rcpt('Kepala Bagian Keuangan, Umum dan Logistik', 'I Made Ārya Putra', { status: 'DONE', readAt: t('2026-12-02T02:00:00Z'), readBy: 'I Made Ārya Putra', onward: ['1.1.1'],
          followUps: [{ body: 'Konsep jawaban sudah disusun dan diparaf.', by: { title: 'Kepala Bagian Keuangan, Umum dan Logistik', prefix: '', name: 'I Made Ārya Putra' }, at: t('2026-12-04T03:00:00Z') }],
          completedAt: t('2026-12-04T03:05:00Z'), completedBy: 'I Made Ārya Putra' }),
        rcpt('Kepala Bagian Teknis Penyelenggaraan Pemilu', 'Ni Luh Putu Çandra Dewi', { status: 'READ', readAt: t('2026-12-02T05:00:00Z'), readBy: 'Ni Luh Putu Çandra Dewi' }),
      ],
    },
    {
      number: '1.1.1', depth: 2, from: { title: 'Kepala Bagian Keuangan, Umum dan Logistik', prefix: '', name: 'I Made Ārya Putra' }, issuedAt: t('2026-12-02T04:00:00Z'),
      instructions: ['Tindak lanjuti'], note: 'Cek anggaran perjalanan dinas.', priority: 'AMAT_SEGERA', deadline: '2026-12-05',
      recipients: [
        rcpt('Kepala Subbagian Keuangan', 'Nguyễn Thị Hạnh', { status: 'DONE', readAt: t('2026-12-02T04:30:00Z'), readBy: 'Nguyễn Thị Hạnh',
          followUps: [
            { body: 'Anggaran tersedia pada DIPA 2026 akun 524111.', by: { title: 'Kepala Subbagian Keuangan', prefix: '', name: 'Nguyễn Thị Hạnh' }, at: t('2026-12-03T02:00:00Z') },
            { body: 'Rincian biaya sudah diserahkan ke Kabag.', by: { title: 'Kepala Subbagian Keuangan', prefix: 'Plt.', name: 'Ahmad Fauzi' }, at: t('2026-12-03T08:00:00Z') },
          ],
          completedAt: t('2026-12-03T08:05:00Z'), completedBy: 'Nguyễn Thị Hạnh' }),
        rcpt('Kepala Subbagian Umum dan Logistik', 'Muhammad Ṭāhir', { status: 'DONE', readAt: t('2026-12-02T06:00:00Z'), readBy: 'Muhammad Ṭāhir',
          followUps: [{ body: 'Ruang rapat dan konsumsi sudah dipesan.', by: { title: 'Kepala Subbagian Umum dan Logistik', prefix: '', name: 'Muhammad Ṭāhir' }, at: t('2026-12-03T04:00:00Z') }],
          completedAt: t('2026-12-03T04:01:00Z'), completedBy: 'Muhammad Ṭāhir' }),
        rcpt('Staf Pelaksana Subbagian Keuangan', 'Komang Ayu Lestari'),
      ],
    },
  ];
}

const sample = (over: Partial<SheetInput> = {}): SheetInput => ({
  deliveryId: '42',
  officeName: 'Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat',
  officeCity: 'Mataram',
  agenda: { number: 17, year: 2026, receivedAt: t('2026-12-01T02:00:00Z') },
  letter: { number: '12/PY.01.1-SD/RI/2026', date: t('2026-11-30T03:00:00Z'), sender: 'Komisi Pemilihan Umum', subject: 'Penyampaian jadwal rapat koordinasi persiapan Pemilihan Serentak', securityClass: 'B', urgency: 'SEGERA' },
  receivedBy: { title: 'Ketua', prefix: '', name: 'Dr. Ṣalāḥ ad-Dīn Hidayat' },
  nodes: tree(),
  asOf: t('2026-12-04T03:05:00.789Z'),
  ...over,
});

describe('lembar disposisi PDF', () => {
  it('prints the paper form: kop, title, the letter box, then every disposition with names, instructions, reports and paraf, in order', async () => {
    const pdf = await renderDispositionSheet(sample());
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const all = pages(pdf).join('\n');
    inOrder(reading(pdf), [
      'KOMISI PEMILIHAN UMUM PROVINSI NUSA TENGGARA BARAT', 'LEMBAR DISPOSISI',
      'Surat dari', ': Komisi Pemilihan Umum', 'Nomor surat', ': 12/PY.01.1-SD/RI/2026', 'Tanggal surat', ': 30 November 2026',
      'Diterima tanggal', ': 1 Desember 2026 09.00 WIB', 'Nomor agenda', ': 17/2026', 'Sifat', ': Biasa, Segera', 'Hal', 'Penyampaian jadwal rapat koordinasi', 'Diterima oleh', 'Ketua — Dr. Ṣalāḥ ad-Dīn Hidayat',
      'DISPOSISI',
      '1.', 'Dari: Ketua — Dr. Ṣalāḥ ad-Dīn Hidayat', '1 Desember 2026 09.10 WIB', 'Tindak lanjuti', 'Koordinasikan', 'Siapkan jawaban', 'Segera', '8 Desember 2026', 'Siapkan bahan rapat pleno',
      'Kepada (jabatan / nama)', 'Paraf',
      'Sekretaris', 'Didisposisikan lanjut: 1.1', '✓ elektronik', 'Nyoman Ayu Ketut',
      'Anggota Divisi Teknis', 'Sudah dibahas dalam rapat divisi', 'Gusti Ngurah Śrī Wédana', 'Selesai 3 Desember 2026 13.31 WIB',
      'Anggota Divisi Hukum dan Pengawasan', 'Status: Belum dibaca',
      '1.1.', 'Dari: Plh. Sekretaris — Lalu Muhammad Zaini', 'Untuk diketahui', '7 Desember 2026',
      'Kepala Bagian Keuangan, Umum dan Logistik', 'I Made Ārya Putra', 'Konsep jawaban sudah disusun', 'Kepala Bagian Teknis', 'Ni Luh Putu Çandra Dewi',
      '1.1.1.', 'Dari: Kepala Bagian Keuangan, Umum dan Logistik — I Made Ārya Putra', 'Amat Segera', '5 Desember 2026', 'Cek anggaran perjalanan dinas.',
      'Kepala Subbagian Keuangan', 'Anggaran tersedia pada DIPA 2026', 'Rincian biaya', 'Plt. Ahmad Fauzi',
      'Kepala Subbagian Umum dan Logistik', 'Muhammad Ṭāhir', 'Staf Pelaksana Subbagian Keuangan', 'Komang Ayu Lestari',
    ]);
    expect(all).toContain('Halaman 1 dari');
    // an unread recipient's paraf cell stays empty (a box for the wet paraf): no "elektronik" on that row
    expect(all.split('\n').find((l) => l.includes('Anggota Divisi Hukum'))).not.toContain('elektronik');
  });

  it('embeds every font it uses (no standard Helvetica) and keeps the diacritics', async () => {
    const pdf = await renderDispositionSheet(sample());
    const f = fonts(pdf);
    expect(f.length).toBeGreaterThan(0);
    for (const font of f) expect([font.name, font.embedded]).toEqual([font.name, 'yes']);
    expect(f.map((x) => x.name).join(' ')).not.toMatch(/Helvetica/);
    expect(pdf.toString('latin1')).not.toContain('/BaseFont /Helvetica');
    expect(pages(pdf).join('\n')).toContain('Nguyễn Thị Hạnh');
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await renderDispositionSheet(sample());
    const b = await renderDispositionSheet(sample());
    expect(a.equals(b)).toBe(true);
    expect((await renderDispositionSheet(sample({ nodes: tree().slice(0, 1) }))).equals(a)).toBe(false);
  });

  it('runs a long tree over pages with the header repeated and "Halaman x dari y" on each', async () => {
    const many: SheetNode[] = Array.from({ length: 12 }, (_, i) => ({ ...tree()[i % 3], number: `${i + 1}`, note: `Catatan nomor ${i + 1}` }));
    const p = pages(await renderDispositionSheet(sample({ nodes: many })));
    expect(p.length).toBeGreaterThanOrEqual(3);
    p.forEach((page, i) => {
      expect(page).toContain(`Halaman ${i + 1} dari ${p.length}`);
      if (i > 0) expect(page).toContain('LEMBAR DISPOSISI (lanjutan) — Agenda 17/2026');
    });
    // the recipients' table header comes back on a page a table runs onto
    expect(p.slice(1).some((page) => page.includes('Kepada (jabatan / nama)'))).toBe(true);
    expect(p.join('\n')).toContain('Catatan nomor 12');
  });

  it('says when there is no disposition yet, and marks an R letter', async () => {
    const text = pages(await renderDispositionSheet(sample({ nodes: [], letter: { ...sample().letter, securityClass: 'R' } }))).join('\n');
    inOrder(text, ['RAHASIA', 'LEMBAR DISPOSISI', 'Rahasia, Segera', 'Belum ada disposisi.', 'Halaman 1 dari 1']);
  });
});
