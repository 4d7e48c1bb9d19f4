import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createValidationPipe, DomainError } from '@naskah/core';
import { Principal } from '@naskah/identity';
import { ImportScheduleUseCase, RetentionRulesService } from '@naskah/records';
import { CurrentPrincipal } from '../common/principal.decorator';
import { readMultipartForm } from '../correspondence/multipart-form';
import { ImportScheduleDto, ImportScheduleFormDto, ScheduleQueryDto } from './dto/records.dto';
import { BinaryReply, sendFile } from './reply';
import { ApiErrors } from '../common/api-errors';
import { ApiFileResponse } from '../common/api-binary-response';
import { ImportScheduleResult, RuleVersionView, ScheduleCurrent, ScheduleVersionView } from './dto/schedule.view';

const formPipe = createValidationPipe();

/** The retention schedule (JRA): rules in force, versions, CSV import and export. `demoSchedule` says whether demo (CONTOH) values are in force. */
@ApiTags('records')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/records/schedule')
export class ScheduleController {
  constructor(
    private readonly rules: RetentionRulesService,
    private readonly importer: ImportScheduleUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: ScheduleCurrent })
  @ApiErrors(400)
  async current(@Query() q: ScheduleQueryDto) {
    const current = await this.rules.current();
    return { demoSchedule: current.demoSchedule, today: current.today, version: current.version, items: await this.rules.rulesInForce(current.today, q) };
  }

  @Get('versions')
  @ApiOkResponse({ type: ScheduleVersionView, isArray: true })
  versions() {
    return this.rules.versions();
  }

  @Get('rules/:code')
  @ApiOkResponse({ type: RuleVersionView, isArray: true })
  history(@Param('code') code: string) {
    return this.rules.history(code);
  }

  /** The rules in force today as CSV, in the import format (with the `pemicu` column). */
  @Get('export')
  @ApiFileResponse('The rules in force today (jra.csv), in the import format', 'text/csv')
  async export(@Res() reply: BinaryReply) {
    sendFile(reply, await this.rules.exportCsv(), 'text/csv; charset=utf-8', 'jra.csv');
  }

  /** Import a whole JRA as a new version (JSON body with the CSV text). Any bad line: 400 listing every line and reason, nothing imported. */
  @Post('import')
  @ApiCreatedResponse({ type: ImportScheduleResult })
  @ApiErrors(400, 403, 409)
  import(@CurrentPrincipal() p: Principal, @Body() dto: ImportScheduleDto) {
    return this.importer.run(p, dto);
  }

  /** The same as a multipart upload: part "file" (the CSV), fields effectiveFrom and label. */
  @Post('import/upload')
  @ApiCreatedResponse({ type: ImportScheduleResult })
  @ApiErrors(400, 403, 409, 413, 415)
  async upload(@CurrentPrincipal() p: Principal, @Req() req: FastifyRequest) {
    const form = await readMultipartForm(req);
    if (!form.file) throw new DomainError('FILE_REQUIRED', 'VALIDATION', 'file: berkas CSV wajib diunggah', { fields: [{ field: 'file', reason: 'required' }] });
    const fields: ImportScheduleFormDto = await formPipe.transform(form.fields, { type: 'body', metatype: ImportScheduleFormDto });
    return this.importer.run(p, { csv: form.file.data.toString('utf8'), effectiveFrom: fields.effectiveFrom, label: fields.label, filename: form.file.filename });
  }
}
