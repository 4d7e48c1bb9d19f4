/**
 * The content model of a letter (naskah dinas): its body as a small, validated document tree and
 * the typed fields its type needs. This file is the contract between the API (validation, storage,
 * revisions and their diff, search text), the PDF layouts (one per type) and the web app's editor.
 *
 * The body is a strict subset of the ProseMirror/Tiptap JSON document (StarterKit + Table), so the
 * web editor produces it as is; the server accepts nothing else (no HTML, no attributes beyond those
 * named here, no unknown node or mark). Text never carries control characters; a line break inside a
 * paragraph is a `hardBreak` node.
 *
 * Where the rest lives: validation (paths and messages) letter-content-validation.ts; the typed
 * fields as JSON Schema (what the API enforces and GET /api/master/letter-types serves)
 * letter-content-schema.ts; plain text both ways letter-content-text.ts; revision diff
 * letter-content-diff.ts; what the PDF renderer gets letter-content-render.ts. On input, Tiptap's
 * attributes that mean nothing (`textAlign: null`, orderedList `type: null`/`start: 1`, cell
 * `colspan: 1`/`rowspan: 1`/`colwidth: null`) are dropped, so the stored document has only the
 * attributes below.
 */

export type BodyMark = { type: 'bold' } | { type: 'italic' } | { type: 'underline' };

export type BodyInline = { type: 'text'; text: string; marks?: BodyMark[] } | { type: 'hardBreak' };

export interface BodyParagraph {
  type: 'paragraph';
  /** Left, justified (the default for naskah dinas), centred or right. */
  attrs?: { textAlign?: 'left' | 'justify' | 'center' | 'right' };
  content?: BodyInline[];
}

export interface BodyListItem {
  type: 'listItem';
  /** A paragraph first, then paragraphs or nested lists (nesting at most BODY_LIMITS.listDepth deep). */
  content: (BodyParagraph | BodyBulletList | BodyOrderedList)[];
}

export interface BodyBulletList {
  type: 'bulletList';
  content: BodyListItem[];
}

export interface BodyOrderedList {
  type: 'orderedList';
  /**
   * `start` ≥ 1; `listStyle` how the numbers print: decimal `1.`, lower-alpha `a.`, upper-alpha `A.`,
   * lower-roman `i.` (naskah dinas use 1. → a. → 1) → a) by depth when no style is given).
   */
  attrs?: { start?: number; listStyle?: 'decimal' | 'lower-alpha' | 'upper-alpha' | 'lower-roman' };
  content: BodyListItem[];
}

export interface BodyTableCell {
  /** `tableHeader` cells print bold and repeat with their row on each page when the row is the first. */
  type: 'tableCell' | 'tableHeader';
  content: BodyParagraph[];
}

export interface BodyTableRow {
  type: 'tableRow';
  content: BodyTableCell[];
}

/** A simple table: every row has the same number of cells (no colspan/rowspan). */
export interface BodyTable {
  type: 'table';
  content: BodyTableRow[];
}

export type BodyBlock = BodyParagraph | BodyBulletList | BodyOrderedList | BodyTable;

export interface BodyDoc {
  type: 'doc';
  content: BodyBlock[];
}

/** Limits the validator enforces (a body over them is refused with 400 naming the path). */
export const BODY_LIMITS = {
  /** Blocks and list items and table rows, counted over the whole tree. */
  nodes: 5000,
  /** Characters of text over the whole tree. */
  textChars: 100_000,
  /** Characters in one text node. */
  textNodeChars: 10_000,
  /** Lists inside lists. */
  listDepth: 4,
  tableColumns: 12,
  tableRows: 500,
} as const;

// ---------------------------------------------------------------------------------------------------
// Typed fields per letter type (letters.type_fields). Dates are 'YYYY-MM-DD' (a real calendar date),
// times 'HH:mm' (WIB). Every string is trimmed, non-empty and free of control characters.
// ---------------------------------------------------------------------------------------------------

