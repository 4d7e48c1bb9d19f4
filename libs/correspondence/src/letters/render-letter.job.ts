import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@naskah/core';
import { AuditService, SYSTEM_ACTOR } from '@naskah/audit';
import { OrganisationService, readLetterhead } from '@naskah/organisation';
import { JobHandler, JobName } from '@naskah/queue';
import { FilesService } from '@naskah/storage';
import { DOCUMENT_SIGNER, DocumentSigner, newVerificationToken, sha256Hex, verificationUrl } from '../signature';
import { PadesSigner, type SigningCredentials } from '../signature/pades';
import { renderLetterPdf } from '../rendering';
import { officeLetterName } from '../rendering/signature-lines';
import { LettersRepository } from './letters.repository';
import { letterContentForRender } from './letter-content-render';
import type { LetterView } from './letter.types';
import { LetterWorkNotices } from '../worklist/letter-work-notices';

const PREFIX: Record<string, '' | 'Plt. ' | 'Plh. '> = { SENDIRI: '', PLT: 'Plt. ', PLH: 'Plh. ' };

/**
 * Renders a signed letter to PDF, signs the PDF itself (PAdES: a signature every PDF reader shows,
 * with the signer position's certificate), stores it with its SHA-256 — of the final signed bytes,
 * which are unique per render (the signing time) — and signs (number, date, signer, hash) with the
 * current Ed25519 key, recording which key signed. The PDF's QR code carries the letter's
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
    private readonly pades: PadesSigner,
  ) {}

  @JobHandler(JobName.RENDER_LETTER)
  async run({ letterId }: { letterId: string }): Promise<{ sha256: string } | { skipped: string }> {
    await this.signer.prepare?.(); // once per process, on a connection of its own: before the transaction, never inside it
    // The signer position's certificate (the local CA's, created on first use and committed at
    // once; or the configured PKCS#12): also before the transaction, on connections of its own.
    const credentials = await this.padesCredentials(letterId);
    const done = await this.render(letterId, credentials);
    if ('sha256' in done) this.work.changed(done.letter, true);
    return 'sha256' in done ? { sha256: done.sha256 } : done;
  }

  // Everything below reads and writes through `em`: a job holds one connection at a time (issue 16).
  private async padesCredentials(letterId: string): Promise<SigningCredentials | null> {
    const [row] = await this.ds.query('SELECT office_id, signer_position_id FROM letters WHERE id = ? AND document_sha256 IS NULL', [letterId]);
    if (!row?.signer_position_id) return null; // rendered already, or not a letter to render: render() says why
    const office = await this.org.getOffice(Number(row.office_id));
    const position = await this.org.getPosition(Number(row.signer_position_id));
    return this.pades.credentialsFor({ positionId: position.id, positionName: `${position.title} ${office.name}`, city: office.city });
  }

  private async render(letterId: string, credentials: SigningCredentials | null): Promise<{ sha256: string; letter: LetterView } | { skipped: string }> {
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
      // the rich body, the type's fields and the a.n./u.b. titles (letter-content-render.ts)
      const content = await letterContentForRender(em, l);
      const rendered = await renderLetterPdf({
        letterId,
        office: {
          name: officeLetterName(office.name),
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
        bodyDoc: content.bodyDoc,
        ...(content.typeFields ? { typeFields: content.typeFields } : {}),
        signature: content.onBehalfOfTitle
          ? {
              // a.n. (and u.b.): the one signed for, then the signer's own title, Plt./Plh. before it when acting
              capacityPrefix: 'a.n. ',
              onBehalfOf: content.onBehalfOfTitle.toUpperCase(),
              ...(content.throughTitle ? { throughTitle: content.throughTitle.toUpperCase() } : {}),
              positionTitle: `${PREFIX[l.signedCapacity ?? 'SENDIRI'] ?? ''}${signerPosition.title.toUpperCase()}`,
              signerName: l.signerName ?? '',
            }
          : { capacityPrefix: PREFIX[l.signedCapacity ?? 'SENDIRI'] ?? '', positionTitle: signerPosition.title.toUpperCase(), signerName: l.signerName ?? '' },
        verificationUrl: verificationUrl(this.config.PUBLIC_BASE_URL, token),
      });
      if (!credentials) throw new Error(`letter ${letterId}: no signer position to sign the PDF with`);
      const { pdf, cmsSha256 } = await this.pades.sign(rendered, credentials, { signerName: l.signerName ?? '', city: office.city });
      const sha256 = sha256Hex(pdf);
      const { signature, keyId } = await this.signer.sign({
        letterId, number: l.number!, signedAt: new Date(l.signedAt!).toISOString(), signerName: l.signerName ?? '', signerPosition: l.signerTitle ?? '',
        capacity: (l.signedCapacity ?? 'SENDIRI') as 'SENDIRI', documentSha256: sha256,
      }, em);
      const file = await this.files.store(em, pdf, { originalName: `naskah-${letterId}.pdf`, mime: 'application/pdf', createdBy: null });
      await em.query(
        'UPDATE letters SET document_file_id = ?, document_sha256 = ?, embedded_signature_sha256 = ?, signature = ?, signature_key_id = ?, verification_token = ? WHERE id = ?',
        [file.id, sha256, cmsSha256, signature, keyId, token, letterId],
      );
      await this.audit.record(em, SYSTEM_ACTOR, { action: 'LETTER_RENDERED', entityType: 'letter', entityId: letterId, officeId: l.officeId, after: { sha256, keyId, embeddedSignature: cmsSha256, certificate: credentials.chain[0].fingerprint256 } });
      if (row.status === 'SIGNED') await this.work.readyToSend(em, l);
      return { sha256, letter: l };
    });
  }
}
