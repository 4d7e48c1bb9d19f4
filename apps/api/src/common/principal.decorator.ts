import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Actor } from '@naskah/audit';
import type { Principal, Role } from '@naskah/identity';

export const IS_PUBLIC = 'naskah:public';
/** Marks an endpoint as reachable without signing in (health, sign-in, public verification). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const REQUIRED_ROLES = 'naskah:roles';
/** The caller needs at least one of these roles. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);

/** The audit actor of a principal acting in their own position. */
export function actorOf(p: Principal): Actor {
  return { userId: p.userId, positionId: p.positionId, capacity: 'SENDIRI', requestId: p.requestId ?? null };
}
