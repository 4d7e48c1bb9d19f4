import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { DossiersService, FileRecordUseCase, ReappraiseDossierUseCase } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CloseDossierDto, CreateDossierDto, DossierQueryDto, EventDateDto, ReappraisalDto, RecordRefDto, UpdateDossierDto } from './dto/records.dto';
import { ApiErrors } from '../common/api-errors';
import { AuditEventView } from '../common/dto/audit-event.view';
import { DossierPage, DossierSuggestions, DossierView, FiledItem, ReappraisalResult } from './dto/dossier.view';

/** Dossiers (berkas): create, file records, suggest, close, re-appraise; each shows its computed dates and why. */
@ApiTags('records')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/records/dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly filing: FileRecordUseCase,
    private readonly reappraisal: ReappraiseDossierUseCase,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: DossierView })
  @ApiErrors(400, 403, 422)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateDossierDto) {
    return this.dossiers.create(p, dto);
  }

  @Get()
  @ApiOkResponse({ type: DossierPage })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: DossierQueryDto) {
    return this.dossiers.list(p, q);
  }

  /** Open dossiers of your office that a letter or received delivery would fit, best first. */
  @Get('suggest')
  @ApiOkResponse({ type: DossierSuggestions })
  @ApiErrors(400, 404)
  suggest(@CurrentPrincipal() p: Principal, @Query() q: RecordRefDto) {
    return this.filing.suggest(p, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: DossierView })
  @ApiErrors(404)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.dossiers.get(p, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DossierView })
  @ApiErrors(400, 403, 404, 409)
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: UpdateDossierDto) {
    return this.dossiers.update(p, id, dto);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: AuditEventView, isArray: true })
  @ApiErrors(404)
  history(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.dossiers.history(p, id);
  }

  /** File a record: `letterId` (outgoing, or incoming to your office) or `deliveryId`. 422 when its classification does not fit. */
  @Post(':id/items')
  @ApiCreatedResponse({ type: FiledItem })
  @ApiErrors(400, 403, 404, 409, 422)
  file(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: RecordRefDto) {
    return this.filing.file(p, id, dto);
  }

  @Delete(':id/items/:itemId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Taken out of the dossier' })
  @ApiErrors(403, 404, 409)
  async unfile(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('itemId') itemId: string): Promise<void> {
    await this.filing.unfile(p, id, itemId);
  }

  /** Close the dossier: its retention clock starts today, or on a past `closedOn` (legacy records, with a `reason`; audited). */
  @Post(':id/close')
  @HttpCode(200)
  @ApiOkResponse({ type: DossierView })
  @ApiErrors(400, 403, 404, 409, 422)
  close(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: CloseDossierDto) {
    return this.dossiers.close(p, id, dto);
  }

  /** For rules triggered by an event ("no longer in force"). */
  @Post(':id/event-date')
  @HttpCode(200)
  @ApiOkResponse({ type: DossierView })
  @ApiErrors(400, 403, 404, 409)
  eventDate(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: EventDateDto) {
    return this.dossiers.setEventDate(p, id, dto);
  }

  /** A recorded re-appraisal by the appraisal committee: extend, change the final action, or apply the rule version in force. */
  @Post(':id/reappraisals')
  @ApiCreatedResponse({ type: ReappraisalResult })
  @ApiErrors(400, 403, 404, 409, 422)
  reappraise(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReappraisalDto) {
    return this.reappraisal.run(p, id, dto);
  }
}
