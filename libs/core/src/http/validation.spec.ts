import { ArgumentMetadata } from '@nestjs/common';
import { ArrayMinSize, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe } from './validation';
import { bilingualReason } from './validation-reasons';

class Dto {
  @IsString() @MinLength(3) @MaxLength(10)
  title: string;

  @IsInt() @Min(1)
  count: number;

  @IsIn(['BIASA', 'SEGERA'])
  urgency: string;

  @IsOptional() @ArrayMinSize(1)
  ids?: number[];
}

async function refusal(body: unknown): Promise<DomainError> {
  const meta: ArgumentMetadata = { type: 'body', metatype: Dto };
  try {
    await createValidationPipe().transform(body, meta);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('the pipe accepted the body');
}

describe('validation reasons', () => {
  it('names each refused field with an Indonesian reason and the English one in brackets', async () => {
    const e = await refusal({ title: 'ab', count: 0, urgency: 'NANTI', ids: [], extra: 1 });
    expect(e.code).toBe('VALIDATION_FAILED');
    const fields = (e.details as { fields: { field: string; reason: string }[] }).fields;
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'title', reason: 'minimal 3 karakter (title must be longer than or equal to 3 characters)' },
        { field: 'count', reason: 'tidak boleh kurang dari 1 (count must not be less than 1)' },
        { field: 'urgency', reason: 'harus salah satu dari: BIASA, SEGERA (urgency must be one of the following values: BIASA, SEGERA)' },
        { field: 'ids', reason: 'minimal 1 isian (ids must contain at least 1 elements)' },
        { field: 'extra', reason: 'kolom tidak dikenal (property extra should not exist)' },
      ]),
    );
    expect(e.message).toContain('title: minimal 3 karakter');
  });

  it('keeps a custom message that has no translation as it is', () => {
    expect(bilingualReason('isKnownClassification', 'kode klasifikasi tidak dikenal')).toBe('kode klasifikasi tidak dikenal');
    expect(bilingualReason('maxLength', 'title must be shorter than or equal to 10 characters')).toBe('maksimal 10 karakter (title must be shorter than or equal to 10 characters)');
    // @Length(3, 500): the letter's "Hal" (subject) said only in English before
    expect(bilingualReason('isLength', 'subject must be longer than or equal to 3 characters')).toBe('minimal 3 karakter (subject must be longer than or equal to 3 characters)');
    expect(bilingualReason('isLength', 'subject must be shorter than or equal to 500 characters')).toBe('maksimal 500 karakter (subject must be shorter than or equal to 500 characters)');
  });
});
