import { DomainError } from '@naskah/core';

/** What an uploaded scan may be, judged from its content (never from its name or declared type). */
export const ALLOWED_FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type FileTypeResult = { ext: string; mime: string } | undefined;
interface FileTypeModule {
  fileTypeFromBuffer(data: Uint8Array | ArrayBuffer): Promise<FileTypeResult>;
}

/** file-type is ESM-only; Node 20.19+ loads it with require(esm) (and Jest compiles it to CommonJS). */
function fileTypeModule(): FileTypeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('file-type') as FileTypeModule;
}

/** Sniffs the content: 413 when larger than the limit, 415 unless it is a PDF, PNG, JPEG, DOCX or XLSX. */
export async function sniffScannedFile(data: Buffer, maxBytes: number): Promise<{ ext: string; mime: string }> {
  if (data.length > maxBytes) {
    throw new DomainError('FILE_TOO_LARGE', 'TOO_LARGE', `Berkas melebihi batas ${Math.floor(maxBytes / 1024 / 1024)} MB (file too large)`, { maxBytes });
  }
  if (!data.length) throw new DomainError('FILE_EMPTY', 'VALIDATION', 'file: berkas kosong (empty file)', { fields: [{ field: 'file', reason: 'empty' }] });
  const type = await fileTypeModule().fileTypeFromBuffer(data);
  if (!type || ALLOWED_FILE_TYPES[type.ext] !== type.mime) {
    throw new DomainError('FILE_TYPE_NOT_ALLOWED', 'UNSUPPORTED_MEDIA', `Jenis berkas ${type?.mime ?? 'tidak dikenal'} tidak diizinkan; gunakan PDF, PNG, JPEG, DOCX atau XLSX (unsupported file type)`, {
      detected: type?.mime ?? null,
      allowed: Object.values(ALLOWED_FILE_TYPES),
    });
  }
  return type;
}
