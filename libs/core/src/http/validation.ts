import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { assertSafeBody } from './body-guard';
import { DomainError, FieldProblem } from '../errors/domain-error';
import { bilingualReason } from './validation-reasons';
import { BIGINT_ID_MAX, INT_ID_MAX, isCanonicalId } from './input-rules';

/** Bounds say nothing about a value of the wrong type ("1e20" for an integer): only the type is reported then. */
const TYPE_CHECKS = new Set(['isInt', 'isNumber', 'isString']);
const BOUNDS = new Set(['min', 'max', 'minLength', 'maxLength', 'isLength', 'isPositive']);

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const failed = Object.entries(e.constraints ?? {});
    const wrongType = failed.some(([c]) => TYPE_CHECKS.has(c));
    const own = failed.filter(([c]) => !(wrongType && BOUNDS.has(c))).map(([constraint, english]) => ({ field, reason: bilingualReason(constraint, english) }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The path parameters that are ids: `id` and every `…Id` (`fileId`, `dossierId`, `letterId`, …). */
const ID_PARAM = /^(id|[a-z][A-Za-z]*Id)$/;

/**
 * Checks the shape of bodies and queries (depth, prototype-named keys, lone surrogates) before
 * class-transformer sees them, and holds every id in the path to the one id rule: canonical
 * decimal (no leading zero, sign, exponent or hex — "0294" must not address row 294), within the
 * column's range (a parameter declared as number is an INT UNSIGNED id, a string one a BIGINT id).
 */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') assertSafeBody(value);
    if (metadata.type === 'param' && metadata.data && ID_PARAM.test(metadata.data)) {
      const max = metadata.metatype === Number ? INT_ID_MAX : BIGINT_ID_MAX;
      if (typeof value !== 'string' || !isCanonicalId(value, max)) {
        const field = metadata.data;
        const reason = `harus id angka desimal tanpa nol di depan, 1 s.d. ${max} (must be a canonical positive integer id, 1 to ${max})`;
        throw new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: ${reason}`, { fields: [{ field, reason }] });
      }
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are rejected, each bad field is named in the 400 answer. */
export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new DomainError(
        'VALIDATION_FAILED',
        'VALIDATION',
        `Data tidak valid (invalid input): ${fields.map((f) => `${f.field}: ${f.reason}`).join('; ')}`,
        { fields },
      );
    },
  });
}
