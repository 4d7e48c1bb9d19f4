/**
 * A letter body as paragraphs of plain text, for reading and for the revision diff. The API keeps
 * the body as text today (paragraphs separated by a blank line); the content model (Tiptap/ProseMirror
 * JSON, libs/correspondence letter-content.ts) is read too, so the diff keeps working when the
 * editor stores documents: each paragraph, heading and list item is one block.
 */
interface Node {
  type?: string;
  text?: string;
  content?: Node[];
  attrs?: Record<string, unknown>;
}

function inlineText(n: Node): string {
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  return (n.content ?? []).map(inlineText).join('');
}

function blocks(n: Node, out: string[], prefix = ''): void {
  switch (n.type) {
    case 'doc':
      (n.content ?? []).forEach((c) => blocks(c, out));
      return;
    case 'paragraph':
    case 'heading':
      out.push(prefix + inlineText(n));
      return;
    case 'bulletList':
    case 'orderedList': {
      const start = Number(n.attrs?.start ?? 1);
      (n.content ?? []).forEach((item, i) => {
        const mark = n.type === 'orderedList' ? `${start + i}. ` : '• ';
        (item.content ?? []).forEach((c, j) => blocks(c, out, j === 0 ? prefix + mark : prefix + '   '));
      });
      return;
    }
    case 'table':
      (n.content ?? []).forEach((row) => out.push((row.content ?? []).map((cell) => (cell.content ?? []).map(inlineText).join(' ')).join(' | ')));
      return;
    default:
      if (n.content) n.content.forEach((c) => blocks(c, out, prefix));
      else if (n.text) out.push(prefix + n.text);
  }
}

export function bodyParagraphs(body: unknown): string[] {
  let v: unknown = body;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') && t.includes('"type"')) {
      try {
        v = JSON.parse(t);
      } catch {
        /* plain text that starts with a brace */
      }
    }
  }
  if (typeof v === 'string') {
    return v
      .replace(/\r\n?/g, '\n')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
  }
  if (v && typeof v === 'object') {
    const out: string[] = [];
    blocks(v as Node, out);
    return out.filter((p) => p.trim() !== '');
  }
  return [];
}
