import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { bidiControlIn, controlCharIn, hasLoneSurrogate, isCalendarDate, textProblem } from '@naskah/core';
import {
  BODY_LIMITS,
  type BodyBlock,
  type BodyDoc,
  type BodyInline,
  type BodyListItem,
  type BodyMark,
  type BodyParagraph,
  type BodyTableCell,
  type BodyTableRow,
  type LetterTypeFields,
} from './letter-content';
import { bodyRequiredFor, hasTypeFields, NIP_PATTERN, TIME_PATTERN, typeFieldsSchema, otherTypeOwningField } from './letter-content-schema';

/**
 * Validation of the content model (letter-content.ts). Each function returns the normalised value
 * (what is stored) and the problems found, each naming its path in the request
 * (`bodyDoc.content[3].content[0]`, `typeFields.events[0].date`) with a reason in Indonesian and
 * English in brackets; the caller answers 400 with them and changes nothing.
 */

export interface ContentProblem {
  field: string;
  reason: string;
}

const MAX_PROBLEMS = 20;

// ------------------------------------------------------------------------------------------------
// Body document
// ------------------------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class BodyChecker {
  readonly problems: ContentProblem[] = [];
  private nodes = 0;
  private chars = 0;

  private fail(field: string, reason: string): null {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ field, reason });
    return null;
  }

  /** Only these keys; Tiptap's attributes that mean "nothing" (null, colspan 1…) are dropped by the callers first. */
  private keys(node: Record<string, unknown>, path: string, allowed: string[]): boolean {
    const extra = Object.keys(node).find((k) => !allowed.includes(k));
    if (extra !== undefined) return this.fail(`${path}.${extra}`, 'isian tidak dikenal untuk simpul ini (unknown property for this node)') ?? false;
    return true;
  }

  private count(path: string): boolean {
    if (++this.nodes > BODY_LIMITS.nodes) return this.fail(path, `isi naskah melebihi ${BODY_LIMITS.nodes} blok (more than ${BODY_LIMITS.nodes} blocks)`) ?? false;
    return true;
  }

  private array(value: unknown, path: string, min: number): unknown[] | null {
    if (!Array.isArray(value)) return this.fail(path, 'harus berupa daftar (must be an array)');
    if (value.length < min) return this.fail(path, `minimal ${min} isian (at least ${min} items)`);
    return value;
  }

  private type(node: unknown, path: string, allowed: string[]): string | null {
    if (!isObject(node)) return this.fail(path, 'harus berupa objek simpul (must be a node object)');
    if (typeof node.type !== 'string' || !allowed.includes(node.type)) {
      const shown = typeof node.type === 'string' ? `"${node.type.slice(0, 40)}"` : String(node.type);
      return this.fail(`${path}.type`, `jenis simpul ${shown} tidak diizinkan di sini; yang boleh: ${allowed.join(', ')} (node type not allowed here)`);
    }
    return node.type;
  }

  doc(value: unknown, path: string): BodyDoc | null {
    if (!isObject(value)) return this.fail(path, 'harus berupa dokumen {type: "doc", content: [...]} (must be a document object)');
    if (value.type !== 'doc') return this.fail(`${path}.type`, 'harus "doc" (must be "doc")');
    if (!this.keys(value, path, ['type', 'content'])) return null;
    const content = this.array(value.content, `${path}.content`, 1);
    if (!content) return null;
    const blocks = content.map((b, i) => this.block(b, `${path}.content[${i}]`, 0));
    if (this.chars > BODY_LIMITS.textChars) this.fail(path, `teks naskah melebihi ${BODY_LIMITS.textChars} karakter (text longer than ${BODY_LIMITS.textChars} characters)`);
    return this.problems.length ? null : { type: 'doc', content: blocks as BodyBlock[] };
  }

  private block(node: unknown, path: string, listDepth: number): BodyBlock | null {
    const t = this.type(node, path, ['paragraph', 'bulletList', 'orderedList', 'table']);
    if (!t || !this.count(path)) return null;
    const n = node as Record<string, unknown>;
    if (t === 'paragraph') return this.paragraph(n, path);
    if (t === 'table') return this.table(n, path);
    return this.list(n, path, listDepth + 1);
  }

  private paragraph(n: Record<string, unknown>, path: string): BodyParagraph | null {
    const attrs = this.attrs(n, path, { textAlign: ['left', 'justify', 'center', 'right'] });
    if (attrs === undefined || !this.keys(n, path, ['type', 'attrs', 'content'])) return null;
    const out: BodyParagraph = { type: 'paragraph', ...(attrs ? { attrs: attrs as BodyParagraph['attrs'] } : {}) };
    if (n.content === undefined) return out;
    const content = this.array(n.content, `${path}.content`, 0);
    if (!content) return null;
    const inline = content.map((c, i) => this.inline(c, `${path}.content[${i}]`));
    if (inline.length) out.content = inline as BodyInline[];
    return out;
  }

  /**
   * Attributes: only those named, with the values allowed; a null, or Tiptap's default that means
   * nothing (colspan/rowspan 1, colwidth null), is dropped. Returns undefined on a problem, null when none remain.
   */
  private attrs(n: Record<string, unknown>, path: string, allowed: Record<string, string[] | 'start'>, defaults: Record<string, unknown> = {}): Record<string, unknown> | null | undefined {
    if (n.attrs === undefined || n.attrs === null) return null;
    if (!isObject(n.attrs)) return this.fail(`${path}.attrs`, 'harus berupa objek (must be an object)') ?? undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n.attrs)) {
      if (v === null || (k in defaults && JSON.stringify(defaults[k]) === JSON.stringify(v))) continue;
      const rule = allowed[k];
      if (!rule) return this.fail(`${path}.attrs.${k}`, 'atribut tidak diizinkan (attribute not allowed)') ?? undefined;
      if (rule === 'start') {
        if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 10_000) return this.fail(`${path}.attrs.${k}`, 'harus bilangan bulat 1 s.d. 10000 (must be an integer from 1 to 10000)') ?? undefined;
      } else if (typeof v !== 'string' || !rule.includes(v)) {
        return this.fail(`${path}.attrs.${k}`, `harus salah satu dari: ${rule.join(', ')} (must be one of these)`) ?? undefined;
      }
      out[k] = v;
    }
    return Object.keys(out).length ? out : null;
  }

  private inline(node: unknown, path: string): BodyInline | null {
    const t = this.type(node, path, ['text', 'hardBreak']);
    if (!t) return null;
    const n = node as Record<string, unknown>;
    if (t === 'hardBreak') return this.keys(n, path, ['type']) ? { type: 'hardBreak' } : null;
    if (!this.keys(n, path, ['type', 'text', 'marks'])) return null;
    if (typeof n.text !== 'string') return this.fail(`${path}.text`, 'harus berupa teks (must be a string)');
    if (n.text.length === 0) return this.fail(`${path}.text`, 'simpul teks tidak boleh kosong (a text node must not be empty)');
    if (n.text.length > BODY_LIMITS.textNodeChars) return this.fail(`${path}.text`, `paling banyak ${BODY_LIMITS.textNodeChars} karakter per simpul teks (at most ${BODY_LIMITS.textNodeChars} characters)`);
    if (hasLoneSurrogate(n.text)) return this.fail(`${path}.text`, 'berisi karakter UTF-16 yang tidak utuh (contains a lone surrogate)');
    const ctl = controlCharIn(n.text);
    if (ctl) return this.fail(`${path}.text`, `berisi karakter kendali ${ctl}; baris baru ditulis sebagai simpul hardBreak (contains control character ${ctl}; a line break is a hardBreak node)`);
    const bidi = bidiControlIn(n.text);
    if (bidi) return this.fail(`${path}.text`, `berisi karakter pengubah arah teks ${bidi} (contains bidirectional control character ${bidi})`);
    this.chars += n.text.length;
    const out: BodyInline = { type: 'text', text: n.text };
    if (n.marks === undefined || n.marks === null) return out;
    const marks = this.array(n.marks, `${path}.marks`, 0);
    if (!marks) return null;
    const seen = new Set<string>();
    const kept: BodyMark[] = [];
    for (const [i, m] of marks.entries()) {
      const mt = this.type(m, `${path}.marks[${i}]`, ['bold', 'italic', 'underline']);
      if (!mt) return null;
      const mo = m as Record<string, unknown>;
      if (mo.attrs !== undefined && !(isObject(mo.attrs) && Object.keys(mo.attrs).length === 0)) return this.fail(`${path}.marks[${i}].attrs`, 'atribut tidak diizinkan (attribute not allowed)');
      if (!this.keys(mo, `${path}.marks[${i}]`, ['type', 'attrs'])) return null;
      if (seen.has(mt)) return this.fail(`${path}.marks[${i}]`, `tanda ${mt} ganda (duplicate mark)`);
      seen.add(mt);
      kept.push({ type: mt } as BodyMark);
    }
    if (kept.length) out.marks = kept;
    return out;
  }

  private list(n: Record<string, unknown>, path: string, depth: number): BodyBlock | null {
    if (depth > BODY_LIMITS.listDepth) return this.fail(path, `daftar bertingkat paling dalam ${BODY_LIMITS.listDepth} tingkat (lists nest at most ${BODY_LIMITS.listDepth} deep)`);
    const ordered = n.type === 'orderedList';
    // Tiptap's orderedList carries `type: null` (its HTML type attribute): dropped with the other nulls
    const attrs = ordered ? this.attrs(n, path, { start: 'start', listStyle: ['decimal', 'lower-alpha', 'upper-alpha', 'lower-roman'] }, { start: 1 }) : this.attrs(n, path, {});
    if (attrs === undefined || !this.keys(n, path, ['type', 'attrs', 'content'])) return null;
    const content = this.array(n.content, `${path}.content`, 1);
    if (!content) return null;
    const items = content.map((c, i) => this.listItem(c, `${path}.content[${i}]`, depth));
    return { type: n.type as 'bulletList', ...(attrs && ordered ? { attrs } : {}), content: items as BodyListItem[] } as BodyBlock;
  }

  private listItem(node: unknown, path: string, depth: number): BodyListItem | null {
    const t = this.type(node, path, ['listItem']);
    if (!t || !this.count(path)) return null;
    const n = node as Record<string, unknown>;
    if (this.attrs(n, path, {}) === undefined || !this.keys(n, path, ['type', 'attrs', 'content'])) return null;
    const content = this.array(n.content, `${path}.content`, 1);
    if (!content) return null;
    const children = content.map((c, i) => {
      const p = `${path}.content[${i}]`;
      const ct = this.type(c, p, i === 0 ? ['paragraph'] : ['paragraph', 'bulletList', 'orderedList']);
      if (!ct || !this.count(p)) return null;
      return ct === 'paragraph' ? this.paragraph(c as Record<string, unknown>, p) : this.list(c as Record<string, unknown>, p, depth + 1);
    });
    return { type: 'listItem', content: children as BodyListItem['content'] };
  }

  private table(n: Record<string, unknown>, path: string): BodyBlock | null {
    if (this.attrs(n, path, {}) === undefined || !this.keys(n, path, ['type', 'attrs', 'content'])) return null;
    const rows = this.array(n.content, `${path}.content`, 1);
    if (!rows) return null;
    if (rows.length > BODY_LIMITS.tableRows) return this.fail(`${path}.content`, `paling banyak ${BODY_LIMITS.tableRows} baris tabel (at most ${BODY_LIMITS.tableRows} rows)`);
    let columns: number | null = null;
    const out: BodyTableRow[] = [];
    for (const [r, row] of rows.entries()) {
      const rp = `${path}.content[${r}]`;
      if (!this.type(row, rp, ['tableRow']) || !this.count(rp)) return null;
      const ro = row as Record<string, unknown>;
      if (this.attrs(ro, rp, {}) === undefined || !this.keys(ro, rp, ['type', 'attrs', 'content'])) return null;
      const cells = this.array(ro.content, `${rp}.content`, 1);
      if (!cells) return null;
      if (cells.length > BODY_LIMITS.tableColumns) return this.fail(rp, `paling banyak ${BODY_LIMITS.tableColumns} kolom; baris ini ${cells.length} (at most ${BODY_LIMITS.tableColumns} columns, this row has ${cells.length})`);
      if (columns !== null && cells.length !== columns) return this.fail(rp, `setiap baris tabel harus ${columns} sel; baris ini ${cells.length} (every row must have ${columns} cells)`);
      columns = cells.length;
      out.push({ type: 'tableRow', content: cells.map((c, i) => this.cell(c, `${rp}.content[${i}]`)) as BodyTableCell[] });
    }
    return { type: 'table', content: out };
  }

  private cell(node: unknown, path: string): BodyTableCell | null {
    const t = this.type(node, path, ['tableCell', 'tableHeader']);
    if (!t || !this.count(path)) return null;
    const n = node as Record<string, unknown>;
    // Tiptap writes colspan 1, rowspan 1, colwidth null on every cell: they mean nothing and are dropped; a real span is refused
    if (this.attrs(n, path, {}, { colspan: 1, rowspan: 1 }) === undefined || !this.keys(n, path, ['type', 'attrs', 'content'])) return null;
    const content = this.array(n.content, `${path}.content`, 1);
    if (!content) return null;
    const paragraphs = content.map((c, i) => {
      const p = `${path}.content[${i}]`;
      return this.type(c, p, ['paragraph']) && this.count(p) ? this.paragraph(c as Record<string, unknown>, p) : null;
    });
    return { type: t as 'tableCell', content: paragraphs as BodyParagraph[] };
  }
}