/** One event of an invitation (Surat Undangan): printed as the hari/tanggal, waktu, tempat, acara block. */
export interface InvitationEvent {
  date: string;
  startTime: string;
  /** Omitted: printed "s.d. selesai". */
  endTime?: string;
  place: string;
  agenda: string;
}

/** `Und` — Surat Undangan. */
export interface InvitationFields {
  events: InvitationEvent[];
  /** "Pakaian", optional. */
  attire?: string;
  /** "Narahubung" (contact person and phone), optional. */
  contact?: string;
}

/** A person assigned by a Surat Tugas. */
export interface AssignedPerson {
  name: string;
  /** 18 digits when given (NIP of an ASN); omitted for non-ASN staff. */
  nip?: string;
  /** Pangkat/golongan, e.g. "Penata (III/c)", optional. */
  rank?: string;
  /** Jabatan. */
  position: string;
}

/** `ST` — Surat Tugas. */
export interface AssignmentFields {
  /** "Dasar": the rules or letters the assignment rests on, printed as a numbered list. */
  basis: string[];
  /** "Kepada": the people assigned, printed as a table. */
  assignees: AssignedPerson[];
  /** "Untuk": what they are to do. */
  task: string;
  /** The assignment's period (start ≤ end). */
  period: { start: string; end: string };
  /** Where, optional. */
  place?: string;
}

/** One diktum of a Keputusan (KESATU, KEDUA, … are numbered by the layout, not stored). */
export interface DecreeArticle {
  text: string;
}

/** `Kpt` — Keputusan. */
export interface DecreeFields {
  /** "TENTANG …" — the decree's title (upper-cased by the layout). */
  about: string;
  /** "Menimbang": a., b., c. … */
  considering: string[];
  /** "Mengingat": 1., 2., 3. … */
  observing: string[];
  /** "Memperhatikan", optional. */
  noting?: string[];
  /** "MEMUTUSKAN: Menetapkan: …" — what is decreed, the title repeated by the layout. */
  decrees: DecreeArticle[];
}

/** `BA` — Berita Acara. */
export interface MinutesFields {
  /** When and where what is recorded happened. */
  eventDate: string;
  place: string;
  /** The parties who sign the minutes besides the signer (Pihak / saksi). */
  parties: AssignedPerson[];
}

/** `SKet` — Surat Keterangan: about whom. */
export interface StatementFields {
  subject: AssignedPerson;
}

/** Fields any type may carry. */
export interface CommonFields {
  /** Lampiran: pages printed after the letter, each with a title and its own body. */
  appendices?: { title: string; content: BodyDoc }[];
  /** The closing line above the signature: "Hormat kami" (Surat Dinas to outside parties) or none. */
  closing?: 'HORMAT_KAMI' | 'NONE';
  /**
   * a.n. (atas nama): the signer signs on behalf of this position of the same office (an ancestor of
   * the signer's position in the tree, e.g. the Ketua for the Sekretaris); printed "a.n. KETUA …" over
   * the signer's own title. u.b. (untuk beliau) goes one step further down: `throughPositionId`.
   */
  onBehalfOfPositionId?: number;
  throughPositionId?: number;
}

/** The typed fields by letter type code; types not listed carry only CommonFields. */
export interface TypeFieldsByCode {
  Und: InvitationFields & CommonFields;
  ST: AssignmentFields & CommonFields;
  Kpt: DecreeFields & CommonFields;
  BA: MinutesFields & CommonFields;
  SKet: StatementFields & CommonFields;
}

export type LetterTypeFields = Partial<InvitationFields & AssignmentFields & DecreeFields & MinutesFields & StatementFields> &
  CommonFields;

/** Letter types whose typed fields are required (the rest carry only the optional CommonFields). */
export const TYPES_WITH_FIELDS = ['Und', 'ST', 'Kpt', 'BA', 'SKet'] as const;
