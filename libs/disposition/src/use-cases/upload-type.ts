import { DomainError } from '@naskah/core';
import { ALLOWED_FILE_TYPES } from '@naskah/correspondence';

type FileTypeResult = { ext: string; mime: string } | undefined;

/** The same rule as letter attachments: judged from the content, PDF, PNG, JPEG, DOCX or XLSX; 413 past the limit, 415 otherwise. */
export async function sniffUpload(data: Buffer, maxBytes: number): Promise<{ ext: string; mime: string }> {
  if (data.length > maxBytes) throw new DomainError('FILE_TOO_LARGE', 'TOO_LARGE', `Berkas melebihi batas ${Math.floor(maxBytes / 1024 / 1024)} MB (file too large)`, { maxBytes });
  if (!data.length) throw new DomainError('FILE_EMPTY', 'VALIDATION', 'file: berkas kosong (empty file)', { fields: [{ field: 'file', reason: 'empty' }] });
  // file-type is ESM-only; Node 20.19+ loads it with require(esm) (Jest compiles it to CommonJS)
  const { fileTypeFromBuffer } = require('file-type') as { fileTypeFromBuffer(d: Uint8Array): Promise<FileTypeResult> };
  const type = await fileTypeFromBuffer(data);
  if (!type || ALLOWED_FILE_TYPES[type.ext] !== type.mime) {
    throw new DomainError('FILE_TYPE_NOT_ALLOWED', 'UNSUPPORTED_MEDIA', `Jenis berkas ${type?.mime ?? 'tidak dikenal'} tidak diizinkan; gunakan PDF, PNG, JPEG, DOCX atau XLSX (unsupported file type)`, {
      detected: type?.mime ?? null, allowed: Object.values(ALLOWED_FILE_TYPES),
    });
  }
  return type;
}
