import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import type IORedis from 'ioredis';
import { AppConfig } from '@naskah/core';
import { QueueName } from './queue-names';
import { OutboxService } from './outbox.service';
import { createRedis, redisOptions } from './redis-connection';
import { PipelineStatusService } from './pipeline/pipeline-status.service';

/** A shared ioredis client for everything that is not a queue (rate limits, notifications). */
export const REDIS = Symbol('REDIS');

const queues = Object.values(QueueName).map((name) => ({ name }));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: redisOptions(config), prefix: config.QUEUE_PREFIX }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [
    OutboxService,
    PipelineStatusService,
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => {
        const client = createRedis(c, { maxRetriesPerRequest: 2, keyPrefix: `${c.QUEUE_PREFIX}:app:` });
        // ioredis prints an unhandled 'error' with its stack on every failed reconnection: one line, and only when the state changes
        const logger = new Logger('Redis');
        let last = '';
        client.on('error', (err: Error) => {
          if (err.message !== last) logger.warn({ err: err.message }, 'Redis connection error; reconnecting');
          last = err.message;
        });
        client.on('ready', () => (last = ''));
        return client;
      },
    },
  ],
  exports: [OutboxService, PipelineStatusService, BullModule, REDIS],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: IORedis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
