import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DelegationsService, Principal, UsersService } from '@naskah/identity';
import { PositionsAdminService } from '@naskah/organisation';
import { actorOf, CurrentPrincipal, RequireRoles } from '../common/principal.decorator';
import { CreateDelegationDto, CreatePositionDto, CreateUserDto, DelegationQueryDto, UpdatePositionDto, UpdateUserDto, UserQueryDto } from './admin.dto';

/** Administration of users, positions and delegations (Plt/Plh). ADMIN only. */
@ApiTags('admin')
@ApiBearerAuth()
@RequireRoles('ADMIN')
@Controller('api/admin')
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly positions: PositionsAdminService,
    private readonly delegations: DelegationsService,
  ) {}

  @Get('users')
  listUsers(@Query() q: UserQueryDto) {
    return this.users.list(q);
  }

  @Get('users/:id')
  getUser(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  @Post('users')
  createUser(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto) {
    return this.users.create(actorOf(p), dto);
  }

  @Patch('users/:id')
  updateUser(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actorOf(p), id, dto);
  }

  @Post('positions')
  createPosition(@CurrentPrincipal() p: Principal, @Body() dto: CreatePositionDto) {
    return this.positions.create(actorOf(p), dto);
  }

  @Patch('positions/:id')
  updatePosition(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdatePositionDto) {
    return this.positions.update(actorOf(p), id, dto);
  }

  @Get('delegations')
  listDelegations(@Query() q: DelegationQueryDto) {
    return this.delegations.list(q);
  }

  @Post('delegations')
  createDelegation(@CurrentPrincipal() p: Principal, @Body() dto: CreateDelegationDto) {
    return this.delegations.create(actorOf(p), dto);
  }

  @Delete('delegations/:id')
  revokeDelegation(@CurrentPrincipal() p: Principal, @Param('id', ParseIdPipe) id: number) {
    return this.delegations.revoke(actorOf(p), id);
  }
}
