import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@naskah/core';
import { AuditService } from '@naskah/audit';
import { Principal } from '@naskah/identity';
import { FilesService } from '@naskah/storage';
import { AttachmentsService, LetterAccessService, scopeLetterHistory, LettersService, ReviewService, SigningService, LettersRepository, type OfficePosition } from '@naskah/correspondence';
import { BinaryReply, sendFile } from '../common/file-reply';
import { readMultipartForm } from './multipart-form';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CancelDto, CompareQueryDto, CreateLetterDto, EligibleParticipantsQueryDto, ReviewDto, SignDto, UpdateLetterDto } from './dto/letter.dto';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse, DOCX_MIME, XLSX_MIME } from '../common/api-binary-response';
import { AuditEventView } from '../common/dto/audit-event.view';
import { StoredFileView } from '../common/dto/stored-file.view';
import { EligibleParticipantsView, EligiblePosition, LetterRevision, LetterRevisionComparison, LetterView } from './dto/letter.view';
import { MarksNotificationsRead } from '../notification/marks-read';

/** Drafting, review chain, signing; a letter's PDF and history. */
@ApiTags('letters')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/letters')
export class LettersController {
  constructor(
    private readonly letters: LettersService,
    private readonly review: ReviewService,
    private readonly signing: SigningService,
    private readonly access: LetterAccessService,
    private readonly repo: LettersRepository,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: LetterView })
  @ApiErrors(400, 403, 422)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateLetterDto) {
    return this.letters.create(p, dto);
  }

  /**
   * Whom the draft may name as reviewers, signer and a.n./u.b. — the same rule save and submit apply
   * (a position not listed is refused there). Only the drafting office's positions.
   */
  @Get('eligible-participants')
  @ApiOkResponse({ type: EligibleParticipantsView })
  @ApiErrors(400, 403, 404)
  async eligibleParticipants(@CurrentPrincipal() p: Principal, @Query() q: EligibleParticipantsQueryDto): Promise<EligibleParticipantsView> {
    const r = await this.letters.eligibleParticipants(p, q);
    const view = (x: OfficePosition): EligiblePosition => ({ id: x.id, title: x.title, kind: x.kind, holder: x.holder });
    return {
      officeId: r.officeId, drafterPositionId: r.drafterPositionId, signerPositionId: r.signerPositionId,
      reviewers: r.reviewers.map(view), signers: r.signers.map(view), onBehalfOf: r.onBehalfOf.map((o) => ({ ...view(o), through: o.through.map(view) })),
    };
  }

  @Get(':id')
  @ApiOkResponse({ type: LetterView })
  @ApiErrors(404)
  @MarksNotificationsRead('letter')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.letters.get(p, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: LetterView })
  @ApiErrors(400, 403, 404, 409, 422)
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: UpdateLetterDto) {
    return this.letters.update(p, id, dto);
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: LetterRevision, isArray: true })
  @ApiErrors(404)
  revisions(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.letters.revisions(p, id);
  }

  @Get(':id/revisions/compare')
  @ApiOkResponse({ type: LetterRevisionComparison })
  @ApiErrors(400, 404)
  compare(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: CompareQueryDto) {
    return this.letters.compare(p, id, q.from, q.to);
  }

  /** Submits for review; the typed fields must then be complete for the type (422 TYPE_FIELDS_INCOMPLETE naming each missing field) and the body have text unless the type is a Keputusan or Surat Tugas (422 BODY_REQUIRED naming bodyDoc). */
  @Post(':id/submit')
  @ApiCreatedResponse({ type: LetterView })
  @ApiErrors(400, 403, 404, 409, 422)
  submit(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.review.submit(p, id);
  }

  @Post(':id/review')
  @ApiCreatedResponse({ type: LetterView })
  @ApiErrors(400, 403, 404, 409)
  doReview(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReviewDto) {
    return this.review.review(p, id, dto.decision, dto.note);
  }

  @Post(':id/sign')
  @ApiCreatedResponse({ type: LetterView })
  @ApiErrors(400, 403, 404, 409, 429, 503)
  sign(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: SignDto, @Req() req: { ip: string }) {
    return this.signing.sign(p, id, dto.password, req.ip);
  }

  @Post(':id/cancel')
  @ApiCreatedResponse({ type: LetterView })
  @ApiErrors(400, 403, 404, 409)
  cancel(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: CancelDto) {
    return this.letters.cancel(p, id, dto.reason);
  }

  /**
   * The letter's timeline (riwayat), read from the audit trail — what of it this viewer's offices may
   * read (scopeLetterHistory): their own offices' events whole; of other offices only the tracking
   * (for the letter's own office) or the public milestones and a forwarding addressed to them.
   */
  @Get(':id/history')
  @ApiOkResponse({ type: AuditEventView, isArray: true })
  @ApiErrors(404)
  async history(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    const viewer = await this.access.viewerOf(p);
    await this.access.assertVisible(id, viewer);
    return scopeLetterHistory(await this.audit.history('letter', id), await this.access.historyScope(id, viewer));
  }

  /**
   * The letter's document: the signed PDF of a letter written here, or the scan registered with an
   * external letter — served as the type it really is (a PNG/JPEG scan as an image, named .png/.jpg).
   */
  @Get(':id/pdf')
  @ApiFileResponse('The signed PDF, or the scan registered with an external letter (as the type it really is)', 'application/pdf', 'image/png', 'image/jpeg')
  @ApiErrors(404, 409)
  async pdf(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Res() reply: BinaryReply) {
    await this.access.assertVisible(id, await this.access.viewerOf(p));
    const letter = await this.repo.load(id);
    if (!letter.documentFileId) throw new DomainError('DOCUMENT_NOT_READY', 'CONFLICT', 'PDF belum tersedia: naskah belum ditandatangani atau sedang dibuat');
    const { file, data } = await this.files.read(letter.documentFileId);
    sendFile(reply, data, file.mime, `naskah-${id}`, file.sha256, 'inline');
  }

  /** Upload an attachment (multipart, part "file"): PDF, PNG, JPEG, DOCX or XLSX by content; 413 past the size limit, 415 otherwise. */
  @Post(':id/attachments')
  @ApiCreatedResponse({ type: StoredFileView })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  async addAttachment(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Req() req: FastifyRequest) {
    const form = await readMultipartForm(req);
    if (!form.file) throw new DomainError('FILE_REQUIRED', 'VALIDATION', 'file: berkas wajib diunggah', { fields: [{ field: 'file', reason: 'required' }] });
    return this.attachments.add(p, id, form.file.data, form.file.filename);
  }

  @Get(':id/attachments/:fileId')
  @ApiFileResponse('The attachment, as the type it was accepted as', 'application/pdf', 'image/png', 'image/jpeg', DOCX_MIME, XLSX_MIME)
  @ApiErrors(404)
  async downloadAttachment(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('fileId') fileId: string, @Res() reply: BinaryReply) {
    const { file, data } = await this.attachments.download(p, id, fileId);
    sendFile(reply, data, file.mime, file.originalName, file.sha256);
  }

  @Delete(':id/attachments/:fileId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(403, 404, 409)
  async removeAttachment(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('fileId') fileId: string): Promise<void> {
    await this.attachments.remove(p, id, fileId);
  }
}
