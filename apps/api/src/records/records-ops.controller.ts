import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { ReportsService, SweepRunsService } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { DossierListReportDto } from './dto/records.dto';
import { BinaryReply, sendFile } from './reply';

/** The retention sweep ("run now" and past runs) and the records reports. */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/records')
export class RecordsOpsController {
  constructor(
    private readonly sweeps: SweepRunsService,
    private readonly reports: ReportsService,
  ) {}

  /** Queues a sweep now (the daily one runs at 01:00 WIB); poll the run for its result. */
  @Post('sweep/run')
  @HttpCode(202)
  runSweep(@CurrentPrincipal() p: Principal) {
    return this.sweeps.requestNow(p);
  }

  @Get('sweep/runs')
  runs() {
    return this.sweeps.list();
  }

  @Get('sweep/runs/:id')
  run(@Param('id') id: string) {
    return this.sweeps.get(id);
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
