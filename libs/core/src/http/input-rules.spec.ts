import { ArgumentMetadata } from '@nestjs/common';
import { IsOptional, Length } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { CleanText, IsCalendarDate, IsEntityId, NestedObject, QueryId } from './input-decorators';
import { BIGINT_ID_MAX, INT_ID_MAX, isCalendarDate, isCanonicalId, isInvisibleOnly, textProblem } from './input-rules';
import { createValidationPipe } from './validation';

describe('input rules', () => {
  it('ids: canonical decimal only, within the column range', () => {
    for (const ok of ['1', '294', String(INT_ID_MAX)]) expect(isCanonicalId(ok, INT_ID_MAX)).toBe(true);
    for (const bad of ['0', '0294', '00294', '+294', '-1', '1e3', '0x10', ' 7', '7 ', '1.0', '', '٣', String(INT_ID_MAX + 1)]) expect(isCanonicalId(bad, INT_ID_MAX)).toBe(false);
    expect(isCanonicalId(BIGINT_ID_MAX.toString())).toBe(true);
    expect(isCanonicalId((BIGINT_ID_MAX + 1n).toString())).toBe(false);
    expect(isCanonicalId('18446744073709551616')).toBe(false);
    expect(isCanonicalId(4294967296, INT_ID_MAX)).toBe(false);
    expect(isCanonicalId(1.5, INT_ID_MAX)).toBe(false);
  });

  it('dates: real calendar days from 1900 to 2100', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '1900-01-01', '2100-12-31']) expect(isCalendarDate(ok)).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-31', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '1899-12-31', '2101-01-01', '0000-01-01', '2026-1-01', '2026-01-01T00:00:00Z', 20260101]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });

  it('text: refuses lone surrogates, control characters and invisible-only input; keeps newline and tab in multi-line fields', () => {
    expect(textProblem('Undangan rapat pleno 😀')).toBeNull();
    expect(textProblem('a\ud800b')).toMatch(/surrogate/);
    expect(textProblem('a\u0000b')).toMatch(/U\+0000/);
    expect(textProblem('a\u001bb')).toMatch(/U\+001B/);
    expect(textProblem('a\u0085b')).toMatch(/U\+0085/);
    expect(textProblem('baris 1\nbaris 2')).toMatch(/U\+000A/);
    expect(textProblem('baris 1\r\n\tbaris 2', true)).toBeNull();
    expect(textProblem('a\u0000b', true)).toMatch(/U\+0000/);
    for (const blank of ['   ', '\u200b', '\u200c\u200d', '\u2060', '\ufeff', '\u3000', '\u200e\u200f', '\u202a\u202e', '\u2066\u2069', ' \u00a0\t', '\u3164']) expect(isInvisibleOnly(blank)).toBe(true);
    expect(isInvisibleOnly('')).toBe(false);
    expect(isInvisibleOnly('\u200ba')).toBe(false);
  });
});

class Inner {
  @IsOptional() @IsEntityId()
  unitId?: number;
}
class Dto {
  @CleanText() @Length(3, 50)
  subject: string;

  @IsOptional() @CleanText({ multiline: true })
  note?: string;

  @IsOptional() @IsCalendarDate()
  date?: string;

  @IsOptional() @IsEntityId({ bigint: true })
  deliveryId?: string;

  @IsOptional() @NestedObject(() => Inner)
  scope?: Inner;
}
class Query {
  @IsOptional() @QueryId()
  positionId?: number;
}

async function fields(metatype: new () => object, value: unknown, type: ArgumentMetadata['type'] = 'body'): Promise<string[]> {
  try {
    await createValidationPipe().transform(value, { type, metatype });
  } catch (e) {
    return ((e as DomainError).details?.fields ?? []).map((f) => f.field);
  }
  return [];
}

describe('input decorators through the global pipe', () => {
  it('name the refused field', async () => {
    expect(await fields(Dto, { subject: 'Hal yang baik', note: 'a\n\tb', date: '2026-02-28', deliveryId: '294', scope: { unitId: 1 } })).toEqual([]);
    expect(await fields(Dto, { subject: '\u200b\u200b\u200b' })).toEqual(['subject']);
    expect(await fields(Dto, { subject: 'Hal\u0000' })).toEqual(['subject']);
    expect(await fields(Dto, { subject: 'Hal \ud800' })).toEqual(['subject']);
    expect(await fields(Dto, { subject: 'Hal', date: '2026-02-31' })).toEqual(['date']);
    expect(await fields(Dto, { subject: 'Hal', deliveryId: '0294' })).toEqual(['deliveryId']);
    expect(await fields(Dto, { subject: 'Hal', deliveryId: 294 })).toEqual(['deliveryId']);
    expect(await fields(Dto, { subject: 'Hal', scope: { unitId: 4294967296 } })).toEqual(['scope.unitId']);
    expect(await fields(Dto, { subject: 'Hal', scope: 'x' })).toContain('scope');
    expect(await fields(Dto, { subject: 'Hal', scope: [] })).toContain('scope');
  });

  it('refuse a lone surrogate in any string of a body or a query, naming where it is', async () => {
    expect(await fields(Query, { positionId: '1', q: 'a\ud800' }, 'query')).toEqual(['q']);
    expect(await fields(Dto, { subject: 'Hal', scope: { deep: ['ok', 'b\udc00'] } })).toEqual(['scope.deep.1']);
  });

  it('take query ids only in canonical form', async () => {
    expect(await fields(Query, { positionId: '16' }, 'query')).toEqual([]);
    for (const bad of ['0x10', '016', '1e1', '-1', '4294967296', ' 16']) expect(await fields(Query, { positionId: bad }, 'query')).toEqual(['positionId']);
  });

  it('hold path ids to the id rule', async () => {
    const pipe = createValidationPipe();
    await expect(pipe.transform('294', { type: 'param', data: 'id', metatype: String })).resolves.toBe('294');
    for (const bad of ['0294', '1e3', '-1', '0x10', '18446744073709551616']) {
      await expect(pipe.transform(bad, { type: 'param', data: 'id', metatype: String })).rejects.toThrow(DomainError);
    }
    await expect(pipe.transform('4294967296', { type: 'param', data: 'id', metatype: Number })).rejects.toThrow(DomainError);
    await expect(pipe.transform('TU.01', { type: 'param', data: 'code', metatype: String })).resolves.toBe('TU.01');
  });
});
