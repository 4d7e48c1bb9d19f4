import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Principal } from '@naskah/identity';
import { ReportsService, SWEEP_SCOPES, SweepRunsService, SweepScope } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { DossierListReportDto } from './dto/records.dto';
import { BinaryReply, sendFile } from './reply';

export class RunSweepDto {
  @ApiPropertyOptional({ enum: SWEEP_SCOPES, default: 'OFFICE', description: 'OFFICE: your office only; NATIONAL: every office (KPU RI archivist or administrator)' })
  @IsOptional() @IsIn(SWEEP_SCOPES, { message: `scope harus salah satu dari ${SWEEP_SCOPES.join(', ')}` })
  scope?: SweepScope;
}

/** The retention sweep ("run now" and past runs, scoped by office) and the records reports. */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/records')
export class RecordsOpsController {
  constructor(
    private readonly sweeps: SweepRunsService,
    private readonly reports: ReportsService,
  ) {}

  /** Queues a sweep of your office now (the daily national one runs at 01:00 WIB); poll the run for its result. */
  @Post('sweep/run')
  @HttpCode(202)
  runSweep(@CurrentPrincipal() p: Principal, @Body() body?: RunSweepDto) {
    return this.sweeps.requestNow(p, body?.scope ?? 'OFFICE');
  }

  /** Runs of your office and, for KPU RI's records staff, national runs. */
  @Get('sweep/runs')
  runs(@CurrentPrincipal() p: Principal) {
    return this.sweeps.list(p);
  }

  @Get('sweep/runs/:id')
  run(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.sweeps.get(p, id);
  }

  /** Due this month and quarter (by proposal kind), overdue, by final action and status, holds in force, open proposals. */
  @Get('reports/dashboard')
  dashboard(@CurrentPrincipal() p: Principal) {
    return this.reports.dashboard(p);
  }

  /** Daftar Arsip Aktif / Inaktif of your office, one sheet per unit (XLSX). */
  @Get('reports/daftar-arsip')
  async dossierList(@CurrentPrincipal() p: Principal, @Query() q: DossierListReportDto, @Res() reply: BinaryReply) {
    const { data, filename } = await this.reports.dossierList(p, q.kind, q.unitId);
    sendFile(reply, data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename);
  }
}
