import { glyphRuns, PDF_FONT, type PdfFontName } from '../../../core/src/pdf/fonts';

type Doc = PDFKit.PDFDocument;

/** A piece of inline text with its style, before line breaking. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** A forced line break (hardBreak) instead of text. */
  br?: boolean;
}

export type Align = 'left' | 'justify' | 'center' | 'right';

/** One fragment placed on a line: a word (or the space after it) in one font. */
interface Fragment {
  text: string;
  font: PdfFontName;
  width: number;
  underline: boolean;
}

/** A word: fragments that must stay together, then whether a space follows it. */
interface Word {
  parts: Fragment[];
  width: number;
  spaceAfter: number;
  /** Underline continues through the space after the word. */
  underlineSpace: boolean;
}

/** A laid-out line: words with their x offsets from the line's left edge. */
export interface Line {
  height: number;
  ascent: number;
  placed: { x: number; part: Fragment; width: number }[];
  underlines: { x: number; width: number }[];
}

export interface TextStyle {
  size: number;
  /** Line height as a multiple of the font size. */
  leading?: number;
  align?: Align;
  /** Extra indent of the first line (negative for hanging text is not used: see `Flow.hanging`). */
  firstIndent?: number;
}

const LEADING = 1.22;

export function fontOf(span: { bold?: boolean; italic?: boolean }): PdfFontName {
  if (span.bold && span.italic) return PDF_FONT.boldItalic;
  if (span.bold) return PDF_FONT.bold;
  if (span.italic) return PDF_FONT.italic;
  return PDF_FONT.regular;
}

function measure(doc: Doc, text: string, font: PdfFontName, size: number): number {
  doc.font(font).fontSize(size);
  return doc.widthOfString(text);
}

/** Splits spans into words (by spaces) and forced breaks; each word's characters in fonts that have them. */
function toWords(doc: Doc, spans: Span[], size: number): (Word | 'br')[] {
  const out: (Word | 'br')[] = [];
  let word: Word | null = null;
  const flush = () => {
    if (word && word.parts.length > 0) out.push(word);
    word = null;
  };
  for (const span of spans) {
    if (span.br) {
      flush();
      out.push('br');
      continue;
    }
    const font = fontOf(span);
    const text = span.text.replace(/[\t\r\n\u00a0]/g, (c) => (c === '\u00a0' ? '\u00a0' : ' '));
    const pieces = text.split(/( +)/);
    for (const piece of pieces) {
      if (piece === '') continue;
      if (piece.startsWith(' ')) {
        if (word) {
          word.spaceAfter = measure(doc, ' ', font, size);
          word.underlineSpace = !!span.underline;
        }
        flush();
        continue;
      }
      if (!word) word = { parts: [], width: 0, spaceAfter: 0, underlineSpace: false };
      for (const run of glyphRuns(piece, font)) {
        const width = measure(doc, run.text, run.font, size);
        word.parts.push({ text: run.text, font: run.font, width, underline: !!span.underline });
        word.width += width;
      }
    }
  }
  flush();
  return out;
}

/** The widest unbreakable word of the text (a table column is never narrower). */
export function longestWord(doc: Doc, spans: Span[], size: number): number {
  return toWords(doc, spans, size).reduce((m, w) => (w === 'br' ? m : Math.max(m, w.width)), 0);
}

/** Breaks a word wider than the line into pieces that fit (long numbers, URLs). */
function splitLongWord(doc: Doc, word: Word, width: number, size: number): Word[] {
  const pieces: Word[] = [];
  let current: Word = { parts: [], width: 0, spaceAfter: 0, underlineSpace: false };
  for (const part of word.parts) {
    for (const ch of part.text) {
      const w = measure(doc, ch, part.font, size);
      if (current.width + w > width && current.width > 0) {
        pieces.push(current);
        current = { parts: [], width: 0, spaceAfter: 0, underlineSpace: false };
      }
      const last = current.parts[current.parts.length - 1];
      if (last && last.font === part.font && last.underline === part.underline) {
        last.text += ch;
        last.width += w;
      } else current.parts.push({ text: ch, font: part.font, width: w, underline: part.underline });
      current.width += w;
    }
  }
  current.spaceAfter = word.spaceAfter;
  current.underlineSpace = word.underlineSpace;
  pieces.push(current);
  return pieces;
}

/** Lays out styled text in a column of `width` points: greedy line breaking, alignment, underlines. */
export function layoutText(doc: Doc, spans: Span[], width: number, style: TextStyle): Line[] {
  const size = style.size;
  const height = size * (style.leading ?? LEADING);
  const ascent = size * 0.93;
  const align = style.align ?? 'left';
  const items = toWords(doc, spans, size).flatMap((w) => (w !== 'br' && w.width > width ? splitLongWord(doc, w, width, size) : [w]));
  const lines: Line[] = [];
  let row: Word[] = [];
  let indent = style.firstIndent ?? 0;

  const emit = (words: Word[], last: boolean) => {
    const avail = width - indent;
    const natural = words.reduce((s, w, i) => s + w.width + (i < words.length - 1 ? w.spaceAfter : 0), 0);
    let x = indent;
    let gap = 0;
    if (align === 'center') x += Math.max(0, (avail - natural) / 2);
    else if (align === 'right') x += Math.max(0, avail - natural);
    else if (align === 'justify' && !last && words.length > 1) gap = (avail - natural) / (words.length - 1);
    const line: Line = { height, ascent, placed: [], underlines: [] };
    words.forEach((w, i) => {
      let px = x;
      for (const part of w.parts) {
        line.placed.push({ x: px, part, width: part.width });
        if (part.underline) line.underlines.push({ x: px, width: part.width });
        px += part.width;
      }
      x = px;
      if (i < words.length - 1) {
        const space = w.spaceAfter + gap;
        if (w.underlineSpace) line.underlines.push({ x, width: space });
        x += space;
      }
    });
    lines.push(line);
    indent = 0;
  };

  let used = 0;
  for (const item of items) {
    if (item === 'br') {
      emit(row, true);
      row = [];
      used = 0;
      continue;
    }
    const add = (row.length > 0 ? row[row.length - 1].spaceAfter : 0) + item.width;
    if (row.length > 0 && used + add > width - indent + 0.01) {
      emit(row, false);
      row = [item];
      used = item.width;
    } else {
      row.push(item);
      used += add;
    }
  }
  if (row.length > 0 || lines.length === 0) emit(row, true);
  return lines;
}

