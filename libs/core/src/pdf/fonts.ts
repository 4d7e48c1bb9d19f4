import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The fonts every PDF of the product embeds (subset by PDFKit): Noto Sans — a free (SIL OFL 1.1)
 * humanist sans close to the Arial of the Tata Naskah Dinas, covering Latin with every diacritic
 * (Ṣalāḥ, Nguyễn), Greek and Cyrillic — shipped by @expo-google-fonts/noto-sans as TTF; DejaVu Sans
 * (free, Bitstream Vera licence) from dejavu-fonts-ttf as the fallback for characters Noto Sans has
 * no glyph for. Nothing is read from the system: the same input gives the same bytes on any machine.
 *
 * Names to use with `doc.font(...)` after `registerPdfFonts(doc)`.
 */
export const PDF_FONT = {
  regular: 'Naskah-Regular',
  bold: 'Naskah-Bold',
  italic: 'Naskah-Italic',
  boldItalic: 'Naskah-BoldItalic',
  fallback: 'Naskah-Fallback',
  fallbackBold: 'Naskah-FallbackBold',
} as const;

export type PdfFontName = (typeof PDF_FONT)[keyof typeof PDF_FONT];

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

let cache: Record<PdfFontName, Buffer> | null = null;

/** The font files' bytes (read once per process). */
export function pdfFontFiles(): Record<PdfFontName, Buffer> {
  if (cache) return cache;
  const noto = packageDir('@expo-google-fonts/noto-sans');
  const dejavu = join(packageDir('dejavu-fonts-ttf'), 'ttf');
  cache = {
    [PDF_FONT.regular]: readFileSync(join(noto, '400Regular', 'NotoSans_400Regular.ttf')),
    [PDF_FONT.bold]: readFileSync(join(noto, '700Bold', 'NotoSans_700Bold.ttf')),
    [PDF_FONT.italic]: readFileSync(join(noto, '400Regular_Italic', 'NotoSans_400Regular_Italic.ttf')),
    [PDF_FONT.boldItalic]: readFileSync(join(noto, '700Bold_Italic', 'NotoSans_700Bold_Italic.ttf')),
    [PDF_FONT.fallback]: readFileSync(join(dejavu, 'DejaVuSans.ttf')),
    [PDF_FONT.fallbackBold]: readFileSync(join(dejavu, 'DejaVuSans-Bold.ttf')),
  } as Record<PdfFontName, Buffer>;
  return cache;
}

/** Registers the embedded fonts on a PDFKit document and selects the regular one. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, bytes] of Object.entries(pdfFontFiles())) doc.registerFont(name, bytes);
  doc.font(PDF_FONT.regular);
}
