import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@naskah/core';
import { FilesService } from '@naskah/storage';
import { DOCUMENT_SIGNER, DocumentSigner, isVerificationTokenShape, SIGNED_FIELDS, sha256Hex, type PublishedKey, type SigningCapacity } from '../signature';
import type { SecurityClass } from '../access/access-policy';
import { PadesSigner } from '../signature/pades';
import { oneLine } from '../signature/pades/pades-signer';
import { embeddedSignatureHolds, notMatched, publicAnswer, type EmbeddedSignatureVerdict, type SignedLetterFacts, type VerificationResult } from './verification-disclosure';

export type { VerificationResult } from './verification-disclosure';

/** `GET /api/verify/keys`: every public key, and how to rebuild the signed text. */
export interface PublishedKeys {
  keys: PublishedKey[];
  signedPayload: { version: 1; fields: readonly string[]; encoding: string; signature: string };
}

interface SignedRow {
  id: string;
  security_class: SecurityClass;
  number: string;
  signed_at: Date;
  signer_name: string | null;
  signer_title: string | null;
  signed_capacity: SigningCapacity | null;
  document_sha256: string;
  embedded_signature_sha256: string | null;
  document_file_id: string;
  signature: string | null;
  signature_key_id: string | null;
  office_name: string;
}

const SIGNED_LETTER = `SELECT l.id, l.security_class, l.number, l.signed_at, l.signer_name, l.signer_title, l.signed_capacity, l.document_sha256,
    l.embedded_signature_sha256, l.document_file_id, l.signature, l.signature_key_id, o.name AS office_name
  FROM letters l JOIN offices o ON o.id = l.office_id
  WHERE l.status IN ('SIGNED','SENT') AND l.origin = 'INTERNAL' AND l.document_sha256 IS NOT NULL AND l.signature IS NOT NULL`;

const REASON = {
  valid: 'Tanda tangan elektronik sah: tanda tangan di dalam PDF sah dan mencakup seluruh dokumen, dan hash dokumen cocok dengan yang dicatat saat penandatanganan',
  validLegacy: 'Tanda tangan elektronik (tidak tersertifikasi) sah dan dokumen utuh (naskah ini dibuat sebelum PDF memuat tanda tangan di dalamnya)',
  altered: 'hash SHA-256 dokumen tidak cocok dengan yang dicatat saat penandatanganan',
  unreadable: 'berkas dokumen tidak dapat dibaca atau tidak utuh',
  forged: 'tanda tangan elektronik tidak sah untuk data naskah ini',
  unknownPdf: 'Dokumen tidak cocok dengan naskah mana pun yang ditandatangani melalui Naskah: isinya telah berubah atau bukan naskah Naskah (no signed letter has this SHA-256)',
};

/** Why the signature inside the PDF fails, in words. */
const EMBEDDED_REASON: Record<Exclude<EmbeddedSignatureVerdict, 'VALID' | 'LEGACY'>, string> = {
  ABSENT: 'PDF tidak memuat tanda tangan elektronik di dalamnya',
  MALFORMED: 'tanda tangan di dalam PDF rusak atau tidak dapat dibaca',
  PARTIAL: 'tanda tangan di dalam PDF tidak mencakup seluruh dokumen (ada bagian yang ditambahkan atau diubah setelah ditandatangani)',
  ALTERED: 'tanda tangan di dalam PDF tidak sah: isi dokumen berubah setelah ditandatangani',
  SIGNATURE: 'tanda tangan di dalam PDF tidak sah untuk sertifikatnya',
  UNTRUSTED: 'sertifikat penanda tangan di dalam PDF tidak diterbitkan oleh CA yang dipercaya Naskah',
  MISMATCH: 'tanda tangan di dalam PDF bukan tanda tangan yang dicatat untuk naskah ini',
};

/** "Tidak sah: <each failed check>." — which check failed, in Bahasa Indonesia. */
function failedChecks(parts: string[]): string {
  return `Tidak sah: ${parts.join('; ')}.`;
}

