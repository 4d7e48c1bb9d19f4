import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsString, ValidateBy, ValidateNested, ValidationOptions } from 'class-validator';
import { BIGINT_ID_MAX, INT_ID_MAX, isCalendarDate, isCanonicalId, isCanonicalUint, MAX_DATE, MIN_DATE, textProblem } from './input-rules';

/**
 * The decorators every DTO field uses (see input-rules.ts for the rules themselves). Each refusal
 * carries its reason in Indonesian with English in brackets; the global pipe names the field.
 */

/** A date field: a real calendar day YYYY-MM-DD between 1900 and 2100. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (v) => isCalendarDate(v),
        defaultMessage: () => `harus tanggal yang ada di kalender, YYYY-MM-DD, ${MIN_DATE} s.d. ${MAX_DATE} (must be a real calendar date YYYY-MM-DD between ${MIN_DATE} and ${MAX_DATE})`,
      },
    },
    options,
  );
}

export interface EntityIdOptions {
  /** BIGINT id, carried as a decimal string (letters, deliveries, dispositions, dossiers…); otherwise an INT UNSIGNED id as a JSON number. */
  bigint?: boolean;
  /** An array of ids. */
  each?: boolean;
}

/**
 * An id in a body: a positive whole number within its column's range, written the one canonical
 * way. INT ids are JSON numbers ≤ 4294967295; BIGINT ids are decimal strings ("0123", "1e3",
 * "0x10", "-1" are refused) ≤ 9223372036854775807.
 */
export function IsEntityId(opts: EntityIdOptions = {}): PropertyDecorator {
  const max = opts.bigint ? BIGINT_ID_MAX : INT_ID_MAX;
  const says = opts.bigint
    ? `harus id angka desimal tanpa nol di depan, 1 s.d. ${max} (must be a decimal id string without leading zeros, 1 to ${max})`
    : `harus id bilangan bulat 1 s.d. ${max} (must be an integer id from 1 to ${max})`;
  return ValidateBy(
    {
      name: 'isEntityId',
      validator: {
        validate: (v) => (opts.bigint ? typeof v === 'string' : typeof v === 'number') && isCanonicalId(v, max),
        defaultMessage: () => (opts.each ? `setiap isian ${says}` : says),
      },
    },
    { each: opts.each },
  );
}

/**
 * A whole number written in a query string or a multipart field becomes a number only when it is
 * written canonically ("20"); "020", "2e1", "0x14", " 20" stay strings and fail @IsInt.
 */
export function ToInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && isCanonicalUint(value) ? Number(value) : value));
}

/** An INT id in a query string or a multipart field ("?officeId=12"). */
export function QueryId(): PropertyDecorator {
  return applyDecorators(ToInt(), IsEntityId());
}

/**
 * A list of INT ids in a multipart field, comma-separated or repeated ("3,4" or two parts);
 * each element must be canonical.
 */
export function QueryIdList(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      if (value === undefined || value === '') return undefined;
      const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value;
      return Array.isArray(parts) ? parts.map((v) => (typeof v === 'string' && isCanonicalUint(v.trim()) ? Number(v.trim()) : v)) : parts;
    }),
    IsEntityId({ each: true }),
  );
}

/** An integer of a query string (page, limit, year…): canonical digits only, then the usual bounds apply. */
export function QueryInt(): PropertyDecorator {
  return applyDecorators(ToInt(), IsInt());
}

export interface CleanTextOptions {
  /** Bodies, notes, reasons, descriptions: keep newline, carriage return and tab. */
  multiline?: boolean;
}

/**
 * Every free-text field: a string with no lone surrogate, no control character (except newline
 * and tab in multi-line fields), and not made only of blanks or invisible characters
 * (zero-width, bidi marks, BOM, ideographic space…). The empty string passes here; a length
 * rule on the field decides whether it may be empty.
 */
export function CleanText(opts: CleanTextOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isCleanText',
      validator: {
        validate: (v) => typeof v !== 'string' || textProblem(v, opts.multiline) === null,
        defaultMessage: (args) => textProblem(String(args?.value ?? ''), opts.multiline) ?? 'teks tidak sah (invalid text)',
      },
    }),
  );
}

/** A nested object the code needs: present, an object, and validated as `type`. */
export function NestedObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(IsDefined(), IsObject(), ValidateNested(), Type(type));
}
