import { DomainError } from '../errors/domain-error';
import { assertSafeBody } from './body-guard';

const nested = (depth: number) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('body guard', () => {
  it('accepts ordinary bodies', () => {
    expect(() => assertSafeBody({ subject: 'Hal', recipients: [{ kind: 'TO', positionId: 1 }] })).not.toThrow();
    expect(() => assertSafeBody(nested(31))).not.toThrow();
  });

  it('refuses very deep nesting with a 400, without overflowing itself', () => {
    expect(() => assertSafeBody(nested(33))).toThrow(DomainError);
    expect(() => assertSafeBody(nested(100_000))).toThrow(/bersarang/);
  });

  it('refuses keys named after Object.prototype members, naming the field', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      try {
        assertSafeBody({ recipients: [{ [key]: 1 }] });
        throw new Error('accepted');
      } catch (e) {
        expect((e as DomainError).details?.fields?.[0].field).toBe(`recipients.0.${key}`);
      }
    }
  });
});
