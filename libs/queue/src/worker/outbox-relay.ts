import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@naskah/core';
import { OutboxService } from '../outbox.service';

/** Polls the outbox and relays pending jobs to BullMQ; the safety net behind the API's immediate relay. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, ms);
  }

  private async tick(): Promise<void> {
    let delay = this.config.OUTBOX_POLL_MS;
    try {
      const n = await this.outbox.relay();
      if (n > 0) delay = 0; // drain a backlog without waiting
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'outbox relay failed; retrying');
      delay = Math.min(5000, delay * 4);
    }
    this.schedule(delay);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
