import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Principal } from '@naskah/identity';
import { ReportsService, SWEEP_SCOPES, SweepRunsService, SweepScope } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { DossierListReportDto } from './dto/records.dto';
import { BinaryReply, sendFile } from './reply';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse, XLSX_MIME } from '../common/api-binary-response';
import { RecordsDashboard, SweepRunList, SweepRunView } from './dto/sweep.view';

export class RunSweepDto {
  @ApiPropertyOptional({ enum: SWEEP_SCOPES, default: 'OFFICE', description: 'OFFICE: your office only; NATIONAL: every office (KPU RI archivist or administrator)' })
  @IsOptional() @IsIn(SWEEP_SCOPES, { message: `scope harus salah satu dari ${SWEEP_SCOPES.join(', ')}` })
  scope?: SweepScope;
}

/** The retention sweep ("run now" and past runs, scoped by office) and the records reports. */
@ApiTags('records')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/records')
export class RecordsOpsController {
  constructor(
    private readonly sweeps: SweepRunsService,
    private readonly reports: ReportsService,
  ) {}

  /** Queues a sweep of your office now (the daily national one runs at 01:00 WIB); poll the run for its result. */
  @Post('sweep/run')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: SweepRunView })
  @ApiErrors(400, 403)
  runSweep(@CurrentPrincipal() p: Principal, @Body() body?: RunSweepDto) {
    return this.sweeps.requestNow(p, body?.scope ?? 'OFFICE');
  }

  /** Runs of your office and, for KPU RI's records staff, national runs. */
  @Get('sweep/runs')
  @ApiOkResponse({ type: SweepRunList })
  @ApiErrors(403)
  runs(@CurrentPrincipal() p: Principal) {
    return this.sweeps.list(p);
  }

  @Get('sweep/runs/:id')
  @ApiOkResponse({ type: SweepRunView })
  @ApiErrors(403, 404)
  run(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.sweeps.get(p, id);
  }

  /** Due this month and quarter (by proposal kind), overdue, by final action and status, holds in force, open proposals. */
  @Get('reports/dashboard')
  @ApiOkResponse({ type: RecordsDashboard })
  @ApiErrors(403)
  dashboard(@CurrentPrincipal() p: Principal) {
    return this.reports.dashboard(p);
  }

  /** Daftar Arsip Aktif / Inaktif of your office, one sheet per unit (XLSX). */
  @Get('reports/daftar-arsip')
  @ApiFileResponse('Daftar Arsip Aktif / Inaktif, one sheet per unit', XLSX_MIME)
  @ApiErrors(400, 403, 422)
  async dossierList(@CurrentPrincipal() p: Principal, @Query() q: DossierListReportDto, @Res() reply: BinaryReply) {
    const { data, filename } = await this.reports.dossierList(p, q.kind, q.unitId);
    sendFile(reply, data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename);
  }
}
