import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { PreparedDispositionsService } from '@naskah/disposition';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ConfirmPreparedDto, DiscardPreparedDto, EditPreparedDto, PrepareDispositionDto, PreparedQueryDto } from './dto/prepared.dto';

/** Dispositions prepared by TU for the leader: confirm (as is or edited), edit, discard. */
@ApiTags('dispositions')
@ApiBearerAuth()
@Controller('api/prepared-dispositions')
export class PreparedDispositionsController {
  constructor(private readonly prepared: PreparedDispositionsService) {}

  @Post()
  @ApiOperation({ summary: 'TU (pencatat/sekretaris) menyiapkan disposisi untuk pimpinan penerima surat' })
  prepare(@CurrentPrincipal() p: Principal, @Body() dto: PrepareDispositionDto) {
    const { deliveryId, ...input } = dto;
    return this.prepared.prepare(p, deliveryId, input);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: PreparedQueryDto) {
    return this.prepared.list(p, q.status);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.prepared.get(p, id);
  }

  @Patch(':id')
  edit(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: EditPreparedDto) {
    return this.prepared.edit(p, id, dto);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pimpinan mengesahkan: disposisi terbit atas nama pimpinan' })
  confirm(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ConfirmPreparedDto) {
    return this.prepared.confirm(p, id, dto.version, dto.changes);
  }

  @Post(':id/discard')
  @HttpCode(200)
  discard(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DiscardPreparedDto) {
    return this.prepared.discard(p, id, dto.version, dto.reason ?? null);
  }
}
