import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, Observable } from 'rxjs';
import type { Principal } from '@naskah/identity';
import { NotificationsService, OpenedItem } from '@naskah/notification';

const MARKS_READ = 'naskah:marks-read';

/**
 * On a GET that opens an item (a letter, a delivery, a disposition, a proposal): once it has been
 * read successfully — so only by someone who may see it — the caller's unread notifications about
 * it become read (NotificationsService.markReadAbout), before the response is sent. The web app
 * therefore never marks a notification by hand when the user follows it to its item.
 */
export const MarksNotificationsRead = (kind: OpenedItem['kind']) => SetMetadata(MARKS_READ, kind);

@Injectable()
export class MarksReadInterceptor implements NestInterceptor {
  private readonly logger = new Logger(MarksReadInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly notifications: NotificationsService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<OpenedItem['kind'] | undefined>(MARKS_READ, ctx.getHandler());
    if (!kind) return next.handle();
    const p: Principal | undefined = ctx.switchToHttp().getRequest().principal;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const b = body as { id?: unknown; letterId?: unknown } | null;
        if (p && b && typeof b.id === 'string') {
          const item = (kind === 'delivery' ? { kind, id: b.id, letterId: String(b.letterId ?? '') } : { kind, id: b.id }) as OpenedItem;
          // a failure here must not fail the read: the notification simply stays unread
          await this.notifications.markReadAbout(p.userId, item).catch((err) => this.logger.warn({ err: (err as Error).message }, 'notifications not marked read'));
        }
        return body;
      }),
    );
  }
}
