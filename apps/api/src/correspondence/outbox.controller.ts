import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { OutboxViewService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { OutboxQueryDto } from './dto/inbox.dto';
import { ApiErrors } from '../common/api-errors';
import { OutboxPage } from './dto/outbox.view';

/** Naskah keluar: the drafter's boxes, sent letters with each delivery's status. */
@ApiTags('outbox')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxViewService) {}

  @Get()
  @ApiOperation({ summary: 'Konsep, dalam pemeriksaan, menunggu pemeriksaan saya, menunggu tanda tangan saya, terkirim; halaman dengan hasMore/nextBefore' })
  @ApiOkResponse({ type: OutboxPage })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: OutboxQueryDto) {
    return this.outbox.list(p, q.box ?? 'drafts', q);
  }
}
