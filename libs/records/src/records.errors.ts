import { DomainError } from '@naskah/core';
import type { CsvProblem } from '@naskah/correspondence';
import type { ApprovalStep } from './retention/approval-requirements';
import { STEP_LABEL } from './retention/approval-requirements';

/** Domain errors of the records context, each with a stable code. */
export const dossierNotFound = (id: string | number) => new DomainError('DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Berkas arsip tidak ditemukan (dossier not found)', { id: String(id) });
export const proposalNotFound = (id: string | number) => new DomainError('PROPOSAL_NOT_FOUND', 'NOT_FOUND', 'Usulan tidak ditemukan (proposal not found)', { id: String(id) });
export const holdNotFound = (id: string | number) => new DomainError('HOLD_NOT_FOUND', 'NOT_FOUND', 'Pembekuan (hold) tidak ditemukan', { id: String(id) });

export const field = (name: string, reason: string, code = 'VALIDATION_FAILED') =>
  new DomainError(code, 'VALIDATION', `${name}: ${reason}`, { fields: [{ field: name, reason }] });
export const unprocessableField = (name: string, reason: string, code: string) =>
  new DomainError(code, 'UNPROCESSABLE', `${name}: ${reason}`, { fields: [{ field: name, reason }] });

export const csvRejected = (problems: CsvProblem[]) =>
  new DomainError('SCHEDULE_CSV_INVALID', 'VALIDATION', `Berkas JRA ditolak, tidak ada yang diimpor: ${problems.length} baris bermasalah (nothing imported)`, { problems });

export const versionConflict = (current: number) =>
  new DomainError('VERSION_CONFLICT', 'CONFLICT', 'Data telah diubah orang lain; muat ulang lalu coba lagi (stale version)', { currentVersion: current });

export const wrongStatus = (what: string, status: string, allowed: string[]) =>
  new DomainError(`${what.toUpperCase()}_WRONG_STATUS`, 'CONFLICT', `${what} berstatus ${status}; tindakan ini memerlukan ${allowed.join(' / ')}`, { status, allowed });

export const approvalMissing = (missing: ApprovalStep[]) =>
  new DomainError('APPROVAL_MISSING', 'CONFLICT', `Persetujuan belum lengkap: ${missing.map((s) => STEP_LABEL[s]).join(', ')}`, { missing });

export const dossiersHeld = (dossierIds: string[]) =>
  new DomainError('DOSSIER_HELD', 'CONFLICT', `Berkas sedang dibekukan (hold) dan tidak boleh dimusnahkan atau diserahkan: ${dossierIds.join(', ')}`, { dossierIds });

export const notEligible = (problems: { dossierId: string; code: string; reason: string }[]) =>
  new DomainError('DOSSIER_NOT_ELIGIBLE', 'CONFLICT', `Berkas tidak dapat dimasukkan ke usulan: ${problems.map((p) => `${p.dossierId} ${p.reason}`).join('; ')}`, { problems });

export const notAllowed = (code: string, message: string) => new DomainError(code, 'FORBIDDEN', message);
