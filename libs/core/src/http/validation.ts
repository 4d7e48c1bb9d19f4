import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { assertSafeBody } from './body-guard';
import { DomainError, FieldProblem } from '../errors/domain-error';
import { bilingualReason } from './validation-reasons';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, english]) => ({ field, reason: bilingualReason(constraint, english) }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Checks the shape of bodies and queries (depth, prototype-named keys) before class-transformer sees them. */
class GuardedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') assertSafeBody(value);
    // numeric path parameters are ids: digits only (Number('1e3') would address row 1000)
    if (metadata.type === 'param' && metadata.metatype === Number && (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value))) {
      const field = metadata.data ?? 'id';
      throw new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: harus bilangan bulat positif (must be a positive integer)`, { fields: [{ field, reason: 'must be a positive integer' }] });
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
