import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, DelegationsService, Principal, UsersService } from '@naskah/identity';
import { CurrentPrincipal, Public } from '../common/principal.decorator';
import { LoginDto, RefreshDto } from './auth.dto';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly delegations: DelegationsService,
  ) {}

  @Public() @Post('auth/login') @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() req: { ip: string }) {
    return this.auth.login(dto.username, dto.password, req.ip);
  }

  @Public() @Post('auth/refresh') @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public() @Post('auth/logout') @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  /** The signed-in user, their position, office, roles and the delegations active today. */
  @ApiBearerAuth() @Get('me')
  async me(@CurrentPrincipal() p: Principal) {
    const [user, delegations] = await Promise.all([this.users.get(p.userId), this.delegations.list({ userId: p.userId, activeOnly: true })]);
    return { user: { id: user.id, username: user.username, fullName: user.fullName, nip: user.nip, email: user.email }, position: user.position, office: user.office, roles: user.roles, delegations };
  }
}
