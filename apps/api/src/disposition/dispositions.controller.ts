import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { DispositionsQueryService, DispositionsService, FollowUpFilesService } from '@naskah/disposition';
import { CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { readMultipartForm } from '../correspondence/multipart-form';
import { sendFile } from '../common/file-reply';
import { CancelDispositionDto, CompleteDto, DeadlineDto, DispositionInputDto, DispositionListQueryDto, FollowUpDto, IssueDispositionDto, PageQueryDto, ReplyLetterDto } from './dto/disposition.dto';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse, DOCX_MIME, XLSX_MIME } from '../common/api-binary-response';
import { AuditEventView } from '../common/dto/audit-event.view';
import { StoredFileView } from '../common/dto/stored-file.view';
import { DispositionDetail, DispositionPage, DispositionRollup, DispositionView, OverdueDispositionPage, ReplyLetterDrafted } from './dto/disposition.view';
import { MarksNotificationsRead } from '../notification/marks-read';

type Reply = { header(k: string, v: string): unknown; send(b: Buffer): void };

/** Dispositions: issue on a received letter, dispose further down, read/start/report/complete/cancel, views. */
@ApiTags('dispositions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/dispositions')
export class DispositionsController {
  constructor(
    private readonly dispositions: DispositionsService,
    private readonly queries: DispositionsQueryService,
    private readonly files: FollowUpFilesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Disposisi surat masuk oleh penerimanya (atau Plt/Plh) kepada jabatan di bawahnya' })
  @ApiCreatedResponse({ type: DispositionView, isArray: true, description: 'one disposition per recipient' })
  @ApiErrors(400, 403, 404, 409, 422)
  issue(@CurrentPrincipal() p: Principal, @Body() dto: IssueDispositionDto) {
    const { deliveryId, ...input } = dto;
    return this.dispositions.issue(p, deliveryId, input);
  }

  @Get('given')
  @ApiOperation({ summary: 'Disposisi yang saya berikan (filter: status, overdue, dueSoon)' })
  @ApiOkResponse({ type: DispositionPage })
  @ApiErrors(400)
  given(@CurrentPrincipal() p: Principal, @Query() q: DispositionListQueryDto) {
    return this.queries.given(p, q);
  }

  @Get('received')
  @ApiOperation({ summary: 'Disposisi yang saya terima (filter: status, overdue, dueSoon)' })
  @ApiOkResponse({ type: DispositionPage })
  @ApiErrors(400)
  received(@CurrentPrincipal() p: Principal, @Query() q: DispositionListQueryDto) {
    return this.queries.received(p, q);
  }

  @Get('overdue')
  @RequireRoles('LEADER')
  @ApiOperation({ summary: 'Disposisi terlambat pada jabatan di bawah saya (pimpinan: seluruh satker)' })
  @ApiOkResponse({ type: OverdueDispositionPage })
  @ApiErrors(400, 403)
  overdue(@CurrentPrincipal() p: Principal, @Query() q: PageQueryDto) {
    return this.queries.overdue(p, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: DispositionDetail })
  @ApiErrors(404)
  @MarksNotificationsRead('disposition')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.queries.detail(p, id);
  }

  @Get(':id/rollup')
  @ApiOperation({ summary: 'Rekap subpohon disposisi (per status, terbuka, terlambat, persen selesai)' })
  @ApiOkResponse({ type: DispositionRollup })
  @ApiErrors(404)
  rollup(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.queries.rollup(p, id);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: AuditEventView, isArray: true })
  @ApiErrors(404)
  history(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.queries.history(p, id);
  }

  @Post(':id/dispositions')
  @ApiOperation({ summary: 'Disposisi lanjutan ke bawah oleh penerima; batas waktu tidak melewati induknya' })
  @ApiCreatedResponse({ type: DispositionView, isArray: true, description: 'one disposition per recipient' })
  @ApiErrors(400, 403, 404, 409, 422)
  redispose(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DispositionInputDto) {
    return this.dispositions.redispose(p, id, dto);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: DispositionDetail })
  @ApiErrors(403, 404, 409)
  read(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.dispositions.read(p, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOkResponse({ type: DispositionDetail })
  @ApiErrors(403, 404, 409)
  start(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.dispositions.start(p, id);
  }

  @Post(':id/follow-ups')
  @ApiCreatedResponse({ type: DispositionDetail })
  @ApiErrors(400, 403, 404, 409, 422)
  followUp(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: FollowUpDto) {
    return this.dispositions.addFollowUp(p, id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Selesai: perlu laporan tindak lanjut dan semua disposisi lanjutan selesai/dibatalkan (409 jika tidak)' })
  @ApiOkResponse({ type: DispositionDetail })
  @ApiErrors(400, 403, 404, 409)
  complete(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: CompleteDto) {
    const { body, ...rest } = dto;
    return this.dispositions.complete(p, id, body ? { body, ...rest } : undefined);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Batalkan (hanya pemberi, hanya selama belum dibaca; 409 jika sudah dibaca)' })
  @ApiOkResponse({ type: DispositionDetail })
  @ApiErrors(400, 403, 404, 409)
  cancel(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: CancelDispositionDto) {
    return this.dispositions.cancel(p, id, dto.reason ?? null);
  }

  @Patch(':id/deadline')
  @ApiOperation({ summary: 'Ubah batas waktu (pemberi); pengingat dijadwalkan ulang' })
  @ApiOkResponse({ type: DispositionDetail })
  @ApiErrors(400, 403, 404, 409, 422)
  deadline(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DeadlineDto) {
    return this.dispositions.changeDeadline(p, id, dto);
  }

  @Post(':id/files')
  @ApiOperation({ summary: 'Unggah berkas laporan tindak lanjut (multipart, bagian "file")' })
  @ApiCreatedResponse({ type: StoredFileView })
  @ApiErrors(400, 403, 404, 409, 413, 415)
  async upload(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Req() req: FastifyRequest) {
    const form = await readMultipartForm(req);
    if (!form.file) throw new DomainError('FILE_REQUIRED', 'VALIDATION', 'file: berkas wajib diunggah', { fields: [{ field: 'file', reason: 'required' }] });
    return this.files.upload(p, id, form.file.data, form.file.filename);
  }

  @Get(':id/files/:fileId')
  @ApiFileResponse('The follow-up file, as the type it was accepted as', 'application/pdf', 'image/png', 'image/jpeg', DOCX_MIME, XLSX_MIME)
  @ApiErrors(404)
  async download(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('fileId') fileId: string, @Res() reply: Reply) {
    const { file, data } = await this.files.download(p, id, fileId);
    sendFile(reply, data, file.mime, file.originalName, file.sha256);
  }

  @Post(':id/reply-letter')
  @ApiOperation({ summary: '"Siapkan jawaban": konsep naskah jawaban dari disposisi, ditautkan padanya' })
  @ApiCreatedResponse({ type: ReplyLetterDrafted })
  @ApiErrors(400, 403, 404, 409, 422)
  replyLetter(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReplyLetterDto) {
    return this.files.draftReply(p, id, dto);
  }
}