/** Checks a body document and returns it normalised (attributes that mean nothing dropped). */
export function validateBodyDoc(value: unknown, path = 'bodyDoc'): { doc: BodyDoc | null; problems: ContentProblem[] } {
  const checker = new BodyChecker();
  const doc = checker.doc(value, path);
  return { doc: checker.problems.length ? null : doc, problems: checker.problems };
}

/**
 * BODY_LIMITS count over the whole letter: the body and every lampiran page together (each is also
 * checked alone when given). Without this, 20 lampiran of 500 table rows each passed one by one.
 */
export function letterSizeProblems(bodyDoc: BodyDoc | null | undefined, typeFields: LetterTypeFields | null | undefined): ContentProblem[] {
  const appendices = typeFields?.appendices ?? [];
  if (!appendices.length) return [];
  const checker = new BodyChecker();
  if (bodyDoc) checker.doc(bodyDoc, 'bodyDoc');
  appendices.forEach((a, i) => checker.doc(a.content, `typeFields.appendices[${i}].content`));
  return checker.problems.map((x) => ({ field: x.field, reason: `${x.reason}; batas berlaku untuk isi naskah dan seluruh lampiran bersama (the limit is for the body and all lampiran together)` }));
}

// ------------------------------------------------------------------------------------------------
// Typed fields
// ------------------------------------------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('date', { type: 'string', validate: (v: string) => isCalendarDate(v) });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(typeCode: string, complete: boolean): ValidateFunction {
  const key = `${hasTypeFields(typeCode) ? typeCode : '*'}|${complete}`;
  let v = compiled.get(key);
  if (!v) compiled.set(key, (v = ajv.compile(typeFieldsSchema(typeCode, { complete }))));
  return v;
}

