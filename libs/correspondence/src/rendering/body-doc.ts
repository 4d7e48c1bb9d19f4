import type {
  BodyBlock,
  BodyBulletList,
  BodyDoc,
  BodyInline,
  BodyListItem,
  BodyOrderedList,
  BodyParagraph,
  BodyTable,
} from '../letters/letter-content';
import { drawLine, Flow, layoutText, Line, linesHeight, longestWord, Span, type Align } from './text-flow';

/** Body text size (Tata Naskah Dinas: 12 pt). */
export const BODY_SIZE = 12;
const PARAGRAPH_GAP = 6;
const LIST_INDENT = 22;
const CELL_PAD = 4;

/** Inline content of a paragraph as spans (marks → bold/italic/underline; hardBreak → line break). */
export function spansOf(content: BodyInline[] | undefined, base: Partial<Span> = {}): Span[] {
  return (content ?? []).map((n) =>
    n.type === 'hardBreak'
      ? { text: '', br: true }
      : {
          ...base,
          text: n.text,
          bold: base.bold || n.marks?.some((m) => m.type === 'bold'),
          italic: base.italic || n.marks?.some((m) => m.type === 'italic'),
          underline: base.underline || n.marks?.some((m) => m.type === 'underline'),
        },
  );
}

/** The legacy plain-text body as a BodyDoc: paragraphs split on blank lines, single newlines kept as breaks. */
export function plainBodyDoc(body: string): BodyDoc {
  const paragraphs = body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return {
    type: 'doc',
    content: paragraphs.map((p) => ({
      type: 'paragraph' as const,
      content: p.split('\n').flatMap((line, i): BodyInline[] => (i === 0 ? [{ type: 'text', text: line }] : [{ type: 'hardBreak' }, { type: 'text', text: line }])),
    })),
  };
}

/** Whether a BodyDoc prints anything. */
export function isEmptyDoc(doc: BodyDoc | undefined): boolean {
  const has = (blocks: BodyBlock[] | BodyListItem['content']): boolean =>
    blocks.some((b) => {
      if (b.type === 'paragraph') return (b.content ?? []).some((i) => i.type === 'text' && i.text.trim() !== '');
      if (b.type === 'table') return b.content.length > 0;
      return b.content.some((item) => has(item.content));
    });
  return !doc || !has(doc.content);
}

const ALPHA = 'abcdefghijklmnopqrstuvwxyz';
function alpha(n: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor((v - 1) / 26)) s = ALPHA[(v - 1) % 26] + s;
  return s;
}
function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let s = '';
  let v = n;
  for (const [value, numeral] of table) for (; v >= value; v -= value) s += numeral;
  return s;
}

/**
 * The marker of item `n` of an ordered list at nesting `depth` (0 = outermost): the Tata Naskah
 * Dinas sequence 1. → a. → 1) → a) by depth, unless the list names its style.
 */
export function orderedMarker(n: number, depth: number, style?: NonNullable<BodyOrderedList['attrs']>['listStyle']): string {
  if (style === 'decimal') return `${n}.`;
  if (style === 'lower-alpha') return `${alpha(n)}.`;
  if (style === 'upper-alpha') return `${alpha(n).toUpperCase()}.`;
  if (style === 'lower-roman') return `${roman(n)}.`;
  return [`${n}.`, `${alpha(n)}.`, `${n})`, `${alpha(n)})`][depth % 4];
}

const BULLETS = ['•', '–', '◦', '▪'];

export interface BodyStyle {
  x: number;
  width: number;
  size: number;
}

/** Draws a BodyDoc (or any block list) in the column [x, x + width]. */
export function drawBlocks(flow: Flow, blocks: BodyBlock[], style: BodyStyle, depth = 0, keepWithLast = 0): void {
  blocks.forEach((block, i) => {
    if (i === blocks.length - 1 && keepWithLast > 0 && block.type === 'paragraph') {
      // the closing paragraph goes with what follows it (the signature), when both fit on a page
      const h = linesHeight(layoutText(flow.doc, spansOf(block.content), style.width, { size: style.size, align: 'justify' }));
      if (h + keepWithLast <= flow.bottom - flow.top) flow.ensure(h + keepWithLast);
    }
    drawBlock(flow, block, style, depth);
    if (i < blocks.length - 1) flow.space(PARAGRAPH_GAP);
  });
}

function drawBlock(flow: Flow, block: BodyBlock, style: BodyStyle, depth: number): void {
  switch (block.type) {
    case 'paragraph':
      return drawParagraph(flow, block, style);
    case 'bulletList':
    case 'orderedList':
      return drawList(flow, block, style, depth);
    case 'table':
      return drawTable(flow, block, style);
  }
}

