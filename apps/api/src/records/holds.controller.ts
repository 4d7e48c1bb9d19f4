import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { HoldsService } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreateHoldDto, HoldPreviewDto, HoldQueryDto, LiftHoldDto } from './dto/records.dto';
import { ApiErrors } from '../common/api-errors';
import { HoldList, HoldPreview, HoldView } from './dto/hold.view';

/** Holds (legal / audit freezes): preview a scope, place (applied by a job), list, lift. */
@ApiTags('records')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('api/records/holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: HoldPreview })
  @ApiErrors(400, 403, 422)
  preview(@CurrentPrincipal() p: Principal, @Body() dto: HoldPreviewDto) {
    return this.holds.preview(p, dto.scope);
  }

  @Post()
  @ApiCreatedResponse({ type: HoldView })
  @ApiErrors(400, 403, 422)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateHoldDto) {
    return this.holds.create(p, dto);
  }

  @Get()
  @ApiOkResponse({ type: HoldList })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: HoldQueryDto) {
    return this.holds.list(p, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: HoldView })
  @ApiErrors(404)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.holds.get(p, id);
  }

  /** Only a leader of the office (Ketua / Sekretaris) lifts a hold. */
  @Post(':id/lift')
  @HttpCode(200)
  @ApiOkResponse({ type: HoldView })
  @ApiErrors(400, 404, 409)
  lift(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: LiftHoldDto) {
    return this.holds.lift(p, id, dto.reason);
  }
}
