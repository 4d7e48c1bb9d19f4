import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { HoldsService } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { CreateHoldDto, HoldPreviewDto, HoldQueryDto, LiftHoldDto } from './dto/records.dto';

/** Holds (legal / audit freezes): preview a scope, place (applied by a job), list, lift. */
@ApiTags('records')
@ApiBearerAuth()
@Controller('api/records/holds')
export class HoldsController {
  constructor(private readonly holds: HoldsService) {}

  @Post('preview')
  @HttpCode(200)
  preview(@CurrentPrincipal() p: Principal, @Body() dto: HoldPreviewDto) {
    return this.holds.preview(p, dto.scope);
  }

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateHoldDto) {
    return this.holds.create(p, dto);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: HoldQueryDto) {
    return this.holds.list(p, q);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.holds.get(p, id);
  }

  /** Only a leader of the office (Ketua / Sekretaris) lifts a hold. */
  @Post(':id/lift')
  @HttpCode(200)
  lift(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() dto: LiftHoldDto) {
    return this.holds.lift(p, id, dto.reason);
  }
}
