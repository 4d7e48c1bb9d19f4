import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, MaxLength } from 'class-validator';
import { CleanText } from '@naskah/core';
import { MasterDataService, SECURITY_CLASSES, URGENCIES } from '@naskah/correspondence';

class ClassificationQueryDto {
  @ApiPropertyOptional() @IsOptional() @CleanText() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean()
  leavesOnly?: boolean;
}

@ApiTags('master')
@ApiBearerAuth()
@Controller('api/master')
export class MasterController {
  constructor(private readonly master: MasterDataService) {}

  @Get('letter-types')
  letterTypes() {
    return this.master.letterTypes();
  }

  @Get('security-classes')
  securityClasses() {
    return SECURITY_CLASSES;
  }

  @Get('urgencies')
  urgencies() {
    return URGENCIES;
  }

  /** The archive classification tree; `demoSchedule` tells whether the retention values loaded are demo (CONTOH) values. */
  @Get('classifications')
  async classifications(@Query() q: ClassificationQueryDto) {
    const [items, demoSchedule] = await Promise.all([this.master.classifications(q), this.master.isDemoSchedule()]);
    return { demoSchedule, items };
  }
}
