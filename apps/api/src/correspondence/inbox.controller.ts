import { Controller, Get, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { INBOX_PAGE_SCHEMA, InboxService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { InboxQueryDto } from './dto/inbox.dto';
import { ApiErrors } from '../common/api-errors';
import { InboxPage } from './dto/delivery.view';

/** Naskah masuk: what reached the caller's positions (own and by delegation). */
@ApiTags('inbox')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  // the page (~12 KB for 20 rows) is written by a serializer compiled from its schema, not JSON.stringify
  @RouteSchema({ response: { 200: INBOX_PAGE_SCHEMA } })
  @ApiOperation({ summary: 'Daftar naskah masuk (filter: belum dibaca, jenis, urgensi, tanggal, teks); halaman dengan hasMore/nextBefore' })
  @ApiOkResponse({ type: InboxPage })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: InboxQueryDto) {
    return this.inbox.list(p, q);
  }
}
