import { TYPES_WITH_FIELDS } from './letter-content';

/**
 * The typed fields of each letter type (letter-content.ts) as JSON Schema — the one description the
 * API validates `typeFields` with (ajv, letter-content-validation.ts), serves to the web form
 * (`GET /api/master/letter-types`: `fieldsSchema`) and documents in OpenAPI. Written in the subset
 * OpenAPI 3.0 and JSON Schema share (no `const`, `$schema` or `$id`), so it is used as is in both.
 *
 * Besides what the schema says, the validator checks: every string trimmed and free of control
 * characters, `format: date` a real calendar date (2026-02-30 is not), ST `period.start ≤ period.end`,
 * the lampiran bodies as BodyDoc, and a.n./u.b. positions against the organisation tree.
 */

export type JsonSchema = Record<string, unknown>;
export type TypeWithFields = (typeof TYPES_WITH_FIELDS)[number];

export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const NIP_PATTERN = '^[0-9]{18}$';
const INT_ID_MAX = 4_294_967_295;

const text = (maxLength: number, description?: string): JsonSchema => ({ type: 'string', minLength: 1, maxLength, ...(description ? { description } : {}) });
const list = (items: JsonSchema, minItems: number, maxItems: number, description?: string): JsonSchema => ({
  type: 'array', items, ...(minItems ? { minItems } : {}), maxItems, ...(description ? { description } : {}),
});
const object = (properties: Record<string, JsonSchema>, required: string[], description?: string): JsonSchema => ({
  type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}), ...(description ? { description } : {}),
});
const date = (description?: string): JsonSchema => ({ type: 'string', format: 'date', ...(description ? { description } : {}) });
const time = (description: string): JsonSchema => ({ type: 'string', pattern: TIME_PATTERN, description });
const positionId = (description: string): JsonSchema => ({ type: 'integer', minimum: 1, maximum: INT_ID_MAX, description });

const person = (description?: string): JsonSchema =>
  object(
    {
      name: text(200, 'nama'),
      nip: { type: 'string', pattern: NIP_PATTERN, description: 'NIP, tepat 18 angka; kosongkan untuk non-ASN' },
      rank: text(100, 'pangkat/golongan, mis. "Penata (III/c)"'),
      position: text(300, 'jabatan'),
    },
    ['name', 'position'],
    description,
  );

/**
 * A placeholder for the BodyDoc of a lampiran: ajv only checks it is an object (the body
 * validator checks the rest); OpenAPI replaces it with a reference to the BodyDoc schema.
 */
export const BODY_DOC_PLACEHOLDER: JsonSchema = { type: 'object', description: 'BodyDoc (the same model as the letter body)' };

function commonProperties(bodyDoc: JsonSchema): Record<string, JsonSchema> {
  return {
    appendices: list(object({ title: text(300, 'judul lampiran'), content: bodyDoc }, ['title', 'content']), 0, 20, 'lampiran: halaman setelah naskah'),
    closing: { type: 'string', enum: ['HORMAT_KAMI', 'NONE'], description: '"Hormat kami" di atas tanda tangan, atau tidak ada' },
    onBehalfOfPositionId: positionId('a.n.: jabatan atasan penandatangan di satker yang sama'),
    throughPositionId: positionId('u.b.: jabatan antara a.n. dan penandatangan (butuh onBehalfOfPositionId)'),
  };
}

const TYPE_PROPERTIES: Record<TypeWithFields, { properties: Record<string, JsonSchema>; required: string[] }> = {
  Und: {
    properties: {
      events: list(
        object(
          {
            date: date('hari/tanggal'),
            startTime: time('waktu mulai, HH:mm WIB'),
            endTime: time('waktu selesai, HH:mm WIB; kosong: "s.d. selesai"'),
            place: text(500, 'tempat'),
            agenda: text(2000, 'acara'),
          },
          ['date', 'startTime', 'place', 'agenda'],
        ),
        1, 50, 'acara: hari/tanggal, waktu, tempat, acara',
      ),
      attire: text(200, 'pakaian'),
      contact: text(300, 'narahubung'),
    },
    required: ['events'],
  },
  ST: {
    properties: {
      basis: list(text(2000), 1, 50, 'dasar'),
      assignees: list(person(), 1, 500, 'kepada: yang ditugaskan'),
      task: text(5000, 'untuk'),
      period: object({ start: date('mulai'), end: date('selesai (≥ mulai)') }, ['start', 'end'], 'masa penugasan'),
      place: text(500, 'tempat'),
    },
    required: ['basis', 'assignees', 'task', 'period'],
  },
  Kpt: {
    properties: {
      about: text(1000, 'tentang'),
      considering: list(text(5000), 1, 50, 'menimbang'),
      observing: list(text(5000), 1, 100, 'mengingat'),
      noting: list(text(5000), 0, 50, 'memperhatikan'),
      decrees: list(object({ text: text(10000) }, ['text']), 1, 50, 'memutuskan: diktum (KESATU, KEDUA, … dinomori tata letak)'),
    },
    required: ['about', 'considering', 'observing', 'decrees'],
  },
  BA: {
    properties: {
      eventDate: date('tanggal kejadian'),
      place: text(500, 'tempat'),
      parties: list(person(), 0, 50, 'para pihak / saksi'),
    },
    required: ['eventDate', 'place', 'parties'],
  },
  SKet: {
    properties: { subject: person('yang diterangkan') },
    required: ['subject'],
  },
};

