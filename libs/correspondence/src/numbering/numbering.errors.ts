export type NumberingErrorCode =
  | 'NUMBER_TEMPLATE_INVALID'
  | 'NUMBER_VALUE_MISSING'
  | 'NUMBER_SEQ_INVALID'
  | 'NUMBER_TOO_LONG'
  | 'COUNTER_SCOPE_INVALID';

/**
 * A numbering rule was broken: a bad template, a value the template needs is missing, or a bad
 * counter scope. `problems` lists every reason (Bahasa Indonesia). The HTTP layer maps it to a
 * DomainError of kind UNPROCESSABLE with `details.problems`.
 */
export class NumberingError extends Error {
  readonly kind = 'UNPROCESSABLE' as const;

  constructor(
    readonly code: NumberingErrorCode,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}: ${problems.join('; ')}` : message);
    this.name = 'NumberingError';
  }

  get details(): { problems: string[] } {
    return { problems: this.problems };
  }
}
