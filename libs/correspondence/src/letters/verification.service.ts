import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FilesService } from '@naskah/storage';
import { DOCUMENT_SIGNER, DocumentSigner, sha256Hex } from '../signature';
import { extractEmbeddedVerification } from '../rendering';

export interface VerificationResult {
  valid: boolean;
  reason: string;
  signatureKind: string;
  letterId?: string;
  number?: string;
  signedAt?: string;
  signerName?: string;
  signerTitle?: string;
  capacity?: string;
  office?: string;
  documentSha256?: string;
  keyId?: string;
}

/**
 * The public check behind the QR code and the upload form: recomputes the document's SHA-256 and
 * verifies the deployment's signature over (number, date, signer, hash). It reveals no content.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly files: FilesService,
    @Inject(DOCUMENT_SIGNER) private readonly signer: DocumentSigner,
  ) {}

  async verifyStored(letterId: string): Promise<VerificationResult> {
    const base = await this.load(letterId);
    if (!base.row) return base.result;
    const { data } = await this.files.read(String(base.row.document_file_id)).catch(() => ({ data: null as Buffer | null }));
    if (!data) return { ...base.result, valid: false, reason: 'Berkas dokumen tidak dapat dibaca atau tidak utuh' };
    return this.check(base.row, base.result, sha256Hex(data));
  }

  async verifyUpload(pdf: Buffer): Promise<VerificationResult> {
    const letterId = extractEmbeddedVerification(pdf);
    if (!letterId) return { valid: false, reason: 'Dokumen tidak memuat penanda naskah Naskah (not a Naskah document)', signatureKind: this.signer.kind };
    const base = await this.load(letterId);
    if (!base.row) return base.result;
    return this.check(base.row, base.result, sha256Hex(pdf));
  }

  private async load(letterId: string): Promise<{ row: Record<string, unknown> | null; result: VerificationResult }> {
    const [row] = /^\d+$/.test(letterId)
      ? await this.ds.query(
          `SELECT l.id, l.number, l.signed_at, l.signer_name, l.signer_title, l.signed_capacity, l.document_sha256, l.document_file_id, l.signature, o.name AS office_name
           FROM letters l JOIN offices o ON o.id = l.office_id WHERE l.id = ? AND l.status IN ('SIGNED','SENT') AND l.origin = 'INTERNAL'`,
          [letterId],
        )
      : [];
    const kind = this.signer.kind;
    if (!row) return { row: null, result: { valid: false, reason: 'Naskah tidak ditemukan atau belum ditandatangani', signatureKind: kind } };
    const result: VerificationResult = {
      valid: false, reason: '', signatureKind: kind, letterId: String(row.id), number: row.number, signedAt: new Date(row.signed_at).toISOString(),
      signerName: row.signer_name, signerTitle: row.signer_title, capacity: row.signed_capacity, office: row.office_name,
      documentSha256: row.document_sha256 ?? undefined, keyId: this.signer.keyId,
    };
    if (!row.document_sha256) return { row: null, result: { ...result, reason: 'Dokumen sedang dibuat; coba lagi sebentar (document being rendered)' } };
    return { row, result };
  }

  private async check(row: Record<string, unknown>, result: VerificationResult, actualSha: string): Promise<VerificationResult> {
    if (actualSha !== row.document_sha256) return { ...result, valid: false, reason: 'Isi dokumen berbeda dari yang ditandatangani (hash tidak cocok)' };
    const ok = await this.signer.verify(
      {
        letterId: String(row.id), number: String(row.number), signedAt: new Date(row.signed_at as Date).toISOString(), signerName: String(row.signer_name),
        signerPosition: String(row.signer_title), capacity: row.signed_capacity as 'SENDIRI', documentSha256: actualSha,
      },
      String(row.signature),
    );
    return ok
      ? { ...result, valid: true, reason: 'Tanda tangan elektronik (tidak tersertifikasi) sah dan dokumen utuh' }
      : { ...result, valid: false, reason: 'Tanda tangan elektronik tidak sah untuk dokumen ini' };
  }
}
