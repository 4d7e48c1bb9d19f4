import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { DeliveriesService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ForwardDto, ReturnDto } from './dto/deliveries.dto';
import { MarksNotificationsRead } from '../notification/marks-read';

/** One received letter: open, read receipt, forward (teruskan), return to sender, route. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get(':id')
  @MarksNotificationsRead('delivery')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.deliveries.get(p, id);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tanda terima baca (dicatat sekali)' })
  read(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.deliveries.markRead(p, id);
  }

  @Post(':id/forward')
  @ApiOperation({ summary: 'Teruskan, dinilai menurut aturan rute dari satker penerus' })
  forward(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ForwardDto) {
    return this.deliveries.forward(p, id, dto);
  }

  @Post(':id/return')
  @ApiOperation({ summary: 'Kembalikan surat yang harus diteruskan kepada pengirim, dengan alasan' })
  returnToSender(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ReturnDto) {
    return this.deliveries.returnToSender(p, id, dto.reason);
  }

  @Get(':id/route')
  @ApiOperation({ summary: 'Rute lengkap surat sampai ke penerimaan ini (satker, jabatan, oleh siapa, kapan, catatan)' })
  route(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.deliveries.route(p, id);
  }
}