/** `/events/0/date` → `events[0].date`. */
function pathOf(pointer: string, prefix: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : `${acc}.${s}`), prefix);
}

const TYPE_WORDS: Record<string, string> = { string: 'teks', array: 'daftar', object: 'objek', integer: 'bilangan bulat', number: 'angka', boolean: 'benar/salah' };

function reasonOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return 'wajib diisi (required)';
    case 'additionalProperties': return 'isian tidak dikenal (unknown field)';
    case 'type': return `harus berupa ${TYPE_WORDS[String(p.type)] ?? p.type} (must be ${p.type})`;
    case 'minLength': return 'tidak boleh kosong (must not be empty)';
    case 'maxLength': return `paling banyak ${p.limit} karakter (at most ${p.limit} characters)`;
    case 'minItems': return `minimal ${p.limit} isian (at least ${p.limit} items)`;
    case 'maxItems': return `paling banyak ${p.limit} isian (at most ${p.limit} items)`;
    case 'format': return 'harus tanggal yang ada di kalender, YYYY-MM-DD (must be a real calendar date YYYY-MM-DD)';
    case 'enum': return `harus salah satu dari: ${(p.allowedValues as unknown[]).join(', ')} (must be one of these)`;
    case 'minimum':
    case 'maximum': return 'harus id jabatan, bilangan bulat 1 s.d. 4294967295 (must be a position id)';
    case 'pattern':
      if (p.pattern === TIME_PATTERN) return 'harus jam HH:mm, 00:00 s.d. 23:59 (must be a time HH:mm)';
      if (p.pattern === NIP_PATTERN) return 'NIP harus tepat 18 angka (NIP must be exactly 18 digits)';
      return 'bentuknya tidak sah (invalid format)';
    default: return `tidak sah (${e.message ?? e.keyword})`;
  }
}

