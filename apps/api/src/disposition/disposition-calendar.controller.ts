import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@naskah/identity';
import { HolidayCalendarService, InstructionsService } from '@naskah/disposition';
import { actorOf, CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { DeadlinePreviewQueryDto, HolidayDto, HolidayQueryDto, InstructionDto, InstructionQueryDto, UpdateInstructionDto } from './dto/calendar.dto';

/** The disposition instruction list and the holiday calendar: readable by everyone, maintained by an admin. */
@ApiTags('dispositions')
@ApiBearerAuth()
@Controller('api')
export class DispositionCalendarController {
  constructor(
    private readonly instructions: InstructionsService,
    private readonly calendar: HolidayCalendarService,
  ) {}

  @Get('disposition-instructions')
  listInstructions(@Query() q: InstructionQueryDto) {
    return this.instructions.list(q.all ?? false);
  }

  @Post('disposition-instructions')
  @RequireRoles('ADMIN')
  createInstruction(@CurrentPrincipal() p: Principal, @Body() dto: InstructionDto) {
    return this.instructions.create(actorOf(p), dto);
  }

  @Patch('disposition-instructions/:code')
  @RequireRoles('ADMIN')
  updateInstruction(@CurrentPrincipal() p: Principal, @Param('code') code: string, @Body() dto: UpdateInstructionDto) {
    return this.instructions.update(actorOf(p), code, dto);
  }

  @Get('holidays')
  @ApiOperation({ summary: 'Libur nasional dan cuti bersama (isEstimate: perkiraan, belum dari SKB)' })
  holidays(@Query() q: HolidayQueryDto) {
    return this.calendar.list(q.year);
  }

  @Get('holidays/deadline')
  @ApiOperation({ summary: 'Tanggal batas waktu N hari kerja dari hari ini (atau dari `from`)' })
  deadline(@Query() q: DeadlinePreviewQueryDto) {
    return this.calendar.preview(q.workingDays, q.from);
  }

  @Post('holidays')
  @RequireRoles('ADMIN')
  addHoliday(@CurrentPrincipal() p: Principal, @Body() dto: HolidayDto) {
    return this.calendar.add(actorOf(p), dto);
  }

  @Delete('holidays/:id')
  @RequireRoles('ADMIN')
  @HttpCode(204)
  async removeHoliday(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.calendar.remove(actorOf(p), id);
  }
}
