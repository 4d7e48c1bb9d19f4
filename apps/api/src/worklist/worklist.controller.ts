import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { WORK_QUEUES } from '@naskah/correspondence';
import { WorklistService } from '@naskah/worklist';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ApiErrors } from '../common/api-errors';
import { WorkListQueryDto, WorklistCountsDto, WorkPageDto } from './worklist.dto';

/**
 * Daily work: what waits for the caller in every position they act for today (own and Plt/Plh).
 * Poll the counts cheaply, or re-fetch them on `event: worklist-changed` of the notification stream.
 */
@ApiTags('worklist')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Get()
  @ApiOperation({ summary: 'Jumlah setiap antrean kerja (perlu paraf, perlu tanda tangan, …); murah untuk dipanggil berkala' })
  @ApiOkResponse({ type: WorklistCountsDto })
  counts(@CurrentPrincipal() p: Principal) {
    return this.worklist.counts(p);
  }

  @Get(':queue')
  @ApiOperation({ summary: 'Satu antrean kerja: halaman keyset, urut tanggal atau urgensi, cari teks' })
  @ApiParam({ name: 'queue', enum: WORK_QUEUES, enumName: 'WorkQueue' })
  @ApiOkResponse({ type: WorkPageDto })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Param('queue') queue: string, @Query() q: WorkListQueryDto) {
    return this.worklist.list(p, queue, q);
  }
}
