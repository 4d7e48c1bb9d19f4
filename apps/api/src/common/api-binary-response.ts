import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A 200 answer whose body is a file (not JSON): one entry per media type it may have. */
export function ApiFileResponse(description: string, ...mimes: string[]): MethodDecorator {
  return applyDecorators(ApiResponse({ status: 200, description, content: Object.fromEntries(mimes.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) }));
}
