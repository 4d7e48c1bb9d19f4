import { DomainError } from '../errors/domain-error';
import { hasLoneSurrogate } from './input-rules';

const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Rejects JSON bodies the validation layer cannot judge safely: nesting deeper than 32 levels
 * (class-transformer recurses and would overflow the stack → 500) and keys that name members of
 * Object.prototype (`constructor`, `toString`, `__proto__`, …), which slip past the whitelist;
 * and any string (value or key) holding a lone UTF-16 surrogate ("\ud800"), which no UTF-8
 * column or JSON check can store (every string of every body, query and multipart form).
 * Walks iteratively, so a hostile depth cannot overflow the guard itself.
 */
export function assertSafeBody(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 1, path: '' }];
  while (stack.length) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string' && hasLoneSurrogate(value)) throw loneSurrogate(path || 'body');
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) {
      throw new DomainError('BODY_TOO_DEEP', 'VALIDATION', `Data bersarang lebih dari ${MAX_DEPTH} tingkat (body nested too deeply)`, { fields: [{ field: path || 'body', reason: 'nested too deeply' }] });
    }
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (hasLoneSurrogate(key)) throw loneSurrogate(path ? `${path}.?` : '?');
      if (FORBIDDEN_KEYS.has(key)) {
        throw new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: nama field tidak diizinkan (property not allowed)`, { fields: [{ field, reason: 'property not allowed' }] });
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: field });
    }
  }
}

const loneSurrogate = (field: string) =>
  new DomainError('VALIDATION_FAILED', 'VALIDATION', `${field}: berisi karakter UTF-16 yang tidak utuh (contains a lone surrogate)`, { fields: [{ field, reason: 'berisi karakter UTF-16 yang tidak utuh (contains a lone surrogate)' }] });
