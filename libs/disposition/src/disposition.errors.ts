import { DomainError, forbidden, notFound } from '@naskah/core';
import type { RuleViolation } from './rules/disposition-rules';

export const ruleError = (v: RuleViolation) => new DomainError(v.code, v.kind, v.message, v.details);

export const dispositionNotFound = (id: string) => notFound('Disposisi', id);

export const notTheRecipient = () =>
  forbidden('NOT_THE_RECIPIENT', 'Hanya penerima disposisi ini (atau Plt/Plh-nya) yang dapat melakukannya (only the recipient may act)');

export const notTheAuthor = () =>
  forbidden('NOT_THE_AUTHOR', 'Hanya pemberi disposisi ini (atau Plt/Plh-nya) yang dapat melakukannya (only the author may act)');

export const staleVersion = (current: number) =>
  new DomainError('STALE_VERSION', 'CONFLICT', 'Data telah diubah orang lain; muat ulang (stale version)', { currentVersion: current });

export const fieldError = (field: string, reason: string, code = 'VALIDATION_FAILED', kind: 'VALIDATION' | 'UNPROCESSABLE' = 'VALIDATION') =>
  new DomainError(code, kind, `${field}: ${reason}`, { fields: [{ field, reason }] });
