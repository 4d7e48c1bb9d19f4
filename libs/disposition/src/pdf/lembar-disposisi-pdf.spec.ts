import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { renderDispositionSheet } from './lembar-disposisi-pdf';
import type { SheetInput } from './sheet-input';

const sample = (over: Partial<SheetInput> = {}): SheetInput => ({
  deliveryId: '42',
  officeName: 'Komisi Pemilihan Umum Provinsi Nusa Tenggara Barat',
  agenda: { number: 17, year: 2026, receivedAt: new Date('2026-12-01T02:00:00Z') },
  letter: { number: '12/PY.01.1-SD/RI/2026', date: new Date('2026-11-30T03:00:00Z'), sender: 'Komisi Pemilihan Umum', subject: 'Penyampaian jadwal rapat koordinasi', securityClass: 'B', urgency: 'SEGERA' },
  receivedBy: 'Ketua',
  nodes: [
    { depth: 0, from: 'Ketua', fromPrefix: '', to: 'Sekretaris', instructions: ['Tindak lanjuti', 'Koordinasikan'], note: 'Siapkan bahan rapat.', priority: 'SEGERA', deadline: '2026-12-08', status: 'IN_PROGRESS', issuedAt: new Date('2026-12-01T03:00:00Z') },
    { depth: 1, from: 'Sekretaris', fromPrefix: 'Plh.', to: 'Kepala Bagian Keuangan, Umum dan Logistik', instructions: ['Siapkan jawaban'], note: null, priority: 'BIASA', deadline: '2026-12-07', status: 'DONE', issuedAt: new Date('2026-12-02T03:00:00Z') },
  ],
  asOf: new Date('2026-12-03T04:05:06.789Z'),
  ...over,
});

/** The text of the page streams (pdfkit writes TJ strings in hex). */
function text(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  return [...raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)]
    .map((m) => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    })
    .flatMap((s) => [...s.matchAll(/\[([^\]]*)\] TJ/g)])
    .map((m) => [...m[1].matchAll(/<([0-9a-f]*)>/gi)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''))
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('lembar disposisi PDF', () => {
  it('renders an A4 PDF with the letter, the agenda number and every disposition', async () => {
    const pdf = await renderDispositionSheet(sample());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pdf.toString('latin1')).toContain('/BaseFont /Helvetica');
    const t = text(pdf);
    for (const s of ['LEMBAR DISPOSISI', '17/2026', '12/PY.01.1-SD/RI/2026', 'Penyampaian jadwal rapat koordinasi', 'Biasa, Segera', '8 Desember 2026', 'Tindak lanjuti; Koordinasikan', 'Plh. Sekretaris', 'Siapkan jawaban', 'Selesai']) {
      expect(t).toContain(s);
    }
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await renderDispositionSheet(sample());
    const b = await renderDispositionSheet(sample());
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
    const c = await renderDispositionSheet(sample({ nodes: sample().nodes.slice(0, 1) }));
    expect(c.equals(a)).toBe(false);
  });

  it('breaks a long tree over pages and says when there is none yet', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...sample().nodes[0], depth: i % 4, note: `Catatan ${i}` }));
    const pdf = await renderDispositionSheet(sample({ nodes: many }));
    expect(text(pdf)).toContain('halaman 3 dari');
    expect(text(await renderDispositionSheet(sample({ nodes: [] })))).toContain('Belum ada disposisi.');
  });
});
