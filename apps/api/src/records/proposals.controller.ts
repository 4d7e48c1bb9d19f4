import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import {
  DecideProposalUseCase, ExecuteProposalUseCase, ProposalsRepository, ProposalsService, RecordReceiptUseCase, RecordsDocumentsService, RecordsViewerService,
} from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreateProposalDto, DecisionDto, DocumentFormatDto, ExecuteDto, ProposalItemsDto, ProposalQueryDto, ReceiptDto, VersionDto } from './dto/records.dto';
import { BinaryReply, sendFile } from './reply';
import { MarksNotificationsRead } from '../notification/marks-read';

/**
 * Proposals: usul pindah (transfer), usul musnah (destruction), usul serah (handover), usul nilai
 * kembali (re-appraisal). Draft → submitted → approvals in order → executed; their lists and
 * minutes (berita acara) as PDF / XLSX, the handover package as ZIP.
 */
@ApiTags('records')
@ApiBearerAuth()
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
  list(@CurrentPrincipal() p: Principal, @Query() q: ProposalQueryDto) {
    return this.proposals.list(p, q);
  }

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateProposalDto) {
    return this.proposals.create(p, dto);
  }

  @Get(':id')
  @MarksNotificationsRead('proposal')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.proposals.get(p, id);
  }

  @Post(':id/items')
  addItems(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ProposalItemsDto) {
    return this.proposals.addItems(p, id, dto.dossierIds);
  }

  @Delete(':id/items/:dossierId')
  removeItem(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('dossierId') dossierId: string) {
    return this.proposals.removeItem(p, id, dossierId);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: VersionDto) {
    return this.proposals.submit(p, id, dto.version);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.proposals.cancel(p, id);
  }

  /** The next required approval step, decided by whoever holds it (own position or Plt/Plh); 409 out of order. */
  @Post(':id/approvals')
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DecisionDto) {
    return this.decide.run(p, id, dto);
  }

  /** Transfer: done at once (location required). Destruction / handover: queued; 409 naming missing approvals or held dossiers. */
  @Post(':id/execute')
  @HttpCode(202)
  run(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ExecuteDto) {
    return this.execute.run(p, id, dto);
  }

  /** Handover: the archive's receipt; only now are the dossiers HANDED_OVER. */
  @Post(':id/receipt')
  @HttpCode(200)
  recordReceipt(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReceiptDto) {
    return this.receipt.run(p, id, dto);
  }

  /** The list (Daftar Arsip Usul Pindah / Musnah / Serah) as it stands, PDF or XLSX. */
  @Get(':id/list')
  async listDocument(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: DocumentFormatDto, @Res() reply: BinaryReply) {
    const row = await this.repo.loadVisible(await this.viewers.viewerOf(p), id);
    const doc = await this.documents.renderList(row, q.format === 'xlsx' ? 'XLSX' : 'PDF');
    sendFile(reply, doc.data, doc.mime, doc.filename);
  }

  /** A stored document (berita acara PDF / XLSX, manifest JSON, handover package ZIP), checked against its SHA-256. */
  @Get(':id/documents/:documentId')
  async document(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('documentId') documentId: string, @Res() reply: BinaryReply) {
    await this.repo.loadVisible(await this.viewers.viewerOf(p), id);
    const { file, data } = await this.documents.read(id, documentId);
    sendFile(reply, data, file.mime, file.originalName, file.sha256);
  }
}
