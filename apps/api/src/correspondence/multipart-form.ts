import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError } from '@naskah/core';

export interface MultipartForm {
  fields: Record<string, string | string[]>;
  file: { data: Buffer; filename: string } | null;
}

/** The part counts and sizes a form may have (busboy's limits, without fileSize: that is UPLOAD_MAX_BYTES). */
export interface FormLimits {
  /** text fields (a repeated name counts each time) */
  fields: number;
  /** bytes of one text field's value */
  fieldSize: number;
  /** file parts */
  files: number;
  /** fields + files */
  parts: number;
}

/**
 * Limits of every multipart request (registered with @fastify/multipart in bootstrap.ts), sized for
 * the largest real form, POST /api/incoming: 11 named fields plus up to 50 repeated
 * `ccPositionIds` (61), its longest value `summary` (5,000 characters: at most 20,000 bytes of
 * UTF-8), and one file. The other forms are smaller: the JRA import (file + effectiveFrom + label),
 * attachments and follow-up files (the file only). Together with UPLOAD_MAX_BYTES for the file
 * this bounds what one request can make the server hold: 64 × 32 KiB of fields (2 MiB, the JSON
 * body limit) — without them busboy would keep up to 1 MiB per field and any number of fields.
 */
export const MULTIPART_LIMITS: FormLimits = { fields: 64, fieldSize: 32 * 1024, files: 1, parts: 65 };

/** A form that is one file and nothing else (POST /api/verify: public, so the tightest). */
export const FILE_ONLY_FORM: Partial<FormLimits> = { fields: 0, parts: 1 };

/** `limit`: the plugin's fileSize (UPLOAD_MAX_BYTES), which busboy leaves in the cut file's bytesRead. */
const tooLarge = (limit?: number) =>
  limit
    ? new DomainError('FILE_TOO_LARGE', 'TOO_LARGE', `Berkas melebihi batas ukuran unggahan ${limit} byte (file too large)`, { limit })
    : new DomainError('FILE_TOO_LARGE', 'TOO_LARGE', 'Berkas melebihi batas ukuran unggahan (file too large)');

/** The plugin's limit errors (413, raised between parts) as our errors, naming the limit. */
function limitError(err: unknown, limits: FormLimits, fileField: string): DomainError | undefined {
  const { statusCode, code } = (err ?? {}) as { statusCode?: number; code?: string };
  if (code === 'FST_FIELDS_LIMIT') {
    return limits.fields === 0
      ? new DomainError('TOO_MANY_FIELDS', 'TOO_LARGE', `Hanya berkas pada bagian "${fileField}" yang diterima, tanpa isian lain (no form fields accepted)`, { limit: 0 })
      : new DomainError('TOO_MANY_FIELDS', 'TOO_LARGE', `Terlalu banyak isian formulir: paling banyak ${limits.fields} (too many form fields)`, { limit: limits.fields });
  }
  if (code === 'FST_FILES_LIMIT') {
    return new DomainError('TOO_MANY_FILES', 'TOO_LARGE', `Terlalu banyak berkas: paling banyak ${limits.files} per permintaan, pada bagian "${fileField}" (too many files)`, { limit: limits.files });
  }
  if (code === 'FST_PARTS_LIMIT') {
    return new DomainError('TOO_MANY_PARTS', 'TOO_LARGE', `Terlalu banyak bagian multipart: paling banyak ${limits.parts} (too many parts)`, { limit: limits.parts });
  }
  if (statusCode === 413 || code === 'FST_REQ_FILE_TOO_LARGE') {
    const bytesRead = (err as { part?: { file?: { bytesRead?: unknown } } }).part?.file?.bytesRead;
    return tooLarge(typeof bytesRead === 'number' ? bytesRead : undefined);
  }
  return undefined;
}

/**
 * Anything else the parser throws is a request that is not well-formed multipart — cut short
 * ("Unexpected end of form"), without a boundary, with broken part headers: a 400, never a 500
 * (issue 11, item 9). The parsing loop does nothing but parse, so no server fault is hidden here.
 */
function malformed(err: unknown): DomainError {
  const reason = String((err as Error)?.message ?? err).slice(0, 200);
  return new DomainError('MALFORMED_MULTIPART', 'VALIDATION', `Formulir multipart tidak lengkap atau rusak: ${reason} (malformed multipart/form-data)`, { reason });
}

/**
 * Stops parsing a refused request: what the client still sends is read and dropped, not parsed,
 * buffered or left waiting (a file part nobody reads would otherwise stall the connection).
 */
function discardRest(req: FastifyRequest): void {
  req.raw.unpipe();
  req.raw.resume();
}

/**
 * Reads a multipart/form-data request: text fields (repeated names become arrays) and at most one
 * file in the part named `fileField`. Past a limit (MULTIPART_LIMITS, narrowed per endpoint by
 * `limits`; the file's size by UPLOAD_MAX_BYTES) it answers 413 naming the limit, having kept
 * nothing of the request.
 */
export async function readMultipartForm(req: FastifyRequest, fileField = 'file', limits: Partial<FormLimits> = {}): Promise<MultipartForm> {
  if (!req.isMultipart()) {
    throw new DomainError('MULTIPART_REQUIRED', 'UNSUPPORTED_MEDIA', 'Kirim sebagai multipart/form-data (multipart/form-data required)');
  }
  const effective: FormLimits = { ...MULTIPART_LIMITS, ...limits };
  const fields: Record<string, string | string[]> = {};
  let file: MultipartForm['file'] = null;
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type === 'file') {
        if (part.fieldname !== fileField || file) {
          part.file.resume();
          throw new DomainError('UNEXPECTED_FILE', 'VALIDATION', `${part.fieldname}: hanya satu berkas pada bagian "${fileField}"`, { fields: [{ field: part.fieldname, reason: 'unexpected file' }] });
        }
        file = { data: await part.toBuffer(), filename: part.filename };
      } else {
        if (part.valueTruncated) {
          throw new DomainError('FIELD_TOO_LARGE', 'TOO_LARGE', `${part.fieldname}: isian melebihi ${effective.fieldSize} byte (form field too large)`, {
            limit: effective.fieldSize,
            fields: [{ field: part.fieldname, reason: `more than ${effective.fieldSize} bytes` }],
          });
        }
        const value = String(part.value ?? '');
        const prev = fields[part.fieldname];
        fields[part.fieldname] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
    }
  } catch (err) {
    discardRest(req);
    throw err instanceof DomainError ? err : (limitError(err, effective, fileField) ?? malformed(err));
  }
  return { fields, file };
}