export function hasTypeFields(typeCode: string): typeCode is TypeWithFields {
  return (TYPES_WITH_FIELDS as readonly string[]).includes(typeCode);
}

/**
 * The type a field of `typeFields` belongs to when it is not a field of `typeCode` (e.g. `events` on a
 * Surat Dinas → Und); null when `typeCode` takes it (`place` is both ST's and BA's) or no type has it.
 */
export function otherTypeOwningField(typeCode: string, key: string): TypeWithFields | null {
  if (hasTypeFields(typeCode) && Object.prototype.hasOwnProperty.call(TYPE_PROPERTIES[typeCode].properties, key)) return null;
  return TYPES_WITH_FIELDS.find((code) => Object.prototype.hasOwnProperty.call(TYPE_PROPERTIES[code].properties, key)) ?? null;
}

/**
 * Types whose content is their typed fields — Keputusan (menimbang, mengingat, diktum) and Surat
 * Tugas (dasar, kepada, untuk) —: the body is optional there (printed after them when given). Every
 * other type is its body: submitting it for review requires a body with text.
 */
export const BODY_OPTIONAL_TYPES = ['Kpt', 'ST'] as const;

/** Whether submitting a letter of this type requires a body with text. */
export function bodyRequiredFor(typeCode: string): boolean {
  return !(BODY_OPTIONAL_TYPES as readonly string[]).includes(typeCode);
}

/** The keys a type requires (empty for the types that carry only the common fields). */
export function requiredFieldsOf(typeCode: string): string[] {
  return hasTypeFields(typeCode) ? [...TYPE_PROPERTIES[typeCode].required] : [];
}

/**
 * The JSON Schema of `typeFields` for a type (its own fields and the common ones). `complete`:
 * what a letter needs to be submitted for review (required keys, at least one event/assignee/…);
 * without it, what a draft may be saved with (the same shapes, nothing required yet).
 */
export function typeFieldsSchema(typeCode: string, opts: { complete?: boolean; bodyDoc?: JsonSchema } = {}): JsonSchema {
  const own = hasTypeFields(typeCode) ? TYPE_PROPERTIES[typeCode] : { properties: {}, required: [] };
  const schema = object({ ...own.properties, ...commonProperties(opts.bodyDoc ?? BODY_DOC_PLACEHOLDER) }, own.required);
  return opts.complete ? schema : relaxed(schema);
}

/** Every field of every type, all optional: the shape of `typeFields` whatever the type (the API's response schema). */
export function anyTypeFieldsSchema(bodyDoc: JsonSchema = BODY_DOC_PLACEHOLDER): JsonSchema {
  const properties = Object.assign({}, ...TYPES_WITH_FIELDS.map((c) => TYPE_PROPERTIES[c].properties), commonProperties(bodyDoc));
  // a draft's fields may be incomplete, so nothing is required here (TypeFields<Code> says what submitting needs)
  return relaxed(object(properties, [], 'isian khusus jenis naskah (Und, ST, Kpt, BA, SKet) dan isian umum (lampiran, penutup, a.n./u.b.); sebuah konsep boleh belum lengkap'));
}

/** The draft form of a schema: no `required`, no minimum count (a draft may be saved incomplete). */
function relaxed(s: JsonSchema): JsonSchema {
  if (s === BODY_DOC_PLACEHOLDER || typeof s !== 'object' || s === null) return s;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'required' || k === 'minItems') continue;
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as Record<string, JsonSchema>).map(([p, ps]) => [p, relaxed(ps)]));
    else if (k === 'items') out[k] = relaxed(v as JsonSchema);
    else out[k] = v;
  }
  return out;
}
