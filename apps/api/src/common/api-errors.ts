import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ErrorBody, FieldProblem } from '@naskah/core';

/** One field that failed a rule. */
export class ApiFieldProblem implements FieldProblem {
  @ApiProperty({ example: 'subject' }) field: string;
  @ApiProperty({ example: 'wajib diisi' }) reason: string;
}

/** The one JSON shape of every error answer (libs/core/src/http/error.filter.ts). */
export class ApiErrorBody implements ErrorBody {
  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ description: 'Stable machine code (e.g. LETTER_NOT_FOUND, VALIDATION_FAILED)', example: 'NOT_FOUND' }) code: string;
  @ApiProperty({ description: 'For people: Bahasa Indonesia, English may follow in brackets' }) message: string;
  @ApiPropertyOptional({
    type: 'object',
    properties: { fields: { type: 'array', items: { $ref: getSchemaPath(ApiFieldProblem) } } },
    additionalProperties: true,
    description: 'the fields at fault, and whatever else the code documents (e.g. retryAfterSeconds, dossierId)',
  })
  details?: { fields?: ApiFieldProblem[]; [k: string]: unknown };
  @ApiPropertyOptional({ description: 'Only on 500: the id under which the error is in the log' }) errorId?: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

const WHAT: Record<ErrorStatus, string> = {
  400: 'Masukan tidak sah; `details.fields` menyebut kolomnya (bad input, naming the field)',
  401: 'Belum masuk atau token tidak sah (not signed in)',
  403: 'Tidak berwenang (forbidden)',
  404: 'Tidak ditemukan, atau tidak boleh dilihat (not found, or not visible to you)',
  409: 'Bertentangan dengan keadaan saat ini: status, versi, atau urutan (conflict with the current state)',
  410: 'Sudah tidak tersedia (gone)',
  413: 'Terlalu besar (payload too large)',
  415: 'Jenis berkas tidak didukung (unsupported media type)',
  422: 'Dapat dibaca tetapi tidak dapat diproses menurut aturan (unprocessable)',
  429: 'Terlalu banyak percobaan; lihat header Retry-After (too many attempts)',
  503: 'Layanan sementara tidak tersedia, coba lagi (service unavailable)',
};

/** Documents the error answers an operation (or every operation of a controller) may give, all in the shape of {@link ApiErrorBody}. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ApiErrorBody, ApiFieldProblem), ...statuses.map((status) => ApiResponse({ status, description: WHAT[status], type: ApiErrorBody })));
}
