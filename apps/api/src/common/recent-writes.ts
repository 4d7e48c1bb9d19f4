import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { ReadReplicas, RecentWrites } from '@naskah/db';
import type { Principal } from '@naskah/identity';
import { REDIS } from '@naskah/queue';

/**
 * Read-your-writes across API processes: a user's write sets `ryw:<userId>` in Redis for the
 * read-your-writes window (PX), so whichever process serves their next read sends it to the primary.
 * Redis rather than a signed cookie: the API's clients send a bearer token and no cookie on reads,
 * and every process already holds a Redis connection; the process keeps its own marks too
 * (ReadReplicas), so a user served by the same process costs no Redis trip on the marked reads.
 */
@Injectable()
export class RedisRecentWrites implements RecentWrites, OnModuleInit {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    private readonly replicas: ReadReplicas,
  ) {}

  onModuleInit(): void {
    if (this.replicas.configured) this.replicas.useRecentWrites(this);
  }

  async mark(userId: number, ms: number): Promise<void> {
    await this.redis.set(`ryw:${userId}`, '1', 'PX', ms);
  }

  async wroteRecently(userId: number): Promise<boolean> {
    return (await this.redis.exists(`ryw:${userId}`)) === 1;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Marks the signed-in user as having just written (ReadReplicas.noteWrite) after every POST, PUT,
 * PATCH or DELETE — answered or failed, since a failure may follow a commit — before the response
 * leaves, so their next read cannot reach a replica that lacks the write. Nothing when no replica
 * is configured.
 */
@Injectable()
export class MarksWritesInterceptor implements NestInterceptor {
  constructor(private readonly replicas: ReadReplicas) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.replicas.configured || ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<{ method: string; principal?: Principal }>();
    const p = req.principal;
    if (!p || !WRITES.has(req.method)) return next.handle();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.replicas.noteWrite(p.userId);
        return body;
      }),
      catchError((err: unknown) => from(this.replicas.noteWrite(p.userId)).pipe(mergeMap(() => throwError(() => err)))),
    );
  }
}
