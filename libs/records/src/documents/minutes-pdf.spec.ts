import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMinutesPdf } from './minutes-pdf';

const COLUMNS = [
  { header: 'No', width: 5 }, { header: 'Kode', width: 10 }, { header: 'Uraian berkas', width: 33 }, { header: 'Unit', width: 17 },
  { header: 'Kurun waktu', width: 15 }, { header: 'Jml', width: 5 }, { header: 'Retensi (th)', width: 9 }, { header: 'Keterangan', width: 20 },
];

describe('berita acara PDF', () => {
  it('has the kop, title and number, numbered paragraphs, the list with its header on every page, the manifest and the parties, on embedded fonts', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [String(i + 1), 'PL.01.8', `Berkas rekapitulasi suara TPS ${i + 1} Desa Ṣalāḥ`, 'Subbagian Teknis', '2019 s.d. 2020', '3', '5', 'Musnah']);
    const pdf = await renderMinutesPdf({
      title: 'Berita Acara Pemusnahan Arsip', number: 'BA-MUSNAH/7/5204/2026', officeName: 'KPU Kabupaten Sumbawa', city: 'Sumbawa', date: new Date('2026-12-01T03:00:00Z'),
      paragraphs: ['Pada hari ini Selasa, tanggal 1 Desember 2026, telah dilaksanakan pemusnahan arsip.', 'Pemusnahan dilaksanakan dengan penghapusan isi secara permanen.'],
      table: { columns: COLUMNS, rows }, afterTable: ['Demikian berita acara ini dibuat dengan sebenarnya.'],
      manifest: { digest: 'ab'.repeat(32), lines: [`${'cd'.repeat(32)}  berkas-1.pdf`] },
      signatures: [{ role: 'Kepala Unit Kearsipan\nArsiparis', name: 'Nyoman Ayu Ketut' }, { role: 'Pimpinan\nSekretaris', name: 'Ṣalāḥ ad-Dīn' }],
    });
    const path = join(mkdtempSync(join(tmpdir(), 'minutes-')), 'ba.pdf');
    writeFileSync(path, pdf);
    const pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => expect(p).toContain(`Halaman ${i + 1} dari ${pages.length}`));
    expect(pages.filter((p) => p.includes('Uraian berkas'))).toHaveLength(pages.filter((p) => /Berkas rekapitulasi suara TPS/.test(p)).length);
    const text = pages.join('\n');
    let at = 0;
    for (const part of [
      'KOMISI PEMILIHAN UMUM KABUPATEN SUMBAWA', 'BERITA ACARA PEMUSNAHAN ARSIP', 'Nomor: BA-MUSNAH/7/5204/2026', '1.', 'Pada hari ini Selasa', '2.', 'Pemusnahan dilaksanakan',
      'Uraian berkas', 'suara TPS 1', 'Desa Ṣalāḥ', 'suara TPS 60', '3.', 'Demikian berita acara', 'Manifes SHA-256', 'berkas-1.pdf', 'Sumbawa, 1 Desember 2026', 'Kepala Unit Kearsipan', 'Nyoman Ayu Ketut',
    ]) {
      const i = text.indexOf(part, at);
      expect([part, i >= 0]).toEqual([part, true]);
      at = i + part.length;
    }
    expect(text).toContain('Ṣalāḥ ad-Dīn');
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.trim().split(/\s+/).slice(-5)[0]).toBe('yes');
    expect(fonts.join('\n')).not.toMatch(/Helvetica|Courier/);
    // PDF/A-2b, like the letters: XMP naming part 2 conformance B, an sRGB OutputIntent, no encryption
    const raw = pdf.toString('latin1');
    expect(raw).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/OutputIntents\s*\[/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).not.toMatch(/\/Encrypt\b|\/JavaScript\b/);
    expect(raw).toContain('<xmp:ModifyDate>2026-12-01T03:00:00Z</xmp:ModifyDate>');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/PDF version:\s+1\.7/);
  });
});