function problemsOf(errors: ErrorObject[] | null | undefined, prefix: string): ContentProblem[] {
  const seen = new Set<string>();
  const out: ContentProblem[] = [];
  for (const e of errors ?? []) {
    const p = e.params as Record<string, unknown>;
    const extra = e.keyword === 'required' ? p.missingProperty : e.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
    const field = pathOf(e.instancePath, prefix) + (extra !== undefined ? `.${extra}` : '');
    if (seen.has(field)) continue; // one reason per path (a type error says enough)
    seen.add(field);
    out.push({ field, reason: reasonOf(e) });
  }
  return out.slice(0, MAX_PROBLEMS);
}

/** Trims every string (not the lampiran bodies: spaces between marks matter there) and checks it for control characters. */
function trimStrings(value: unknown, path: string, problems: ContentProblem[]): unknown {
  if (typeof value === 'string') {
    const t = value.trim();
    const why = textProblem(t);
    if (why && problems.length < MAX_PROBLEMS) problems.push({ field: path, reason: why });
    return t;
  }
  if (Array.isArray(value)) return value.map((v, i) => trimStrings(v, `${path}[${i}]`, problems));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /^typeFields\.appendices\[\d+\]$/.test(path) && k === 'content' ? v : trimStrings(v, `${path}.${k}`, problems)]));
  }
  return value;
}

