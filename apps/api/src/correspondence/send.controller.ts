import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { SendService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { RoutePreviewDto, RoutePreviewItemDto, SendResultDto } from './dto/send.dto';
import { ApiErrors } from '../common/api-errors';

/** Sending a signed letter, and previewing the routes of its addressees while drafting. */
@ApiTags('letters')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/letters')
export class SendController {
  constructor(private readonly sending: SendService) {}

  @Post('route-preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pratinjau rute tiap tujuan/tembusan dari satker Anda (DIRECT atau VIA_PARENT), dengan penjelasan; kelompok diringkas per rute' })
  @ApiOkResponse({ type: [RoutePreviewItemDto] })
  @ApiErrors(400, 422)
  preview(@CurrentPrincipal() p: Principal, @Body() dto: RoutePreviewDto) {
    return this.sending.previewRoute(p, { to: dto.to.map((r) => ({ kind: 'TO' as const, ...r })), cc: (dto.cc ?? []).map((r) => ({ kind: 'CC' as const, ...r })) });
  }

  @Post(':id/send')
  @ApiOperation({ summary: 'Kirim naskah yang sudah ditandatangani; tujuan dikirim menurut aturan rute, kelompok diperluas per anggota' })
  @ApiCreatedResponse({ type: SendResultDto })
  @ApiErrors(403, 404, 409, 422)
  send(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.sending.send(p, id);
  }
}
