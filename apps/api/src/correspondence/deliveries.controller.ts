import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { DeliveriesService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ForwardDto, ReturnDto } from './dto/deliveries.dto';
import { ApiErrors } from '../common/api-errors';
import { DeliveryDetail, DeliveryRoute, ForwardResult, ReturnResult } from './dto/delivery.view';
import { MarksNotificationsRead } from '../notification/marks-read';

/** One received letter: open, read receipt, forward (teruskan), return to sender, route. */
@ApiTags('inbox')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get(':id')
  @ApiOkResponse({ type: DeliveryDetail })
  @ApiErrors(404)
  @MarksNotificationsRead('delivery')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.deliveries.get(p, id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tanda terima baca (dicatat sekali)' })
  @ApiOkResponse({ type: DeliveryDetail })
  @ApiErrors(403, 404)
  read(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.deliveries.markRead(p, id);
  }

  @Post(':id/forward')
  @ApiOperation({ summary: 'Teruskan, dinilai menurut aturan rute dari satker penerus' })
  @ApiCreatedResponse({ type: ForwardResult })
  @ApiErrors(400, 403, 404, 409, 422)
  forward(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ForwardDto) {
    return this.deliveries.forward(p, id, dto);
  }

  @Post(':id/return')
  @ApiOperation({ summary: 'Kembalikan surat yang harus diteruskan kepada pengirim, dengan alasan' })
  @ApiCreatedResponse({ type: ReturnResult })
  @ApiErrors(400, 403, 404, 409)
  returnToSender(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReturnDto) {
    return this.deliveries.returnToSender(p, id, dto.reason);
  }

  @Get(':id/route')
  @ApiOperation({ summary: 'Rute lengkap surat sampai ke penerimaan ini (satker, jabatan, oleh siapa, kapan, catatan)' })
  @ApiOkResponse({ type: DeliveryRoute })
  @ApiErrors(404)
  route(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.deliveries.route(p, id);
  }
}
