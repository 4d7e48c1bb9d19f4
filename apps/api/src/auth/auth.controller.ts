import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, DomainError } from '@naskah/core';
import { AuthService, DelegationsService, Principal, UsersService } from '@naskah/identity';
import { CurrentPrincipal, Public } from '../common/principal.decorator';
import { LoginDto, RefreshDto } from './auth.dto';
import { ApiErrors } from '../common/api-errors';
import { MeView, TokenPair } from './dto/auth.view';
import { clearRefreshCookie, refreshTokenFromCookie, setRefreshCookie, wantsCookieSession } from './session-cookie';

const SESSION_HEADER_DOC = { name: 'X-Naskah-Session', required: false, description: "'cookie': token penyegar hanya dalam cookie httpOnly (antarmuka web); tanpa header: dalam badan jawaban" };

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly delegations: DelegationsService,
    private readonly config: AppConfig,
  ) {}

  @Public() @Post('auth/login') @HttpCode(200) @ApiHeader(SESSION_HEADER_DOC)
  @ApiOkResponse({ type: TokenPair })
  @ApiErrors(400, 401, 429, 503)
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.withCookie(req, reply, await this.auth.login(dto.username, dto.password, req.ip));
  }

  @Public() @Post('auth/refresh') @HttpCode(200) @ApiHeader(SESSION_HEADER_DOC)
  @ApiOkResponse({ type: TokenPair })
  @ApiErrors(400, 401)
  async refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const token = dto.refreshToken ?? (wantsCookieSession(req) ? refreshTokenFromCookie(req) : undefined);
    if (!token) throw new DomainError('INVALID_REFRESH_TOKEN', 'UNAUTHENTICATED', 'Sesi tidak berlaku; silakan masuk lagi (no refresh token)');
    try {
      return this.withCookie(req, reply, await this.auth.refresh(token));
    } catch (err) {
      if (wantsCookieSession(req)) clearRefreshCookie(req, reply);
      throw err;
    }
  }

  @Public() @Post('auth/logout') @HttpCode(204) @ApiHeader(SESSION_HEADER_DOC)
  @ApiNoContentResponse({ description: 'The refresh token no longer works' })
  @ApiErrors(400)
  async logout(@Body() dto: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = dto.refreshToken ?? (wantsCookieSession(req) ? refreshTokenFromCookie(req) : undefined);
    if (wantsCookieSession(req)) clearRefreshCookie(req, reply);
    if (token) await this.auth.logout(token);
  }

  /** The signed-in user, their position, office, roles and the delegations active today. */
  @ApiBearerAuth() @Get('me')
  @ApiOkResponse({ type: MeView })
  @ApiErrors(401)
  async me(@CurrentPrincipal() p: Principal) {
    const [user, delegations] = await Promise.all([this.users.get(p.userId), this.delegations.list({ userId: p.userId, activeOnly: true })]);
    return { user: { id: user.id, username: user.username, fullName: user.fullName, nip: user.nip, email: user.email }, position: user.position, office: user.office, roles: user.roles, delegations };
  }

  /** Cookie sessions (X-Naskah-Session: cookie) get the refresh token as a cookie only; other clients in the body as before. */
  private withCookie<T extends { refreshToken: string }>(req: FastifyRequest, reply: FastifyReply, pair: T): T | Omit<T, 'refreshToken'> {
    if (!wantsCookieSession(req)) return pair;
    setRefreshCookie(req, reply, pair.refreshToken, this.config.REFRESH_TTL_DAYS * 86_400);
    const { refreshToken: _kept, ...rest } = pair;
    return rest;
  }
}
