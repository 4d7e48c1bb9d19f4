import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { HolidayCalendarService, InstructionsService } from '@naskah/disposition';
import { actorOf, CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { DeadlinePreviewQueryDto, HolidayDto, HolidayQueryDto, InstructionDto, InstructionQueryDto, UpdateInstructionDto } from './dto/calendar.dto';
import { ApiErrors } from '../common/api-errors';
import { DeadlinePreview, HolidayView, InstructionView } from './dto/calendar.view';

/** The disposition instruction list and the holiday calendar: readable by everyone, maintained by an admin. */
@ApiTags('dispositions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api')
export class DispositionCalendarController {
  constructor(
    private readonly instructions: InstructionsService,
    private readonly calendar: HolidayCalendarService,
  ) {}

  @Get('disposition-instructions')
  @ApiOkResponse({ type: InstructionView, isArray: true })
  @ApiErrors(400)
  listInstructions(@Query() q: InstructionQueryDto) {
    return this.instructions.list(q.all ?? false);
  }

  @Post('disposition-instructions')
  @RequireRoles('ADMIN')
  @ApiCreatedResponse({ type: InstructionView })
  @ApiErrors(400, 403, 409)
  createInstruction(@CurrentPrincipal() p: Principal, @Body() dto: InstructionDto) {
    return this.instructions.create(actorOf(p), dto);
  }

  @Patch('disposition-instructions/:code')
  @RequireRoles('ADMIN')
  @ApiOkResponse({ type: InstructionView })
  @ApiErrors(400, 403, 404, 409)
  updateInstruction(@CurrentPrincipal() p: Principal, @Param('code') code: string, @Body() dto: UpdateInstructionDto) {
    return this.instructions.update(actorOf(p), code, dto);
  }

  @Get('holidays')
  @ApiOperation({ summary: 'Libur nasional dan cuti bersama (isEstimate: perkiraan, belum dari SKB)' })
  @ApiOkResponse({ type: HolidayView, isArray: true })
  @ApiErrors(400)
  holidays(@Query() q: HolidayQueryDto) {
    return this.calendar.list(q.year);
  }

  @Get('holidays/deadline')
  @ApiOperation({ summary: 'Tanggal batas waktu N hari kerja dari hari ini (atau dari `from`)' })
  @ApiOkResponse({ type: DeadlinePreview })
  @ApiErrors(400)
  deadline(@Query() q: DeadlinePreviewQueryDto) {
    return this.calendar.preview(q.workingDays, q.from);
  }

  @Post('holidays')
  @RequireRoles('ADMIN')
  @ApiCreatedResponse({ type: HolidayView })
  @ApiErrors(400, 403, 409)
  addHoliday(@CurrentPrincipal() p: Principal, @Body() dto: HolidayDto) {
    return this.calendar.add(actorOf(p), dto);
  }

  @Delete('holidays/:id')
  @RequireRoles('ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 403, 404)
  async removeHoliday(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.calendar.remove(actorOf(p), id);
  }
}
