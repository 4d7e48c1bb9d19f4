import type { OpenAPIObject } from '@nestjs/swagger';
import { anyTypeFieldsSchema, BODY_LIMITS, TYPES_WITH_FIELDS, typeFieldsSchema } from '@naskah/correspondence';

/**
 * The letter content model (libs/correspondence/src/letters/letter-content.ts) as named OpenAPI
 * schemas, so the generated web client has precise types: BodyDoc and its nodes (recursive, hence
 * components rather than inline schemas), LetterTypeFields (every type's fields, all optional: the
 * shape of `typeFields`) and TypeFields<Code> (each type's fields as submitting requires them).
 * DTO properties point at them with `allOf: [{ $ref }]` (contentRef).
 */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const contentRef = (name: 'BodyDoc' | 'LetterTypeFields') => ({ allOf: [ref(name)] });

const node = (type: string[], properties: Record<string, unknown>, required: string[] = [], description?: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['type', ...required],
  properties: { type: { type: 'string', enum: type }, ...properties },
  ...(description ? { description } : {}),
});
const arrayOf = (items: unknown, extra: Record<string, unknown> = {}) => ({ type: 'array', items, ...extra });

export function letterContentSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    BodyMark: node(['bold', 'italic', 'underline'], {}),
    BodyText: node(['text'], { text: { type: 'string', minLength: 1, maxLength: BODY_LIMITS.textNodeChars, description: 'no control characters: a line break is a hardBreak node' }, marks: arrayOf(ref('BodyMark')) }, ['text']),
    BodyHardBreak: node(['hardBreak'], {}),
    BodyInline: { oneOf: [ref('BodyText'), ref('BodyHardBreak')] },
    BodyParagraph: node(['paragraph'], {
      attrs: { type: 'object', additionalProperties: false, properties: { textAlign: { type: 'string', enum: ['left', 'justify', 'center', 'right'] } } },
      content: arrayOf(ref('BodyInline')),
    }),
    BodyListItem: node(['listItem'], { content: arrayOf({ oneOf: [ref('BodyParagraph'), ref('BodyBulletList'), ref('BodyOrderedList')] }, { minItems: 1, description: 'a paragraph first' }) }, ['content']),
    BodyBulletList: node(['bulletList'], { content: arrayOf(ref('BodyListItem'), { minItems: 1 }) }, ['content']),
    BodyOrderedList: node(['orderedList'], {
      attrs: {
        type: 'object', additionalProperties: false,
        properties: { start: { type: 'integer', minimum: 1, maximum: 10000 }, listStyle: { type: 'string', enum: ['decimal', 'lower-alpha', 'upper-alpha', 'lower-roman'] } },
      },
      content: arrayOf(ref('BodyListItem'), { minItems: 1 }),
    }, ['content'], `lists nest at most ${BODY_LIMITS.listDepth} deep`),
    BodyTableCell: node(['tableCell', 'tableHeader'], { content: arrayOf(ref('BodyParagraph'), { minItems: 1 }) }, ['content']),
    BodyTableRow: node(['tableRow'], { content: arrayOf(ref('BodyTableCell'), { minItems: 1, maxItems: BODY_LIMITS.tableColumns }) }, ['content']),
    BodyTable: node(['table'], { content: arrayOf(ref('BodyTableRow'), { minItems: 1, maxItems: BODY_LIMITS.tableRows }) }, ['content'], 'every row has the same number of cells'),
    BodyBlock: { oneOf: [ref('BodyParagraph'), ref('BodyBulletList'), ref('BodyOrderedList'), ref('BodyTable')] },
    BodyDoc: node(['doc'], { content: arrayOf(ref('BodyBlock'), { minItems: 1 }) }, ['content'],
      `the letter body: a subset of the Tiptap/ProseMirror JSON document (StarterKit + Table); at most ${BODY_LIMITS.nodes} blocks and ${BODY_LIMITS.textChars} characters`),
    LetterTypeFields: anyTypeFieldsSchema(ref('BodyDoc')),
  };
  for (const code of TYPES_WITH_FIELDS) schemas[`TypeFields${code}`] = typeFieldsSchema(code, { complete: true, bodyDoc: ref('BodyDoc') });
  return schemas;
}

/** Adds the content model's schemas to a document (createOpenApiDocument). */
export function withLetterContentSchemas(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...(doc.components?.schemas ?? {}), ...(letterContentSchemas() as Record<string, never>) } };
  return doc;
}