function drawParagraph(flow: Flow, p: BodyParagraph, style: BodyStyle, label?: string): void {
  const align: Align = p.attrs?.textAlign ?? 'justify';
  const spans = spansOf(p.content);
  if (label === undefined) {
    flow.text(spans, { size: style.size, align, x: style.x, width: style.width });
  } else {
    flow.hanging([{ text: label }], spans, { size: style.size, align, x: style.x, indent: LIST_INDENT, width: style.width });
  }
}

function drawList(flow: Flow, list: BodyBulletList | BodyOrderedList, style: BodyStyle, depth: number): void {
  const start = list.type === 'orderedList' ? (list.attrs?.start ?? 1) : 1;
  const listStyle = list.type === 'orderedList' ? list.attrs?.listStyle : undefined;
  list.content.forEach((item, i) => {
    const marker = list.type === 'orderedList' ? orderedMarker(start + i, depth, listStyle) : BULLETS[depth % BULLETS.length];
    const inner: BodyStyle = { x: style.x + LIST_INDENT, width: style.width - LIST_INDENT, size: style.size };
    item.content.forEach((child, j) => {
      if (j > 0) flow.space(PARAGRAPH_GAP / 2);
      if (j === 0 && child.type === 'paragraph') drawParagraph(flow, child, style, marker);
      else if (j === 0) {
        // an item that starts with a list: the marker alone on its line
        flow.hanging([{ text: marker }], [], { size: style.size, x: style.x, indent: LIST_INDENT, width: style.width });
        drawBlock(flow, child, inner, depth + 1);
      } else drawBlock(flow, child, inner, child.type === 'paragraph' ? depth : depth + 1);
    });
    if (i < list.content.length - 1) flow.space(PARAGRAPH_GAP / 2);
  });
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/** A cell laid out: its lines (paragraphs one after another) and whether it is a header cell. */
interface LaidCell {
  lines: Line[];
  header: boolean;
}

/** Column widths from content: each column gets its longest word at least, the rest shared by preferred width. */
export function columnWidths(minimum: number[], preferred: number[], total: number): number[] {
  const rawSum = minimum.reduce((a, b) => a + b, 0);
  // longest words wider than the page together: shrink them in proportion (words then break)
  const min = rawSum > total ? minimum.map((m) => (m * total) / rawSum) : minimum.slice();
  const minSum = min.reduce((a, b) => a + b, 0);
  const pref = preferred.map((p, i) => Math.max(p, min[i]));
  const prefSum = pref.reduce((a, b) => a + b, 0);
  if (prefSum <= total) {
    // everything fits on one line: share the slack in proportion to the preferred widths
    return pref.map((p) => p + ((total - prefSum) * p) / prefSum);
  }
  const extra = total - minSum;
  const want = pref.map((p, i) => p - min[i]);
  const wantSum = want.reduce((a, b) => a + b, 0) || 1;
  return min.map((m, i) => m + (extra * want[i]) / wantSum);
}

function cellSpans(cell: BodyTable['content'][number]['content'][number]): Span[][] {
  const header = cell.type === 'tableHeader';
  return cell.content.map((p) => spansOf(p.content, header ? { bold: true } : {}));
}

/** Natural widths of a cell: longest unbreakable word and the whole text on one line. */
function cellNaturalWidths(flow: Flow, spansList: Span[][], size: number): { min: number; pref: number } {
  let min = 0;
  let pref = 0;
  for (const spans of spansList) {
    const one = layoutText(flow.doc, spans, 1e6, { size, align: 'left' });
    for (const line of one) {
      const right = line.placed.reduce((m, p) => Math.max(m, p.x + p.width), 0);
      pref = Math.max(pref, right);
    }
    min = Math.max(min, Math.min(longestWord(flow.doc, spans, size), 160));
  }
  return { min: min + 2 * CELL_PAD, pref: pref + 2 * CELL_PAD };
}

/**
 * A table with borders: column widths from content; the header rows (the leading rows of
 * `tableHeader` cells) repeat at the top of each page; a row that fits on a page is never split
 * (it moves to the next page); a row taller than a page is split between lines.
 */
export function drawTable(flow: Flow, table: BodyTable, style: BodyStyle): void {
  const rows = table.content.filter((r) => r.content.length > 0);
  if (rows.length === 0) return;
  const cols = Math.max(...rows.map((r) => r.content.length));
  const spans = rows.map((r) => r.content.map((c) => cellSpans(c)));
  const natural = (size: number) => {
    const min = new Array<number>(cols).fill(2 * CELL_PAD + 8);
    const pref = new Array<number>(cols).fill(2 * CELL_PAD + 8);
    spans.forEach((row) =>
      row.forEach((cell, c) => {
        const w = cellNaturalWidths(flow, cell, size);
        min[c] = Math.max(min[c], w.min);
        pref[c] = Math.max(pref[c], w.pref);
      }),
    );
    return { min, pref };
  };
  // tables print 2 pt under the body; a table whose longest words do not fit side by side prints
  // smaller (down to 7 pt) before any word has to break
  let size = style.size - 2;
  let { min, pref } = natural(size);
  const minSum = min.reduce((a, b) => a + b, 0);
  if (minSum > style.width) {
    const pads = cols * 2 * CELL_PAD;
    size = Math.max(7, Math.floor(size * ((style.width - pads) / (minSum - pads)) * 0.98 * 10) / 10);
    ({ min, pref } = natural(size));
  }
  const widths = columnWidths(min, pref, style.width);
  const laid: LaidCell[][] = rows.map((r, i) =>
    r.content.map((cell, c) => ({
      header: cell.type === 'tableHeader',
      lines: spans[i][c].flatMap((s, k) => {
        const lines = layoutText(flow.doc, s, widths[c] - 2 * CELL_PAD, {
          size,
          align: cell.content[k]?.attrs?.textAlign ?? (cell.type === 'tableHeader' ? 'center' : 'left'),
        });
        return lines;
      }),
    })),
  );
  let headerCount = 0;
  while (headerCount < laid.length && laid[headerCount].every((c) => c.header)) headerCount++;
  if (headerCount === laid.length) headerCount = 0;
  const header = laid.slice(0, headerCount);
  const rowHeight = (row: LaidCell[]) => Math.max(...row.map((c) => linesHeight(c.lines))) + 2 * CELL_PAD;
  const headerHeight = header.reduce((s, r) => s + rowHeight(r), 0);

  const drawRow = (row: LaidCell[], height: number, lineFrom: number[] | null, lineTo: number[] | null) => {
    let x = style.x;
    const y = flow.y;
    row.forEach((cell, c) => {
      const from = lineFrom?.[c] ?? 0;
      const to = lineTo?.[c] ?? cell.lines.length;
      let ly = y + CELL_PAD;
      for (let k = from; k < to; k++) {
        drawLine(flow.doc, cell.lines[k], x + CELL_PAD, ly, size);
        ly += cell.lines[k].height;
      }
      flow.doc.save().lineWidth(0.6).rect(x, y, widths[c], height).stroke().restore();
      x += widths[c];
    });
    flow.y += height;
  };
  const drawHeader = () => header.forEach((r) => drawRow(r, rowHeight(r), null, null));

  // the header and the first body row start together
  const first = laid[headerCount];
  const firstHeight = first ? rowHeight(first) : 0;
  // (a first row taller than a page starts where it is, with a few of its lines)
  flow.ensure(headerHeight + (firstHeight <= flow.bottom - flow.top - headerHeight ? firstHeight : size * 4 + 2 * CELL_PAD));
  drawHeader();
  for (let i = headerCount; i < laid.length; i++) {
    const row = laid[i];
    const h = rowHeight(row);
    const pageRoom = flow.bottom - flow.top - headerHeight;
    if (flow.y + h > flow.bottom && h <= pageRoom) {
      flow.newPage();
      drawHeader();
    }
    if (flow.y + h <= flow.bottom + 0.01) {
      drawRow(row, h, null, null);
      continue;
    }
    // taller than what is left of a page: split between lines, cell by cell
    const from = row.map(() => 0);
    while (row.some((c, k) => from[k] < c.lines.length)) {
      if (flow.bottom - flow.y < size * 3) {
        flow.newPage();
        drawHeader();
      }
      const room = flow.bottom - flow.y - 2 * CELL_PAD;
      const to = row.map((c, k) => {
        let used = 0;
        let n = from[k];
        while (n < c.lines.length && used + c.lines[n].height <= room) used += c.lines[n++].height;
        return n;
      });
      const used = Math.max(...row.map((c, k) => linesHeight(c.lines.slice(from[k], to[k])))) + 2 * CELL_PAD;
      drawRow(row, used, from, to);
      to.forEach((n, k) => (from[k] = n));
      if (row.some((c, k) => from[k] < c.lines.length)) {
        flow.newPage();
        drawHeader();
      }
    }
  }
}

/** Draws a table given as plain rows of text (layouts' own tables: Surat Tugas assignees, parties). */
export function drawTextTable(flow: Flow, head: string[], rows: string[][], style: BodyStyle): void {
  const cell = (text: string, type: 'tableCell' | 'tableHeader', align?: Align) => ({
    type,
    content: [{ type: 'paragraph' as const, attrs: align ? { textAlign: align as 'left' } : undefined, content: text ? [{ type: 'text' as const, text }] : [] }],
  });
  drawTable(
    flow,
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: head.map((h) => cell(h, 'tableHeader')) },
        ...rows.map((r) => ({ type: 'tableRow' as const, content: r.map((t, i) => cell(t, 'tableCell', i === 0 ? 'center' : 'left')) })),
      ],
    },
    style,
  );
}

/** Draws a whole BodyDoc. */
export function drawBodyDoc(flow: Flow, doc: BodyDoc, style: BodyStyle, keepWithLast = 0): void {
  drawBlocks(flow, doc.content, style, 0, keepWithLast);
}
