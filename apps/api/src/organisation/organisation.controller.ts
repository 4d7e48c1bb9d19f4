import { Controller, Get, Param, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrganisationService } from '@naskah/organisation';
import { OfficeQueryDto, PositionQueryDto } from './organisation.dto';
import { ApiErrors } from '../common/api-errors';
import { OfficePage, OfficeView, PositionView, UnitView } from './dto/organisation.view';

/** Browse and search the KPU organisation: offices (satker), units and positions (jabatan). */
@ApiTags('organisation')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api')
export class OrganisationController {
  constructor(private readonly org: OrganisationService) {}

  @Get('offices')
  @ApiOkResponse({ type: OfficePage })
  @ApiErrors(400)
  offices(@Query() q: OfficeQueryDto) {
    return this.org.listOffices(q);
  }

  @Get('offices/:id')
  @ApiOkResponse({ type: OfficeView })
  @ApiErrors(400, 404)
  office(@Param('id', ParseIdPipe) id: number) {
    return this.org.getOffice(id);
  }

  @Get('offices/:id/units')
  @ApiOkResponse({ type: UnitView, isArray: true })
  @ApiErrors(400, 404)
  units(@Param('id', ParseIdPipe) id: number) {
    return this.org.listUnits(id);
  }

  @Get('offices/:id/positions')
  @ApiOkResponse({ type: PositionView, isArray: true })
  @ApiErrors(400, 404)
  async officePositions(@Param('id', ParseIdPipe) id: number) {
    await this.org.getOffice(id); // an unknown office is a 404, not an empty list
    return this.org.listPositions({ officeId: id, limit: 1000 });
  }

  @Get('positions')
  @ApiOkResponse({ type: PositionView, isArray: true })
  @ApiErrors(400)
  positions(@Query() q: PositionQueryDto) {
    return this.org.listPositions(q);
  }

  @Get('positions/:id')
  @ApiOkResponse({ type: PositionView })
  @ApiErrors(400, 404)
  position(@Param('id', ParseIdPipe) id: number) {
    return this.org.getPosition(id);
  }
}
