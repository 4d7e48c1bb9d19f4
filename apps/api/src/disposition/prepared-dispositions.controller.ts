import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { PreparedDispositionsService } from '@naskah/disposition';
import { CurrentPrincipal } from '../common/principal.decorator';
import { ConfirmPreparedDto, DiscardPreparedDto, EditPreparedDto, PrepareDispositionDto, PreparedQueryDto } from './dto/prepared.dto';
import { ApiErrors } from '../common/api-errors';
import { PreparedConfirmed, PreparedView } from './dto/prepared.view';

/** Dispositions prepared by TU for the leader: confirm (as is or edited), edit, discard. */
@ApiTags('dispositions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/prepared-dispositions')
export class PreparedDispositionsController {
  constructor(private readonly prepared: PreparedDispositionsService) {}

  @Post()
  @ApiOperation({ summary: 'TU (pencatat/sekretaris) menyiapkan disposisi untuk pimpinan penerima surat' })
  @ApiCreatedResponse({ type: PreparedView })
  @ApiErrors(400, 403, 404, 409, 422)
  prepare(@CurrentPrincipal() p: Principal, @Body() dto: PrepareDispositionDto) {
    const { deliveryId, ...input } = dto;
    return this.prepared.prepare(p, deliveryId, input);
  }

  @Get()
  @ApiOkResponse({ type: PreparedView, isArray: true })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: PreparedQueryDto) {
    return this.prepared.list(p, q.status);
  }

  @Get(':id')
  @ApiOkResponse({ type: PreparedView })
  @ApiErrors(404)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.prepared.get(p, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PreparedView })
  @ApiErrors(400, 403, 404, 409, 422)
  edit(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: EditPreparedDto) {
    return this.prepared.edit(p, id, dto);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pimpinan mengesahkan: disposisi terbit atas nama pimpinan' })
  @ApiOkResponse({ type: PreparedConfirmed })
  @ApiErrors(400, 403, 404, 409, 422)
  confirm(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: ConfirmPreparedDto) {
    return this.prepared.confirm(p, id, dto.version, dto.changes);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOkResponse({ type: PreparedView })
  @ApiErrors(400, 403, 404, 409)
  discard(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: DiscardPreparedDto) {
    return this.prepared.discard(p, id, dto.version, dto.reason ?? null);
  }
}
