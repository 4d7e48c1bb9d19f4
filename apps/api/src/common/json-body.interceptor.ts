import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { DomainError } from '@naskah/core';

/**
 * Endpoints that take a JSON body (@Body) refuse multipart requests with 415. Without this, the
 * multipart parser (registered for uploads) leaves the body undefined and a DTO whose fields are
 * all optional would accept an "empty" request it never read.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  private readonly cache = new Map<unknown, boolean>();

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<{ isMultipart?: () => boolean }>();
    if (req.isMultipart?.() && this.takesBody(ctx)) {
      throw new DomainError('JSON_BODY_REQUIRED', 'UNSUPPORTED_MEDIA', 'Endpoint ini menerima JSON, bukan multipart/form-data (send application/json)');
    }
    return next.handle();
  }

  private takesBody(ctx: ExecutionContext): boolean {
    const handler = ctx.getHandler();
    let known = this.cache.get(handler);
    if (known === undefined) {
      const args: Record<string, unknown> = Reflect.getMetadata(ROUTE_ARGS_METADATA, ctx.getClass(), handler.name) ?? {};
      known = Object.keys(args).some((k) => Number(k.split(':')[0]) === RouteParamtypes.BODY);
      this.cache.set(handler, known);
    }
    return known;
  }
}