const TYPE_NAMES: Record<string, string> = { Und: 'Undangan', ST: 'Surat Tugas', Kpt: 'Keputusan', BA: 'Berita Acara', SKet: 'Surat Keterangan' };

/**
 * Checks `typeFields` for a letter of `typeCode` and returns them normalised (strings trimmed,
 * lampiran bodies normalised). Draft (`complete` false): shapes only — a present field must be
 * right, nothing is required yet. `complete`: what submitting for review needs as well.
 * a.n./u.b. positions are checked against the database by the caller (`checkSignatureLines`).
 */
export function validateTypeFields(typeCode: string, value: unknown, opts: { complete?: boolean } = {}): { fields: LetterTypeFields | null; problems: ContentProblem[] } {
  const prefix = 'typeFields';
  if (value === null || value === undefined) {
    if (opts.complete && hasTypeFields(typeCode)) return { fields: null, problems: [{ field: prefix, reason: `wajib diisi untuk ${TYPE_NAMES[typeCode]} (required for this letter type)` }] };
    return { fields: null, problems: [] };
  }
  if (!isObject(value)) return { fields: null, problems: [{ field: prefix, reason: 'harus berupa objek (must be an object)' }] };
  // a field of another type says so, rather than "unknown"
  const foreign: ContentProblem[] = [];
  for (const key of Object.keys(value)) {
    const owner = otherTypeOwningField(typeCode, key);
    if (owner) {
      foreign.push({ field: `${prefix}.${key}`, reason: `isian ini milik jenis naskah ${owner} (${TYPE_NAMES[owner]}), bukan ${typeCode} (field of letter type ${owner}, not ${typeCode})` });
    }
  }
  if (foreign.length) return { fields: null, problems: foreign };
  const problems: ContentProblem[] = [];
  const trimmed = trimStrings(value, prefix, problems) as Record<string, unknown>;
  if (problems.length) return { fields: null, problems };
  const validate = validatorFor(typeCode, !!opts.complete);
  if (!validate(trimmed)) return { fields: null, problems: problemsOf(validate.errors, prefix) };
  const f = trimmed as LetterTypeFields;
  if (f.period?.start && f.period.end && f.period.start > f.period.end) {
    problems.push({ field: `${prefix}.period.end`, reason: 'tanggal selesai tidak boleh sebelum tanggal mulai (end must not be before start)' });
  }
  if (f.throughPositionId !== undefined && f.onBehalfOfPositionId === undefined) {
    problems.push({ field: `${prefix}.throughPositionId`, reason: 'u.b. hanya bersama a.n. (onBehalfOfPositionId) (u.b. needs a.n.)' });
  }
  if (f.appendices) {
    f.appendices = f.appendices.map((a, i) => {
      const { doc, problems: ps } = validateBodyDoc(a.content, `${prefix}.appendices[${i}].content`);
      problems.push(...ps);
      return { ...a, content: doc as BodyDoc };
    });
  }
  if (problems.length) return { fields: null, problems: problems.slice(0, MAX_PROBLEMS) };
  // no field at all is stored as none
  return { fields: Object.keys(f).length ? f : null, problems: [] };
}

/** The keys of `fields` that belong to a type other than `typeCode` (what a change of type would leave behind). */
export function fieldsOfOtherTypes(typeCode: string, fields: LetterTypeFields | null | undefined): string[] {
  return Object.keys(fields ?? {}).filter((k) => otherTypeOwningField(typeCode, k) !== null);
}

/** Whether a body document has any text (an empty paragraph, list or table has none). */
export function bodyHasText(doc: BodyDoc | null | undefined): boolean {
  const walk = (n: unknown): boolean => {
    if (!isObject(n)) return false;
    if (n.type === 'text') return typeof n.text === 'string' && n.text.trim() !== '';
    return Array.isArray(n.content) && n.content.some(walk);
  };
  return walk(doc);
}

/**
 * What submitting needs of the body: text, for every type but those whose content is their typed
 * fields (bodyRequiredFor: Keputusan, Surat Tugas). Problems name `bodyDoc`.
 */
export function bodyProblemsAtSubmit(typeCode: string, doc: BodyDoc | null | undefined): ContentProblem[] {
  if (!bodyRequiredFor(typeCode) || bodyHasText(doc)) return [];
  return [{ field: 'bodyDoc', reason: 'isi naskah wajib diisi untuk jenis naskah ini (the body is required for this letter type)' }];
}
