import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncomingRow, renderAgendaPdf } from './agenda-documents';
import { agendaRange } from './agenda-range';

const meta = { officeName: 'KPU Kabupaten Sumbawa', officeCity: 'Sumbawa', from: '2026-11-01', to: '2026-11-30', printedAt: new Date('2026-12-01T02:00:00Z'), printedBy: 'Nyoman Ayu Ketut' };
const row = (i: number): IncomingRow => ({
  agenda: `${i}/2026`, receivedAt: new Date(Date.UTC(2026, 10, 1 + (i % 30), 1, 0)), sender: i % 2 ? 'Komisi Pemilihan Umum Republik Indonesia' : 'Bawaslu Kabupaten Sumbawa',
  number: `${i}/PY.01.1-SD/RI/2026`, letterDate: '2026-10-30', subject: `Undangan rapat koordinasi nomor ${i} bersama Ṣalāḥ ad-Dīn`, securityClass: 'B', urgency: 'SEGERA',
  to: 'Kepada: Ketua\nDisposisi: Sekretaris; Kepala Subbagian Keuangan, Umum dan Logistik',
});

describe('buku agenda PDF', () => {
  it('runs over pages with the table header and a continuation line on each, "Halaman x dari y", embedded fonts', async () => {
    const pdf = await renderAgendaPdf('INCOMING', Array.from({ length: 60 }, (_, i) => row(i + 1)), meta);
    const path = join(mkdtempSync(join(tmpdir(), 'agenda-unit-')), 'a.pdf');
    writeFileSync(path, pdf);
    const pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      expect(p).toContain(`Halaman ${i + 1} dari ${pages.length}`);
      expect(p).toContain('Asal surat');
      if (i > 0) expect(p).toContain('BUKU AGENDA SURAT MASUK (lanjutan)');
    });
    const all = pages.join('\n');
    expect(all.indexOf('1/2026')).toBeLessThan(all.indexOf('60/2026'));
    expect(all).toContain('Jumlah: 60 surat.');
    expect(all).toContain('Ṣalāḥ ad-Dīn');
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
    for (const f of fonts) expect(f.trim().split(/\s+/).slice(-5)[0]).toBe('yes');
  });
});

describe('agenda range', () => {
  it('takes WIB days inclusive: 00:00 WIB of from to 00:00 WIB after to', () => {
    const r = agendaRange({ from: '2026-11-01', to: '2026-11-30' });
    expect([r.start.toISOString(), r.end.toISOString(), r.format]).toEqual(['2026-10-31T17:00:00.000Z', '2026-11-30T17:00:00.000Z', 'xlsx']);
  });
  it('refuses what is not a range, naming the field', () => {
    const field = (q: Record<string, unknown>) => {
      try {
        agendaRange(q);
        return null;
      } catch (e) {
        return (e as { details: { fields: { field: string }[] } }).details.fields[0].field;
      }
    };
    expect(field({ to: '2026-01-01' })).toBe('from');
    expect(field({ from: '2026-02-29', to: '2026-03-01' })).toBe('from');
    expect(field({ from: '2026-03-01', to: '2026-02-28' })).toBe('to');
    expect(field({ from: '2025-01-01', to: '2026-01-02' })).toBe('to'); // 367 days
    expect(field({ from: '2025-01-01', to: '2026-01-01' })).toBeNull(); // 366 days
    expect(field({ from: '2025-01-01', to: '2025-12-31' })).toBeNull();
    expect(field({ from: '2025-01-01', to: '2025-01-01', format: 'csv' })).toBe('format');
  });
});
