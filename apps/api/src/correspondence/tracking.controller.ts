import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { LetterTrackingService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ApiErrors } from '../common/api-errors';
import { TrackingPageDto, TrackingQueryDto, UnreadReminderDto } from './dto/tracking.dto';

/** Pelacakan pengiriman: where each delivery of a sent letter stands, for the sending office. */
@ApiTags('letters')
@ApiBearerAuth()
@ApiErrors(401, 403, 404, 409)
@Controller('api/letters')
export class TrackingController {
  constructor(private readonly tracking: LetterTrackingService) {}

  @Get(':id/tracking')
  @ApiOperation({ summary: 'Status tiap pengiriman naskah terkirim (belum dibaca, dibaca, diteruskan, didisposisikan, ditindaklanjuti, dikembalikan), jumlah per status; halaman keyset' })
  @ApiOkResponse({ type: TrackingPageDto })
  @ApiErrors(400)
  page(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Query() q: TrackingQueryDto) {
    return this.tracking.page(p, id, q);
  }

  @Post(':id/tracking/remind-unread')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ingatkan penerima yang belum membaca (sekali per jam per naskah; diaudit)' })
  @ApiOkResponse({ type: UnreadReminderDto })
  remind(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.tracking.remindUnread(p, id);
  }
}
