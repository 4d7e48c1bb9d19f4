/**
 * The letter's content as the editor and the type forms hold it, and what is sent to the API.
 *
 * THE ADAPTER between the compose page and the API. The contract is
 * libs/correspondence/src/letters/letter-content.ts (the body as a subset of the Tiptap JSON
 * document, typed fields per letter type); its types are imported from there, so a changed contract
 * fails the type check here. The API of this branch accepts only the plain `body`:
 * - toPayload sends `body` derived from the document (paragraphs and list items as text);
 * - bodyDoc/typeFields: sent once the API accepts them — until then they stay in the form state and,
 *   for a saved draft, in this browser's localStorage (keyed by letter id, used only while the
 *   server's plain body is still the one derived from them), so a reload of the draft gets the
 *   formatting and the type's fields back. When the API lands: put `bodyDoc` and `typeFields` in
 *   toPayload, read them in fromLetter, and delete the local store below.
 */
import type {
  BodyBlock,
  BodyDoc,
  BodyInline,
  BodyListItem,
  BodyMark,
  BodyParagraph,
  BodyTableCell,
  BodyTableRow,
  LetterTypeFields,
} from '../../../../libs/correspondence/src/letters/letter-content.js';
import type { components } from '../api/schema.js';

export type { BodyDoc, LetterTypeFields };
export type Recipient = components['schemas']['RecipientDto'];
export type LetterView = components['schemas']['LetterView'];
export type SecurityClass = components['schemas']['CreateLetterDto']['securityClass'];
export type Urgency = components['schemas']['CreateLetterDto']['urgency'];

/** Letter types whose own fields the form shows (TYPES_WITH_FIELDS of the contract). */
export const TYPES_WITH_FIELDS = ['Und', 'ST', 'Kpt', 'BA', 'SKet'] as const;

export const emptyDoc = (): BodyDoc => ({ type: 'doc', content: [{ type: 'paragraph' }] });

// ------------------------------------------------------------------------------------------------
// Editor JSON (Tiptap's, with its default attributes) → the contract's BodyDoc (only what it names)
// ------------------------------------------------------------------------------------------------

type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string; marks?: { type: string }[] };
const ALIGN = ['left', 'justify', 'center', 'right'] as const;
const LIST_STYLE = ['decimal', 'lower-alpha', 'upper-alpha', 'lower-roman'] as const;
const MARKS = ['bold', 'italic', 'underline'] as const;

function inline(nodes: PmNode[] | undefined): BodyInline[] {
  const out: BodyInline[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (n.type === 'text' && n.text) {
      const marks = (n.marks ?? []).map((m) => m.type).filter((t): t is (typeof MARKS)[number] => (MARKS as readonly string[]).includes(t));
      out.push(marks.length ? { type: 'text', text: n.text, marks: marks.map((type) => ({ type }) as BodyMark) } : { type: 'text', text: n.text });
    }
  }
  return out;
}

function paragraph(n: PmNode): BodyParagraph {
  const p: BodyParagraph = { type: 'paragraph' };
  const align = n.attrs?.textAlign;
  if (typeof align === 'string' && (ALIGN as readonly string[]).includes(align)) p.attrs = { textAlign: align as NonNullable<NonNullable<BodyParagraph['attrs']>['textAlign']> };
  const content = inline(n.content);
  if (content.length) p.content = content;
  return p;
}

function listItem(n: PmNode): BodyListItem {
  const content = (n.content ?? []).map(block).filter((b): b is BodyListItem['content'][number] => !!b && b.type !== 'table');
  if (!content.length || content[0].type !== 'paragraph') content.unshift({ type: 'paragraph' });
  return { type: 'listItem', content };
}

function cell(n: PmNode): BodyTableCell {
  const paras = (n.content ?? []).filter((c) => c.type === 'paragraph').map(paragraph);
  return { type: n.type === 'tableHeader' ? 'tableHeader' : 'tableCell', content: paras.length ? paras : [{ type: 'paragraph' }] };
}

