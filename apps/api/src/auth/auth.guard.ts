import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@naskah/core';
import { ActingPositionsCache, AuthService, Principal } from '@naskah/identity';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/principal.decorator';

/**
 * Global guard: every endpoint needs a valid access token of an active user unless marked
 * @Public(); @RequireRoles narrows further.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly acting: ActingPositionsCache,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : typeof req.query?.access_token === 'string' && req.method === 'GET' ? req.query.access_token : undefined;
    if (!token) throw new DomainError('UNAUTHENTICATED', 'UNAUTHENTICATED', 'Silakan masuk terlebih dahulu (authentication required)');
    const c = await this.auth.verifyAccessToken(token);
    // A deactivated user's token stops working at once in this process, within milliseconds in the
    // others (ActingPositionsCache, the same state the request reads its acting positions from).
    if (!(await this.acting.of(c.sub, c.pos)).active) {
      throw new DomainError('USER_INACTIVE', 'UNAUTHENTICATED', 'Akun tidak aktif (account disabled)');
    }
    const principal: Principal = { userId: c.sub, username: c.un, fullName: c.fn, positionId: c.pos, officeId: c.off, roles: c.roles, requestId: req.raw?.id ?? req.id };
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => principal.roles.includes(r as Principal['roles'][number]))) {
      throw new DomainError('ROLE_REQUIRED', 'FORBIDDEN', `Perlu peran ${roles.join(' / ')} (role required)`, { roles });
    }
    return true;
  }
}