/**
 * The public check behind the QR code and the upload form. A letter is found by its unguessable
 * verification token (never by its id) or by the SHA-256 of an uploaded PDF; its signature is
 * verified with the key that signed it. What is disclosed follows verification-disclosure.ts
 * (R/SR: the verdict only). It reveals no content.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly files: FilesService,
    @Inject(DOCUMENT_SIGNER) private readonly signer: DocumentSigner,
    private readonly pades: PadesSigner,
  ) {}

  /** By the token in the QR code. An unknown token, or anything else (a letter id), is 404. */
  async verifyToken(token: string): Promise<VerificationResult> {
    const row = isVerificationTokenShape(token) ? await this.find('l.verification_token = ?', token) : null;
    if (!row) throw linkNotFound();
    const data = await this.files
      .read(String(row.document_file_id))
      .then((f) => f.data)
      .catch(() => null);
    const unaltered = data !== null && sha256Hex(data) === row.document_sha256;
    return this.answer(row, data, unaltered, data === null ? REASON.unreadable : REASON.altered);
  }

  /**
   * By an uploaded PDF: the letter whose signed SHA-256 is the file's. A PDF whose SHA-256 nobody
   * signed but which carries a letter's signature (found by its CMS, which a change to the signed
   * bytes leaves as it was) is answered with the verdict only: which check failed, nothing about
   * the letter, whatever its class.
   */
  async verifyUpload(pdf: Buffer): Promise<VerificationResult> {
    const row = await this.find('l.document_sha256 = ?', sha256Hex(pdf));
    if (row) return this.answer(row, pdf, true, REASON.altered);
    const embedded = await this.pades.verify(pdf);
    const verdict: Exclude<EmbeddedSignatureVerdict, 'VALID' | 'LEGACY'> = embedded.valid ? 'MISMATCH' : (embedded.failure ?? 'ABSENT');
    const signedBy = embedded.cmsSha256 ? await this.find('l.embedded_signature_sha256 = ?', embedded.cmsSha256) : null;
    if (!signedBy) return notMatched(REASON.unknownPdf, this.signer.kind, verdict);
    return notMatched(failedChecks([EMBEDDED_REASON[verdict], REASON.altered]), this.signer.kind, verdict);
  }

  async publishedKeys(): Promise<PublishedKeys> {
    return {
      keys: await this.signer.publishedKeys(),
      signedPayload: {
        version: 1,
        fields: SIGNED_FIELDS,
        encoding:
          'UTF-8 bytes of one JSON object without whitespace holding exactly these fields, keys in this order, every value a JSON string ' +
          '(signedAt: ISO 8601 UTC with milliseconds; documentSha256: lower-case hex SHA-256 of the PDF)',
        signature: 'Ed25519 (RFC 8032) over those bytes, base64url without padding; verify with the key named by keyId',
      },
    };
  }

  private async find(where: string, value: string): Promise<SignedRow | null> {
    const [row] = await this.ds.query(`${SIGNED_LETTER} AND ${where} ORDER BY l.id LIMIT 1`, [value]);
    return (row as SignedRow | undefined) ?? null;
  }

  /** The signature inside the PDF: LEGACY for a letter rendered before PDFs were signed; else it must hold and be the one recorded. */
  private async embeddedCheck(row: SignedRow, pdf: Buffer | null): Promise<{ verdict: EmbeddedSignatureVerdict; subject?: string; issuer?: string }> {
    if (!row.embedded_signature_sha256) return { verdict: 'LEGACY' };
    if (pdf === null) return { verdict: 'MALFORMED' };
    const check = await this.pades.verify(pdf);
    if (!check.valid) return { verdict: check.failure ?? 'ABSENT' };
    if (check.cmsSha256 !== row.embedded_signature_sha256) return { verdict: 'MISMATCH' };
    return { verdict: 'VALID', subject: oneLine(check.signer!.subject), issuer: oneLine(check.signer!.issuer) };
  }

  private async answer(row: SignedRow, pdf: Buffer | null, unaltered: boolean, notUnalteredReason: string): Promise<VerificationResult> {
    const embedded = await this.embeddedCheck(row, pdf);
    const facts: SignedLetterFacts = {
      letterId: String(row.id),
      securityClass: row.security_class,
      number: row.number,
      signedAt: new Date(row.signed_at).toISOString(),
      signerName: row.signer_name ?? '',
      signerTitle: row.signer_title ?? '',
      capacity: row.signed_capacity ?? 'SENDIRI',
      office: row.office_name,
      documentSha256: row.document_sha256,
      keyId: row.signature_key_id ?? '',
      signature: row.signature ?? '',
      ...(embedded.subject ? { certificateSubject: embedded.subject, certificateIssuer: embedded.issuer } : {}),
    };
    const authentic = await this.signer.verify(
      {
        letterId: facts.letterId, number: facts.number, signedAt: facts.signedAt, signerName: facts.signerName,
        signerPosition: facts.signerTitle, capacity: facts.capacity as SigningCapacity, documentSha256: facts.documentSha256,
      },
      facts.signature,
      facts.keyId,
    );
    const failed = [
      ...(embeddedSignatureHolds(embedded.verdict) ? [] : [EMBEDDED_REASON[embedded.verdict as keyof typeof EMBEDDED_REASON]]),
      ...(unaltered ? [] : [notUnalteredReason]),
      ...(authentic ? [] : [REASON.forged]),
    ];
    const reason = failed.length ? failedChecks(failed) : embedded.verdict === 'LEGACY' ? REASON.validLegacy : REASON.valid;
    return publicAnswer(facts, { authentic, unaltered, embeddedSignature: embedded.verdict, reason }, this.signer.kind);
  }
}

function linkNotFound(): DomainError {
  return new DomainError(
    'VERIFICATION_LINK_NOT_FOUND',
    'NOT_FOUND',
    'Tautan verifikasi tidak dikenal. Pindai kode QR pada dokumen atau unggah berkas PDF-nya; ID naskah tidak diterima (unknown verification link; letter ids are not accepted)',
  );
}
