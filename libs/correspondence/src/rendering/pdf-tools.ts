import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test helpers: read a PDF back with poppler-utils (pdftotext, pdffonts, pdfinfo), tools that did
 * not make it. `npm test` installs poppler-utils when missing (scripts/test.sh).
 */
function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'naskah-pdf-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, pdf);
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the whole PDF, or of one page (1-based), with `pdftotext -layout`. */
export function pdfText(pdf: Buffer, page?: number): string {
  return withFile(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', ...(page ? ['-f', String(page), '-l', String(page)] : []), file, '-'], { encoding: 'utf8' }),
  );
}

/** The number of pages (pdfinfo). */
export function pdfPages(pdf: Buffer): number {
  const info = withFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts `pdffonts` lists, with its emb/sub/uni columns. */
export function pdfFonts(pdf: Buffer): PdfFontRow[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [type…] encoding emb sub uni object ID
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0], type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
}

/**
 * Asserts `parts` appear in `text` in this order (each after the previous one); returns the first
 * part that is missing or out of order, or null.
 */
export function firstOutOfOrder(text: string, parts: string[]): string | null {
  let at = 0;
  for (const part of parts) {
    const i = text.indexOf(part, at);
    if (i < 0) return part;
    at = i + part.length;
  }
  return null;
}

/** Whitespace collapsed: wrapped lines joined with one space. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
