import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldProblem } from '../errors/domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The global pipe: unknown fields are rejected, each bad field is named in the 400 answer. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
