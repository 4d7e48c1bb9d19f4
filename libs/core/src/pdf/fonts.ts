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

/** A parsed font program (fontkit, as PDFKit uses it). */
type FontProgram = { layout: (...args: unknown[]) => unknown };
let programs: Record<PdfFontName, FontProgram> | null = null;

/**
 * The fonts parsed once per process. Parsing Noto Sans and building its layout tables takes
 * ~150 ms a face; PDFKit accepts a parsed font (anything with `layout`) as a font source, and
 * each document still makes its own subset, so sharing the parsed fonts changes no byte.
 */
function pdfFontPrograms(): Record<PdfFontName, FontProgram> {
  if (programs) return programs;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const parsed = {} as Record<PdfFontName, FontProgram>;
  const scratch = new PDFDocument({ autoFirstPage: false });
  for (const [name, bytes] of Object.entries(pdfFontFiles()) as [PdfFontName, Buffer][]) {
    scratch.registerFont(name, bytes);
    scratch.font(name);
    parsed[name] = (scratch as unknown as { _font: { font: FontProgram } })._font.font;
  }
  programs = parsed;
  return programs;
}

/** Registers the embedded fonts on a PDFKit document and selects the regular one. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, program] of Object.entries(pdfFontPrograms())) doc.registerFont(name, program as never);
  doc.font(PDF_FONT.regular);
}

/** A stretch of text that one font can print. */
export interface GlyphRun {
  text: string;
  font: PdfFontName;
}

const FALLBACK_OF: Record<PdfFontName, PdfFontName> = {
  [PDF_FONT.regular]: PDF_FONT.fallback,
  [PDF_FONT.italic]: PDF_FONT.fallback,
  [PDF_FONT.bold]: PDF_FONT.fallbackBold,
  [PDF_FONT.boldItalic]: PDF_FONT.fallbackBold,
  [PDF_FONT.fallback]: PDF_FONT.fallback,
  [PDF_FONT.fallbackBold]: PDF_FONT.fallbackBold,
};

/** The DejaVu face that stands in for a Noto face (DejaVu has no italic here: the upright one). */
export function fallbackFontOf(font: PdfFontName): PdfFontName {
  return FALLBACK_OF[font];
}

type GlyphCoverage = { hasGlyphForCodePoint(cp: number): boolean };

/** The glyph coverage of a face, from the parsed fonts (never through a document: that would change its font numbering). */
function coverageOf(font: PdfFontName): GlyphCoverage {
  return pdfFontPrograms()[font] as unknown as GlyphCoverage;
}

/** Printed for a character neither font has (PDF/A forbids referring to the .notdef glyph). */
export const MISSING_GLYPH = '\uFFFD';

/**
 * Splits `text` into runs by glyph coverage: characters `font` (a Noto face) has print in it, the
 * others in its DejaVu fallback when DejaVu has them; a character neither has (CJK, emoji — never
 * Latin with diacritics, Greek or Cyrillic) prints as U+FFFD from DejaVu, so no .notdef glyph is
 * ever used. Combining marks stay with the character they modify.
 */
export function glyphRuns(text: string, font: PdfFontName): GlyphRun[] {
  const primary = coverageOf(font);
  const fallbackName = fallbackFontOf(font);
  const fallback = coverageOf(fallbackName);
  const runs: GlyphRun[] = [];
  let current: PdfFontName | null = null;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const combining = /\p{M}/u.test(ch);
    const inCurrent = current !== null && (current === font ? primary : fallback).hasGlyphForCodePoint(cp);
    let f: PdfFontName;
    let printed = ch;
    if (combining && inCurrent) f = current!;
    else if (primary.hasGlyphForCodePoint(cp) || cp === 0x20) f = font;
    else if (fallback.hasGlyphForCodePoint(cp)) f = fallbackName;
    else if (combining) continue; // a mark neither font draws: dropped rather than a box
    else {
      f = fallbackName;
      printed = MISSING_GLYPH;
    }
    if (f === current) runs[runs.length - 1].text += printed;
    else runs.push({ text: printed, font: f });
    current = f;
  }
  return runs;
}
