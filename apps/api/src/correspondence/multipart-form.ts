import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError } from '@naskah/core';

export interface MultipartForm {
  fields: Record<string, string | string[]>;
  file: { data: Buffer; filename: string } | null;
}

const tooLarge = () => new DomainError('FILE_TOO_LARGE', 'TOO_LARGE', 'Berkas melebihi batas ukuran unggahan (file too large)');

/**
 * Reads a multipart/form-data request: text fields (repeated names become arrays) and at most one
 * file in the part named `fileField`. The plugin's size limit (UPLOAD_MAX_BYTES) answers 413.
 */
export async function readMultipartForm(req: FastifyRequest, fileField = 'file'): Promise<MultipartForm> {
  if (!req.isMultipart()) {
    throw new DomainError('MULTIPART_REQUIRED', 'UNSUPPORTED_MEDIA', 'Kirim sebagai multipart/form-data (multipart/form-data required)');
  }
  const fields: Record<string, string | string[]> = {};
  let file: MultipartForm['file'] = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname !== fileField || file) {
          throw new DomainError('UNEXPECTED_FILE', 'VALIDATION', `${part.fieldname}: hanya satu berkas pada bagian "${fileField}"`, { fields: [{ field: part.fieldname, reason: 'unexpected file' }] });
        }
        file = { data, filename: part.filename };
      } else {
        const value = String(part.value ?? '');
        const prev = fields[part.fieldname];
        fields[part.fieldname] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
    }
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 413 || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  return { fields, file };
}
