import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, MaxLength } from 'class-validator';
import { CleanText } from '@naskah/core';
import { bodyRequiredFor, hasTypeFields, MasterDataService, requiredFieldsOf, SECURITY_CLASSES, typeFieldsSchema, URGENCIES } from '@naskah/correspondence';
import { ApiErrors } from '../common/api-errors';
import { CodeName } from '../common/dto/refs.view';
import { ClassificationList, LetterTypeView } from './dto/master.view';

class ClassificationQueryDto {
  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean()
  leavesOnly?: boolean;
}

@ApiTags('master')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/master')
export class MasterController {
  constructor(private readonly master: MasterDataService) {}

  /** The letter types, each with the typed fields it takes (what the drafting form shows). */
  @Get('letter-types')
  @ApiOkResponse({ type: LetterTypeView, isArray: true })
  async letterTypes(): Promise<LetterTypeView[]> {
    return (await this.master.letterTypes()).map((t) => ({
      ...t,
      fields: hasTypeFields(t.code) ? t.code : null,
      requiredFields: requiredFieldsOf(t.code),
      bodyRequired: bodyRequiredFor(t.code),
      fieldsSchema: typeFieldsSchema(t.code, { complete: true }),
    }));
  }

  @Get('security-classes')
  @ApiOkResponse({ type: CodeName, isArray: true })
  securityClasses() {
    return SECURITY_CLASSES;
  }

  @Get('urgencies')
  @ApiOkResponse({ type: CodeName, isArray: true })
  urgencies() {
    return URGENCIES;
  }

  /** The archive classification tree; `demoSchedule` tells whether the retention values loaded are demo (CONTOH) values. */
  @Get('classifications')
  @ApiOkResponse({ type: ClassificationList })
  @ApiErrors(400)
  async classifications(@Query() q: ClassificationQueryDto) {
    const [items, demoSchedule] = await Promise.all([this.master.classifications(q), this.master.isDemoSchedule()]);
    return { demoSchedule, items };
  }
}
