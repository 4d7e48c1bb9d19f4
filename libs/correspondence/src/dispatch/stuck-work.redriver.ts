import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@naskah/core';
import { JobName, OutboxService } from '@naskah/queue';

const STALE_MS = 2 * 60_000;
const EVERY_MS = 60_000;

/**
 * The last line of defence for jobs lost outside the outbox's reach (a job that failed for good,
 * a Redis that lost its data): every minute, transmissions never dispatched and signed letters
 * never rendered, older than two minutes, get their job again through the outbox. Both jobs are
 * idempotent, so a re-drive of work that was merely slow does nothing. Several workers may run
 * it at once: the outbox key (one per item and minute) lets only one of them through.
 */
@Injectable()
export class StuckWorkRedriver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StuckWorkRedriver');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.redrive().catch((err) => this.logger.warn({ err: (err as Error).message }, 're-drive failed')), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns how many jobs were issued again. */
  async redrive(): Promise<number> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - STALE_MS);
    const bucket = Math.floor(now.getTime() / EVERY_MS);
    return this.ds.transaction(async (em) => {
      const transmissions: { id: string }[] = await em.query('SELECT id FROM transmissions WHERE dispatched_at IS NULL AND created_at < ? ORDER BY id LIMIT 500', [before]);
      const letters: { id: string }[] = await em.query(
        "SELECT id FROM letters WHERE status IN ('SIGNED','SENT') AND origin = 'INTERNAL' AND document_sha256 IS NULL AND signed_at < ? ORDER BY id LIMIT 500",
        [before],
      );
      for (const t of transmissions) await this.outbox.add(em, JobName.DISPATCH_LETTER, { transmissionId: String(t.id) }, { key: `${t.id}_redrive${bucket}` });
      for (const l of letters) await this.outbox.add(em, JobName.RENDER_LETTER, { letterId: String(l.id) }, { key: `${l.id}_redrive${bucket}` });
      const n = transmissions.length + letters.length;
      if (n) this.logger.warn({ transmissions: transmissions.length, letters: letters.length }, 're-driving work whose job was lost');
      return n;
    });
  }
}
