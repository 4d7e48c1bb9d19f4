import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { OrganisationService, readLetterhead } from '@naskah/organisation';
import { JobHandler, JobName } from '@naskah/queue';
import { FilesService } from '@naskah/storage';
import { DOCUMENT_SIGNER, DocumentSigner, newVerificationToken, sha256Hex, verificationUrl } from '../signature';
import { renderLetterPdf } from '../rendering';
import { LettersRepository } from './letters.repository';
import type { LetterView } from './letter.types';
import { LetterWorkNotices } from '../worklist/letter-work-notices';

const PREFIX: Record<string, '' | 'Plt. ' | 'Plh. '> = { SENDIRI: '', PLT: 'Plt. ', PLH: 'Plh. ' };

/**
 * Renders a signed letter to PDF, stores it with its SHA-256 and signs (number, date, signer, hash)
 * with the current key, recording which key signed. The PDF's QR code carries the letter's
 * unguessable verification token, created here. Idempotent. A letter not sent yet is then ready to
 * send: READY_TO_SEND, in the same transaction (a send waits for the document, so not before).
 */
@Injectable()
export class RenderLetterJob {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: LettersRepository,
    private readonly org: OrganisationService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(DOCUMENT_SIGNER) private readonly signer: DocumentSigner,
    private readonly work: LetterWorkNotices,
  ) {}

  @JobHandler(JobName.RENDER_LETTER)
  async run({ letterId }: { letterId: string }): Promise<{ sha256: string } | { skipped: string }> {
    await this.signer.prepare?.(); // once per process, on a connection of its own: before the transaction, never inside it
    const done = await this.render(letterId);
    if ('sha256' in done) this.work.changed(done.letter, true);
    return 'sha256' in done ? { sha256: done.sha256 } : done;
  }

  // Everything below reads and writes through `em`: a job holds one connection at a time (issue 16).
  private async render(letterId: string): Promise<{ sha256: string; letter: LetterView } | { skipped: string }> {
    return this.ds.transaction(async (em) => {
      const [row] = await em.query('SELECT status, document_sha256, verification_token FROM letters WHERE id = ? FOR UPDATE', [letterId]);
      if (!row) return { skipped: 'letter not found' };
      if (row.document_sha256) return { skipped: 'already rendered' };
      if (!['SIGNED', 'SENT'].includes(row.status)) return { skipped: `status ${row.status}` };
      const l = await this.repo.load(letterId, em);
      const office = await this.org.getOffice(l.officeId, em);
      const kop = await readLetterhead(em, l.officeId);
      // "Ketua <office>", "<position> <office>", the external party, a group ("Ketua KPU Kabupaten/Kota se-…") or a list's name
      const to = l.addressees.filter((a) => a.kind === 'TO').map((a) => a.label);
      const cc = l.addressees.filter((a) => a.kind === 'CC').map((a) => a.label);
      const [type] = await em.query('SELECT name FROM letter_types WHERE code = ?', [l.typeCode]);
      const signerPosition = await this.org.getPosition(l.signerPositionId, em);
      const token: string = row.verification_token ?? newVerificationToken();
      const pdf = await renderLetterPdf({
        letterId,
        office: {
          name: office.name.toUpperCase().replace(/^KPU /, 'KOMISI PEMILIHAN UMUM ').replace(/^KIP /, 'KOMISI INDEPENDEN PEMILIHAN '),
          city: office.city,
          address: kop.address ?? undefined,
          phone: kop.phone ?? undefined,
          email: kop.email ?? undefined,
          website: kop.website ?? undefined,
        },
        number: l.number!,
        date: l.signedAt!,
        typeName: type?.name ?? l.typeCode,
        typeCode: l.typeCode,
        securityClass: l.securityClass,
        urgency: l.urgency,
        attachmentsCount: l.attachments.length,
        subject: l.subject,
        addressees: to,
        copies: cc,
        body: l.body,
        // TODO(content): pass the letter's rich body and typed fields once the content model is stored
        // (bodyDoc: BodyDoc, typeFields: LetterTypeFields from letter-content.ts, e.g. via the content
        // engineer's reader of the letter row); with typeFields.onBehalfOfPositionId/throughPositionId,
        // fill signature.onBehalfOf/throughTitle from those positions' titles. Until then the plain body prints.
        signature: { capacityPrefix: PREFIX[l.signedCapacity ?? 'SENDIRI'] ?? '', positionTitle: signerPosition.title.toUpperCase(), signerName: l.signerName ?? '' },
        verificationUrl: verificationUrl(this.config.PUBLIC_BASE_URL, token),
      });
      const sha256 = sha256Hex(pdf);
      const { signature, keyId } = await this.signer.sign({
        letterId, number: l.number!, signedAt: new Date(l.signedAt!).toISOString(), signerName: l.signerName ?? '', signerPosition: l.signerTitle ?? '',
        capacity: (l.signedCapacity ?? 'SENDIRI') as 'SENDIRI', documentSha256: sha256,
      }, em);
      const file = await this.files.store(em, pdf, { originalName: `naskah-${letterId}.pdf`, mime: 'application/pdf', createdBy: null });
      await em.query(
        'UPDATE letters SET document_file_id = ?, document_sha256 = ?, signature = ?, signature_key_id = ?, verification_token = ? WHERE id = ?',
        [file.id, sha256, signature, keyId, token, letterId],
      );
      await this.audit.record(em, SYSTEM_ACTOR, { action: 'LETTER_RENDERED', entityType: 'letter', entityId: letterId, officeId: l.officeId, after: { sha256, keyId } });
      if (row.status === 'SIGNED') await this.work.readyToSend(em, l);
      return { sha256, letter: l };
    });
  }
}
