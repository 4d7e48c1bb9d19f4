import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DelegationsService, Principal, UsersService } from '@naskah/identity';
import { OfficeLetterheadService, PositionsAdminService } from '@naskah/organisation';
import { actorOf, CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { CreateDelegationDto, CreatePositionDto, CreateUserDto, DelegationQueryDto, UpdateOfficeLetterheadDto, UpdatePositionDto, UpdateUserDto, UserQueryDto } from './admin.dto';
import { OfficeLetterheadView } from './dto/office-letterhead.view';
import { ApiErrors } from '../common/api-errors';
import { DelegationView, UserPage, UserView } from './dto/user.view';
import { PositionView } from '../organisation/dto/organisation.view';

/** Administration of users, positions and delegations (Plt/Plh). ADMIN only. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRoles('ADMIN')
@ApiErrors(401, 403)
@Controller('api/admin')
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly positions: PositionsAdminService,
    private readonly delegations: DelegationsService,
    private readonly letterheads: OfficeLetterheadService,
  ) {}

  @Get('users')
  @ApiOkResponse({ type: UserPage })
  @ApiErrors(400)
  listUsers(@Query() q: UserQueryDto) {
    return this.users.list(q);
  }

  @Get('users/:id')
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404)
  getUser(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  @Post('users')
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 404, 409, 422)
  createUser(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(actorOf(p), dto);
  }

  @Patch('users/:id')
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 404, 409, 422)
  updateUser(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actorOf(p), id, dto);
  }

  @Post('positions')
  @ApiCreatedResponse({ type: PositionView })
  @ApiErrors(400, 404, 409, 422)
  createPosition(@CurrentPrincipal() p: Principal, @Body() dto: CreatePositionDto) {
    return this.positions.create(actorOf(p), dto);
  }

  @Patch('positions/:id')
  @ApiOkResponse({ type: PositionView })
  @ApiErrors(400, 404, 409, 422)
  updatePosition(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdatePositionDto) {
    return this.positions.update(actorOf(p), id, dto);
  }

  @Get('offices/:id/letterhead')
  @ApiOkResponse({ type: OfficeLetterheadView })
  @ApiErrors(400, 404)
  getLetterhead(@Param('id', ParseIdPipe) id: number) {
    return this.letterheads.get(id);
  }

  /** The office's kop surat (address, telephone, e-mail, website); audited. Letters rendered afterwards print it. */
  @Patch('offices/:id/letterhead')
  @ApiOkResponse({ type: OfficeLetterheadView })
  @ApiErrors(400, 404)
  updateLetterhead(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateOfficeLetterheadDto) {
    return this.letterheads.update(actorOf(p), id, dto);
  }

  @Get('delegations')
  @ApiOkResponse({ type: DelegationView, isArray: true })
  @ApiErrors(400)
  listDelegations(@Query() q: DelegationQueryDto) {
    return this.delegations.list(q);
  }

  @Post('delegations')
  @ApiCreatedResponse({ type: DelegationView })
  @ApiErrors(400, 404, 409, 422)
  createDelegation(@CurrentPrincipal() p: Principal, @Body() dto: CreateDelegationDto) {
    return this.delegations.create(actorOf(p), dto);
  }

  @Delete('delegations/:id')
  @ApiOkResponse({ type: DelegationView })
  @ApiErrors(400, 404, 409)
  revokeDelegation(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number) {
    return this.delegations.revoke(actorOf(p), id);
  }
}
