/**
 * The letter's content as the editor and the type forms hold it, and what is sent to the API.
 *
 * THE ADAPTER between the compose page and the API. The contract is
 * libs/correspondence/src/letters/letter-content.ts (the body as a subset of the Tiptap JSON
 * document, typed fields per letter type); its types are imported from there, so a changed contract
 * fails the type check here. toPayload sends the document (`bodyDoc`; the API derives the plain
 * `body` search reads) and the type's fields (`typeFields`, cleaned); fromLetter reads both back, so a
 * draft opened in any browser, by anyone allowed to, has its formatting and fields.
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
// BodyDoc → plain text (what the API derives as `body`; shown when a reload overwrote the user's text)
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

/** The typed fields each type carries besides the common ones (contract: TypeFieldsByCode). */
const TYPE_KEYS: Record<string, readonly string[]> = {
  Und: ['events', 'attire', 'contact'],
  ST: ['basis', 'assignees', 'task', 'period', 'place'],
  Kpt: ['about', 'considering', 'observing', 'noting', 'decrees'],
  BA: ['eventDate', 'place', 'parties'],
  SKet: ['subject'],
};
const COMMON_KEYS = ['appendices', 'closing', 'onBehalfOfPositionId', 'throughPositionId'] as const;

/** A form value without what is empty: strings trimmed, '' / null / undefined, [] and {} left out. */
function prune(v: unknown): unknown {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) {
    const items = v.map(prune).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    if ((v as { type?: unknown }).type === 'doc') return isEmptyDoc(v as BodyDoc) ? undefined : v; // a lampiran body: sent as it is
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = prune(x);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

/**
 * The typed fields to send: only the type's own keys and the common ones (a field left over from a
 * type chosen before is not sent), empty ones omitted, diktum as `{ text }`; null when nothing is left.
 */
export function cleanTypeFields(typeCode: string | undefined, tf: LetterTypeFields | undefined): LetterTypeFields | null {
  const keys = [...(TYPE_KEYS[typeCode ?? ''] ?? []), ...COMMON_KEYS];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    let x: unknown = (tf as Record<string, unknown> | undefined)?.[k];
    if (k === 'decrees' && Array.isArray(x)) x = (x as unknown[]).map((d) => (typeof d === 'string' ? { text: d } : (d as { text?: string }))).filter((d) => d?.text?.trim());
    if (k === 'appendices' && Array.isArray(x)) x = x.map((a: { title?: string; content?: BodyDoc }) => ({ title: a?.title, content: a?.content ?? emptyDoc() })).filter((a) => a.title?.trim() || !isEmptyDoc(a.content));
    const c = prune(x);
    if (c !== undefined) out[k] = c;
  }
  return Object.keys(out).length ? (out as LetterTypeFields) : null;
}

/** The create/update body of POST/PATCH /api/letters: the document and the typed fields (the plain body is derived by the API). */
export function toPayload(v: ComposeValues) {
  const summary = v.summary?.trim();
  return {
    typeCode: v.typeCode ?? '',
    subject: (v.subject ?? '').trim(),
    ...(summary ? { summary } : {}),
    bodyDoc: v.bodyDoc,
    typeFields: cleanTypeFields(v.typeCode, v.typeFields),
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

/** The typed fields as the form holds them (diktum as plain texts, one per box). */
export function typeFieldsToForm(tf: LetterTypeFields | null | undefined): LetterTypeFields {
  if (!tf) return {};
  const out: Record<string, unknown> = { ...tf };
  if (Array.isArray(tf.decrees)) out.decrees = tf.decrees.map((d) => d.text);
  return out as LetterTypeFields;
}

/** A saved letter as form values: the document and the typed fields as the server holds them. */
export function fromLetter(l: LetterView): ComposeValues {
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
    bodyDoc: (l.bodyDoc as BodyDoc | undefined) ?? fromPlainBody(l.body),
    typeFields: typeFieldsToForm(l.typeFields as LetterTypeFields | null),
  };
}