export function linesHeight(lines: Line[]): number {
  return lines.reduce((s, l) => s + l.height, 0);
}

/** Draws one laid-out line with its top-left corner at (x, y). */
export function drawLine(doc: Doc, line: Line, x: number, y: number, size: number): void {
  const baseline = y + line.ascent;
  for (const { x: dx, part } of line.placed) {
    doc.font(part.font).fontSize(size);
    doc.text(part.text, x + dx, baseline, { lineBreak: false, baseline: 'alphabetic' });
  }
  if (line.underlines.length > 0) {
    doc.save().lineWidth(size / 18);
    for (const u of line.underlines) doc.moveTo(x + u.x, baseline + size * 0.12).lineTo(x + u.x + u.width, baseline + size * 0.12);
    doc.stroke().restore();
  }
}

/** Plain text as one span, with its style. */
export const plain = (text: string, style: Omit<Span, 'text'> = {}): Span[] => [{ text, ...style }];

/**
 * The page cursor: text flows down the page between the margins and onto new pages. Everything the
 * layouts draw goes through it, so page breaks are decided in one place.
 */
export class Flow {
  y: number;
  constructor(readonly doc: Doc) {
    this.y = doc.page.margins.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get top(): number {
    return this.doc.page.margins.top;
  }
  get remaining(): number {
    return this.bottom - this.y;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` more points fit on this one (and this page has content). */
  ensure(height: number): void {
    if (this.y + height > this.bottom + 0.01 && this.y > this.top + 0.01) this.newPage();
  }

  space(points: number): void {
    this.y += points;
    if (this.y > this.bottom) this.newPage();
  }

  /** Draws lines at `x`, breaking pages between lines; keeps the first `keep` lines together. */
  lines(lines: Line[], x: number, size: number, keep = 2): void {
    if (lines.length > 0) this.ensure(linesHeight(lines.slice(0, keep)));
    for (const line of lines) {
      this.ensure(line.height);
      drawLine(this.doc, line, x, this.y, size);
      this.y += line.height;
    }
  }

  /** A paragraph of styled text in the column [x, x + width]. */
  text(spans: Span[], style: TextStyle & { x?: number; width?: number }): void {
    const x = style.x ?? this.left;
    const width = style.width ?? this.left + this.width - x;
    this.lines(layoutText(this.doc, spans, width, style), x, style.size);
  }

  /** A label (1., a., Yth., a bullet) with text hanging beside it at `indent`. */
  hanging(label: Span[], spans: Span[], style: TextStyle & { x: number; indent: number; width?: number }): void {
    const width = (style.width ?? this.left + this.width - style.x) - style.indent;
    const labelLines = layoutText(this.doc, label, style.indent, { ...style, align: 'left' });
    const body = layoutText(this.doc, spans, width, style);
    this.ensure(linesHeight(body.slice(0, 2)));
    drawLine(this.doc, labelLines[0], style.x, this.y, style.size);
    this.lines(body, style.x + style.indent, style.size);
  }

  /**
   * Rows of `label : value` (Nomor, Sifat, Menimbang …): the label column, a colon, and the value
   * wrapping in its own column.
   */
  fieldRow(label: Span[], value: Span[], style: TextStyle & { x?: number; labelWidth: number; width?: number }): void {
    const x = style.x ?? this.left;
    const width = style.width ?? this.left + this.width - x;
    const colon = 10;
    const labelLines = layoutText(this.doc, label, style.labelWidth, { ...style, align: 'left' });
    const valueLines = layoutText(this.doc, value, width - style.labelWidth - colon, style);
    this.ensure(Math.max(linesHeight(labelLines), linesHeight(valueLines.slice(0, 2))));
    const y = this.y;
    labelLines.forEach((l, i) => drawLine(this.doc, l, x, y + i * l.height, style.size));
    drawLine(this.doc, layoutText(this.doc, plain(':'), colon, style)[0], x + style.labelWidth, y, style.size);
    this.lines(valueLines, x + style.labelWidth + colon, style.size);
    this.y = Math.max(this.y, y + linesHeight(labelLines));
  }

  /** A horizontal rule across the column. */
  rule(weight = 0.8, x = this.left, width = this.width): void {
    this.doc.save().lineWidth(weight).moveTo(x, this.y).lineTo(x + width, this.y).stroke().restore();
  }
}
