import { CanActivate, ExecutionContext, Injectable, OnModuleInit } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@naskah/core';
import { AccessClaims, ActingPositionsCache, AuthService, Principal, StreamTickets } from '@naskah/identity';
import { IS_PUBLIC, REQUIRED_ROLES } from '../common/principal.decorator';
import { ACCEPTS_STREAM_TICKET } from './stream-ticket.decorator';

/** The request as the guard leaves it: the principal, and the claims it was authenticated with (their `exp` bounds a stream). */
export interface AuthenticatedRequest {
  principal: Principal;
  accessClaims: AccessClaims;
}

const unauthenticated = (message = 'Silakan masuk terlebih dahulu (authentication required)') => new DomainError('UNAUTHENTICATED', 'UNAUTHENTICATED', message);

/**
 * Global guard: every endpoint needs a valid access token (`Authorization: Bearer`, never in the
 * URL) of an active user unless marked @Public(); @RequireRoles narrows further. The notification
 * stream alone also takes a single-use `?ticket=` (@AcceptsStreamTicket).
 * What the request may do comes from the user's current state (ActingPositionsCache: active,
 * roles, session version), not from the token's claims: a removed grant, a sign-out or a password
 * change takes effect at once in this process and within milliseconds in the others.
 */
@Injectable()
export class AuthGuard implements CanActivate, OnModuleInit {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly acting: ActingPositionsCache,
    private readonly tickets: StreamTickets,
  ) {}

  /** A missing secret is generated, a bad one stops the API at boot rather than at the first request. */
  onModuleInit(): void {
    this.auth.prepareKey();
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const c = await this.claimsOf(req, this.reflector.getAllAndOverride<boolean>(ACCEPTS_STREAM_TICKET, targets) === true);
    const state = await this.acting.of(c.sub, c.pos);
    if (!state.active) throw new DomainError('USER_INACTIVE', 'UNAUTHENTICATED', 'Akun tidak aktif (account disabled)');
    if (state.sessionVersion !== c.sv) throw new DomainError('SESSION_REVOKED', 'UNAUTHENTICATED', 'Sesi telah diakhiri (keluar atau kata sandi diganti); silakan masuk lagi (session revoked)');
    const principal: Principal = { userId: c.sub, username: c.un, fullName: c.fn, positionId: c.pos, officeId: c.off, roles: state.roles, requestId: req.raw?.id ?? req.id };
    req.principal = principal;
    req.accessClaims = c;
    const roles = this.reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.some((r) => principal.roles.includes(r as Principal['roles'][number]))) {
      throw new DomainError('ROLE_REQUIRED', 'FORBIDDEN', `Perlu peran ${roles.join(' / ')} (role required)`, { roles });
    }
    return true;
  }

  private async claimsOf(req: { headers: Record<string, string | undefined>; query?: Record<string, unknown> }, ticketAccepted: boolean): Promise<AccessClaims> {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) return this.auth.verifyAccessToken(header.slice(7));
    const ticket = req.query?.ticket;
    if (ticketAccepted && typeof ticket === 'string') {
      const c = await this.tickets.consume(ticket);
      if (!c) throw new DomainError('INVALID_STREAM_TICKET', 'UNAUTHENTICATED', 'Tiket aliran tidak berlaku atau sudah dipakai; minta tiket baru (invalid or used stream ticket)');
      return c;
    }
    if (req.query?.access_token !== undefined) throw unauthenticated('Token akses tidak diterima di URL; kirim header Authorization: Bearer (access token in URL refused)');
    throw unauthenticated();
  }
}
