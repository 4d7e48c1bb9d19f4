import { create } from 'qrcode';

/** How far a module reaches into a dark module below it, so anti-aliasing viewers show no seams. */
const BLEED = 0.25;

/**
 * Draws `text` as a QR code of `size` points with its top-left corner at (x, y), as vector
 * rectangles (one per horizontal run of dark modules): crisp at any zoom, no raster image,
 * and byte-for-byte deterministic. Error correction level M.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / n;
  const dark = (row: number, col: number) => row < n && col < n && modules.get(row, col) === 1;
  doc.save();
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      // A run is a stretch of dark modules that are all dark, or all light, in the row below.
      const start = col;
      const darkBelow = dark(row + 1, col);
      while (dark(row, col) && dark(row + 1, col) === darkBelow) col++;
      const left = edge(x, start, cell);
      const top = edge(y, row, cell);
      doc.rect(left, top, edge(x, col, cell) - left, edge(y, row + 1, cell) - top + (darkBelow ? BLEED : 0));
    }
  }
  doc.fill('#000000');
  doc.restore();
}

/** Grid lines are computed once per index, so neighbouring modules share their edges exactly. */
function edge(origin: number, index: number, cell: number): number {
  return Math.round((origin + index * cell) * 1000) / 1000;
}
