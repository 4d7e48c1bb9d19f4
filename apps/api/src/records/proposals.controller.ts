import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import {
  DecideProposalUseCase, ExecuteProposalUseCase, ProposalsRepository, ProposalsService, RecordReceiptUseCase, RecordsDocumentsService, RecordsViewerService,
} from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreateProposalDto, DecisionDto, DocumentFormatDto, ExecuteDto, ProposalItemsDto, ProposalQueryDto, ReceiptDto, VersionDto } from './dto/records.dto';
import { BinaryReply, sendFile } from './reply';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse, XLSX_MIME } from '../common/api-binary-response';
import { ProposalDecision, ProposalDetail, ProposalList, ProposalView } from './dto/proposal.view';
import { MarksNotificationsRead } from '../notification/marks-read';

/**
 * Proposals: usul pindah (transfer), usul musnah (destruction), usul serah (handover), usul nilai
 * kembali (re-appraisal). Draft → submitted → approvals in order → executed; their lists and
 * minutes (berita acara) as PDF / XLSX, the handover package as ZIP.
 */
@ApiTags('records')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/records/proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly decide: DecideProposalUseCase,
    private readonly execute: ExecuteProposalUseCase,
    private readonly receipt: RecordReceiptUseCase,
    private readonly documents: RecordsDocumentsService,
    private readonly repo: ProposalsRepository,
    private readonly viewers: RecordsViewerService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ProposalList })
  @ApiErrors(400, 403)
  list(@CurrentPrincipal() p: Principal, @Query() q: ProposalQueryDto) {
    return this.proposals.list(p, q);
  }

  @Post()
  @ApiCreatedResponse({ type: ProposalDetail })
  @ApiErrors(400, 403, 409)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateProposalDto) {
    return this.proposals.create(p, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProposalDetail })
  @ApiErrors(404)
  @MarksNotificationsRead('proposal')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.proposals.get(p, id);
  }

  @Post(':id/items')
  @ApiCreatedResponse({ type: ProposalDetail })
  @ApiErrors(400, 403, 404, 409)
  addItems(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ProposalItemsDto) {
    return this.proposals.addItems(p, id, dto.dossierIds);
  }

  @Delete(':id/items/:dossierId')
  @ApiOkResponse({ type: ProposalDetail })
  @ApiErrors(403, 404, 409)
  removeItem(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('dossierId') dossierId: string) {
    return this.proposals.removeItem(p, id, dossierId);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalDetail })
  @ApiErrors(400, 403, 404, 409)
  submit(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: VersionDto) {
    return this.proposals.submit(p, id, dto.version);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalDetail })
  @ApiErrors(403, 404, 409)
  cancel(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.proposals.cancel(p, id);
  }

  /** The next required approval step, decided by whoever holds it (own position or Plt/Plh); 409 out of order. */
  @Post(':id/approvals')
  @ApiCreatedResponse({ type: ProposalDecision })
  @ApiErrors(400, 403, 404, 409)
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DecisionDto) {
    return this.decide.run(p, id, dto);
  }

  /** Transfer: done at once (location required). Destruction / handover: queued; 409 naming missing approvals or held dossiers. */
  @Post(':id/execute')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ProposalView, description: 'transfer: done; destruction / handover: queued (EXECUTING)' })
  @ApiErrors(400, 403, 404, 409)
  run(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ExecuteDto) {
    return this.execute.run(p, id, dto);
  }

  /** Handover: the archive's receipt; only now are the dossiers HANDED_OVER. */
  @Post(':id/receipt')
  @HttpCode(200)
  @ApiOkResponse({ type: ProposalView })
  @ApiErrors(400, 403, 404, 409)
  recordReceipt(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReceiptDto) {
    return this.receipt.run(p, id, dto);
  }

  /** The list (Daftar Arsip Usul Pindah / Musnah / Serah) as it stands, PDF or XLSX. */
  @Get(':id/list')
  @ApiFileResponse('Daftar arsip usul (as it stands), PDF or XLSX', 'application/pdf', XLSX_MIME)
  @ApiErrors(400, 404)
  async listDocument(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: DocumentFormatDto, @Res() reply: BinaryReply) {
    const row = await this.repo.loadVisible(await this.viewers.viewerOf(p), id);
    const doc = await this.documents.renderList(row, q.format === 'xlsx' ? 'XLSX' : 'PDF');
    sendFile(reply, doc.data, doc.mime, doc.filename);
  }

  /** A stored document (berita acara PDF / XLSX, manifest JSON, handover package ZIP), checked against its SHA-256. */
  @Get(':id/documents/:documentId')
  @ApiFileResponse('A stored document, checked against its SHA-256: berita acara (PDF/XLSX), manifest (JSON), handover package (ZIP)', 'application/pdf', XLSX_MIME, 'application/json', 'application/zip')
  @ApiErrors(404, 410)
  async document(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Res() reply: BinaryReply) {
    await this.repo.loadVisible(await this.viewers.viewerOf(p), id);
    // streamed (a handover package may be gigabytes), checked against its SHA-256 as it goes: a mismatch cuts the download short
    const { file, stream } = await this.documents.readStream(id, documentId);
    sendFile(reply, stream, file.mime, file.originalName, file.sha256, 'attachment', file.sizeBytes);
  }
}
