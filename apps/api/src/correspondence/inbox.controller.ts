import { Controller, Get, Query } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { INBOX_PAGE_SCHEMA, InboxService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { InboxQueryDto } from './dto/inbox.dto';

/** Naskah masuk: what reached the caller's positions (own and by delegation). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  // the page (~12 KB for 20 rows) is written by a serializer compiled from its schema, not JSON.stringify
  @RouteSchema({ response: { 200: INBOX_PAGE_SCHEMA } })
  @ApiOperation({ summary: 'Daftar naskah masuk (filter: belum dibaca, jenis, urgensi, tanggal, teks); halaman dengan hasMore/nextBefore' })
  list(@CurrentPrincipal() p: Principal, @Query() q: InboxQueryDto) {
    return this.inbox.list(p, q);
  }
}
