import type { BodyBlock, BodyDoc, BodyInline, BodyListItem, BodyOrderedList, BodyParagraph, BodyTable } from './letter-content';

/**
 * The body's plain text and back (issue 12 item 8):
 *  - `bodyDocToText`: what `letters.body` holds when the body was written as a document — the text
 *    the search index (`ft_letters_text`) reads and old clients show. Paragraphs are separated by a
 *    blank line; list items are one line each, prefixed ("1. ", "a. ", "• ") and indented two spaces
 *    per nesting level; table rows are one line each, cells separated by a tab; a hard break is a
 *    newline.
 *  - `textToBodyDoc`: the document of a letter stored as plain text only (letters written before the
 *    document model, or by a client that sends `body` alone): one paragraph per run of text between
 *    blank lines, a single newline inside it a hard break, a tab a space (text nodes carry no
 *    control characters).
 */

export function inlineText(content: BodyInline[] | undefined): string {
  return (content ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

const ROMAN: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];

function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) (out += s), (n -= v);
  return out;
}

function alpha(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/** Naskah dinas number lists 1. → a. → 1) → a) by depth when no style is given. */
export function listMarker(list: BodyOrderedList, index: number, depth: number): string {
  const n = (list.attrs?.start ?? 1) + index;
  switch (list.attrs?.listStyle) {
    case 'decimal': return `${n}.`;
    case 'lower-alpha': return `${alpha(n)}.`;
    case 'upper-alpha': return `${alpha(n).toUpperCase()}.`;
    case 'lower-roman': return `${roman(n)}.`;
    default: return [`${n}.`, `${alpha(n)}.`, `${n})`, `${alpha(n)})`][depth % 4];
  }
}

function listLines(items: BodyListItem[], marker: (i: number) => string, depth: number): string[] {
  const indent = '  '.repeat(depth);
  return items.flatMap((item, i) =>
    item.content.flatMap((child, k) => {
      if (child.type === 'paragraph') {
        const text = inlineText(child.content).replace(/\n/g, `\n${indent}   `);
        return [k === 0 ? `${indent}${marker(i)} ${text}` : `${indent}   ${text}`];
      }
      return blockLines(child, depth + 1);
    }),
  );
}

function blockLines(block: BodyBlock, depth: number): string[] {
  switch (block.type) {
    case 'paragraph': return [inlineText(block.content)];
    case 'bulletList': return listLines(block.content, () => '•', depth);
    case 'orderedList': return listLines(block.content, (i) => listMarker(block, i, depth), depth);
    case 'table': return tableLines(block);
  }
}

function tableLines(table: BodyTable): string[] {
  return table.content.map((row) => row.content.map((cell) => cell.content.map((p) => inlineText(p.content).replace(/\n/g, ' ')).join(' ')).join('\t'));
}

/** The plain text of a body document (see the file comment). */
export function bodyDocToText(doc: BodyDoc): string {
  return doc.content.map((b) => blockLines(b, 0).join('\n')).join('\n\n').trim();
}

/** The document of a plain-text body (see the file comment). */
export function textToBodyDoc(text: string | null | undefined): BodyDoc {
  const paragraphs = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // any other control character cannot be in a stored body (the API refuses it), but never put one in a text node
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ')
    .split(/\n[ \u00a0]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  if (!paragraphs.length) return { type: 'doc', content: [{ type: 'paragraph' }] };
  return {
    type: 'doc',
    content: paragraphs.map((p): BodyParagraph => {
      const content: BodyInline[] = [];
      p.split('\n').forEach((line, i) => {
        if (i > 0) content.push({ type: 'hardBreak' });
        if (line) content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    }),
  };
}
