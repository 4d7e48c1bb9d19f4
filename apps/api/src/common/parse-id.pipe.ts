import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, INT_ID_MAX, isCanonicalId } from '@naskah/core';

/**
 * An INT UNSIGNED id from the path, written the one canonical way (digits, no sign, no exponent,
 * no leading zero, at most 4294967295; libs/core input-rules). Nest 12's ParseIntPipe also takes
 * "1e3" as 1000, which would let a malformed path address a real row.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string | number, metadata: ArgumentMetadata): number {
    // the global pipe has already checked and converted a parameter declared as number
    if (typeof value === 'number' && isCanonicalId(value, INT_ID_MAX)) return value;
    if (typeof value !== 'string' || !isCanonicalId(value, INT_ID_MAX)) {
      const field = metadata.data ?? 'id';
      throw new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: harus bilangan bulat positif (must be a positive integer)`, { fields: [{ field, reason: 'must be a positive integer' }] });
    }
    return Number(value);
  }
}
