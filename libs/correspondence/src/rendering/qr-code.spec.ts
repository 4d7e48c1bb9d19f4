import { create } from 'qrcode';
import { drawQrCode } from './qr-code';

/** A stand-in for the PDFKit calls drawQrCode makes, recording the rectangles it fills. */
function recordingDoc() {
  const rects: Array<[number, number, number, number]> = [];
  const fill = jest.fn();
  const doc = {
    save: jest.fn(),
    restore: jest.fn(),
    fill,
    rect: (x: number, y: number, w: number, h: number) => void rects.push([x, y, w, h]),
  };
  return { doc: doc as unknown as PDFKit.PDFDocument, rects, fill };
}

describe('drawQrCode', () => {
  const url = 'https://naskah.kpu.go.id/verifikasi/01HQ3Z8K6T2V9XABCD';

  it('paints exactly the dark modules of the QR code, in one fill', () => {
    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const { doc, rects, fill } = recordingDoc();
    drawQrCode(doc, url, 100, 200, n * 2); // 2 pt per module keeps the arithmetic exact

    const painted = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const [x, y, w, h] of rects) {
      expect(h === 2 || h === 2.25).toBe(true); // one row, plus the seam bleed
      for (let c = (x - 100) / 2; c < (x - 100 + w) / 2; c++) painted[(y - 200) / 2][c] += 1;
    }
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) expect([r, c, painted[r][c]]).toEqual([r, c, modules.get(r, c)]);
    }
    expect(fill).toHaveBeenCalledTimes(1);
  });

  it('bleeds only into a dark module below', () => {
    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    const { doc, rects } = recordingDoc();
    drawQrCode(doc, url, 0, 0, modules.size * 2);
    for (const [x, y, w, h] of rects.filter(([, , , h]) => h > 2)) {
      for (let c = x / 2; c < (x + w) / 2; c++) expect(modules.get(y / 2 + 1, c)).toBe(1);
    }
  });
});