function block(n: PmNode): BodyBlock | null {
  switch (n.type) {
    case 'paragraph':
      return paragraph(n);
    case 'bulletList':
      return { type: 'bulletList', content: (n.content ?? []).map(listItem) };
    case 'orderedList': {
      const start = Number(n.attrs?.start ?? 1);
      const style = n.attrs?.listStyle;
      const attrs: { start?: number; listStyle?: (typeof LIST_STYLE)[number] } = {};
      if (Number.isInteger(start) && start > 1) attrs.start = start;
      if (typeof style === 'string' && (LIST_STYLE as readonly string[]).includes(style)) attrs.listStyle = style as (typeof LIST_STYLE)[number];
      return Object.keys(attrs).length ? { type: 'orderedList', attrs, content: (n.content ?? []).map(listItem) } : { type: 'orderedList', content: (n.content ?? []).map(listItem) };
    }
    case 'table':
      return { type: 'table', content: (n.content ?? []).map((r): BodyTableRow => ({ type: 'tableRow', content: (r.content ?? []).map(cell) })) };
    default:
      return null; // nothing else exists in the editor's schema
  }
}

/** The editor's JSON (editor.getJSON()) as the contract's BodyDoc. */
export function toBodyDoc(json: unknown): BodyDoc {
  const root = json as PmNode;
  const content = (root?.content ?? []).map(block).filter((b): b is BodyBlock => !!b);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

// ------------------------------------------------------------------------------------------------
// BodyDoc → the plain `body` the API stores today
// ------------------------------------------------------------------------------------------------

const inlineText = (c: BodyInline[] | undefined) => (c ?? []).map((i) => (i.type === 'text' ? i.text : '\n')).join('');

function blockLines(b: BodyBlock | BodyListItem['content'][number], depth: number): string[] {
  const indent = '   '.repeat(depth);
  switch (b.type) {
    case 'paragraph':
      return [inlineText(b.content)];
    case 'bulletList':
    case 'orderedList': {
      const start = b.type === 'orderedList' ? (b.attrs?.start ?? 1) : 1;
      return b.content.flatMap((item, i) => {
        const mark = b.type === 'orderedList' ? `${start + i}.` : '-';
        const [first, ...rest] = item.content;
        const head = first.type === 'paragraph' ? inlineText(first.content) : '';
        return [`${indent}${mark} ${head}`, ...rest.flatMap((r) => blockLines(r, depth + 1).map((l) => (r.type === 'paragraph' ? `${indent}   ${l}` : l)))];
      });
    }
    case 'table':
      return b.content.map((row) => row.content.map((c) => c.content.map((p) => inlineText(p.content)).join(' ')).join(' | '));
  }
}

/** The body as plain text: paragraphs separated by a blank line, list items numbered, table rows with " | ". */
export function toPlainBody(doc: BodyDoc): string {
  return doc.content
    .map((b) => blockLines(b, 0).join('\n'))
    .join('\n\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/** A plain body (a draft saved before bodyDoc, or by another client) as paragraphs, one per blank-line block. */
export function fromPlainBody(body: string): BodyDoc {
  const blocks = body.replace(/\r\n?/g, '\n').split(/\n{2,}/).filter((s) => s.trim() !== '');
  if (!blocks.length) return emptyDoc();
  return {
    type: 'doc',
    content: blocks.map((text) => {
      const lines = text.split('\n');
      const content: BodyInline[] = [];
      lines.forEach((l, i) => {
        if (i) content.push({ type: 'hardBreak' });
        if (l) content.push({ type: 'text', text: l });
      });
      return { type: 'paragraph', content };
    }),
  };
}

export const isEmptyDoc = (doc: BodyDoc) => toPlainBody(doc) === '';

// ------------------------------------------------------------------------------------------------
// Form state ⇄ API
// ------------------------------------------------------------------------------------------------

export interface ComposeValues {
  typeCode?: string;
  subject?: string;
  summary?: string;
  securityClass: SecurityClass;
  urgency: Urgency;
  classificationCode?: string;
  recipients: Recipient[];
  reviewerPositionIds: number[];
  signerPositionId?: number;
  bodyDoc: BodyDoc;
  typeFields: LetterTypeFields;
}

export const initialValues = (): ComposeValues => ({
  securityClass: 'B',
  urgency: 'BIASA',
  recipients: [],
  reviewerPositionIds: [],
  bodyDoc: emptyDoc(),
  typeFields: {},
});

/** The create/update body the API accepts now. */
export function toPayload(v: ComposeValues) {
  const summary = v.summary?.trim();
  return {
    typeCode: v.typeCode ?? '',
    subject: (v.subject ?? '').trim(),
    ...(summary ? { summary } : {}),
    body: toPlainBody(v.bodyDoc),
    // bodyDoc/typeFields: sent once the API accepts them (bodyDoc: v.bodyDoc, typeFields: cleanTypeFields(v))
    securityClass: v.securityClass,
    urgency: v.urgency,
    classificationCode: v.classificationCode ?? '',
    recipients: v.recipients.map(cleanRecipient),
    reviewerPositionIds: v.reviewerPositionIds,
    signerPositionId: v.signerPositionId ?? 0,
  };
}

function cleanRecipient(r: Recipient): Recipient {
  const out: Recipient = { kind: r.kind };
  if (r.officeId) out.officeId = r.officeId;
  if (r.positionId) out.positionId = r.positionId;
  if (r.externalName) out.externalName = r.externalName;
  if (r.group) out.group = r.group;
  if (r.provinceOfficeId) out.provinceOfficeId = r.provinceOfficeId;
  if (r.distributionListId) out.distributionListId = r.distributionListId;
  return out;
}

/** A saved letter as form values. */
export function fromLetter(l: LetterView): ComposeValues {
  const local = readLocal(l.id, l.body);
  return {
    typeCode: l.typeCode,
    subject: l.subject,
    summary: l.summary ?? undefined,
    securityClass: l.securityClass as SecurityClass,
    urgency: l.urgency as Urgency,
    classificationCode: l.classificationCode,
    recipients: l.recipients.map((r) => cleanRecipient(r as Recipient)),
    reviewerPositionIds: [...l.reviewerPositionIds],
    signerPositionId: l.signerPositionId,
    bodyDoc: local?.bodyDoc ?? fromPlainBody(l.body),
    typeFields: local?.typeFields ?? {},
  };
}

// bodyDoc/typeFields: kept in this browser until the API accepts them (see the header) ------------
const LOCAL_KEY = (id: string) => `naskah.konsep.${id}`;
/** The browser's localStorage (typed here without the DOM lib: this module is also unit-tested under Node). */
const storage = () => (globalThis as { localStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).localStorage;

export function keepLocal(letterId: string, v: ComposeValues): void {
  try {
    storage()?.setItem(LOCAL_KEY(letterId), JSON.stringify({ body: toPlainBody(v.bodyDoc), bodyDoc: v.bodyDoc, typeFields: v.typeFields }));
  } catch {
    /* storage full or off: the plain body on the server stays the truth */
  }
}

function readLocal(letterId: string, serverBody: string): { bodyDoc: BodyDoc; typeFields: LetterTypeFields } | null {
  try {
    const raw = storage()?.getItem(LOCAL_KEY(letterId));
    if (!raw) return null;
    const v = JSON.parse(raw) as { body: string; bodyDoc: BodyDoc; typeFields: LetterTypeFields };
    // someone else changed the body on the server: its text wins, the local formatting is stale
    if (v.body !== serverBody.replace(/\r\n?/g, '\n').trim()) return null;
    return { bodyDoc: v.bodyDoc, typeFields: v.typeFields ?? {} };
  } catch {
    return null;
  }
}
