import { Controller, Get, Param, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OrganisationService } from '@naskah/organisation';
import { OfficeQueryDto, PositionQueryDto } from './organisation.dto';

/** Browse and search the KPU organisation: offices (satker), units and positions (jabatan). */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api')
export class OrganisationController {
  constructor(private readonly org: OrganisationService) {}

  @Get('offices')
  offices(@Query() q: OfficeQueryDto) {
    return this.org.listOffices(q);
  }

  @Get('offices/:id')
  office(@Param('id', ParseIdPipe) id: number) {
    return this.org.getOffice(id);
  }

  @Get('offices/:id/units')
  units(@Param('id', ParseIdPipe) id: number) {
    return this.org.listUnits(id);
  }

  @Get('offices/:id/positions')
  async officePositions(@Param('id', ParseIdPipe) id: number) {
    await this.org.getOffice(id); // an unknown office is a 404, not an empty list
    return this.org.listPositions({ officeId: id, limit: 1000 });
  }

  @Get('positions')
  positions(@Query() q: PositionQueryDto) {
    return this.org.listPositions(q);
  }

  @Get('positions/:id')
  position(@Param('id', ParseIdPipe) id: number) {
    return this.org.getPosition(id);
  }
}
