import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, DelegationsService, Principal, UsersService } from '@naskah/identity';
import { CurrentPrincipal, Public } from '../common/principal.decorator';
import { LoginDto, RefreshDto } from './auth.dto';
import { ApiErrors } from '../common/api-errors';
import { MeView, TokenPair } from './dto/auth.view';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly delegations: DelegationsService,
  ) {}

  @Public() @Post('auth/login') @HttpCode(200)
  @ApiOkResponse({ type: TokenPair })
  @ApiErrors(400, 401, 429, 503)
  login(@Body() dto: LoginDto, @Req() req: { ip: string }) {
    return this.auth.login(dto.username, dto.password, req.ip);
  }

  @Public() @Post('auth/refresh') @HttpCode(200)
  @ApiOkResponse({ type: TokenPair })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public() @Post('auth/logout') @HttpCode(204)
  @ApiNoContentResponse({ description: 'The refresh token no longer works' })
  @ApiErrors(400)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  /** The signed-in user, their position, office, roles and the delegations active today. */
  @ApiBearerAuth() @Get('me')
  @ApiOkResponse({ type: MeView })
  @ApiErrors(401)
  async me(@CurrentPrincipal() p: Principal) {
    const [user, delegations] = await Promise.all([this.users.get(p.userId), this.delegations.list({ userId: p.userId, activeOnly: true })]);
    return { user: { id: user.id, username: user.username, fullName: user.fullName, nip: user.nip, email: user.email }, position: user.position, office: user.office, roles: user.roles, delegations };
  }
}
