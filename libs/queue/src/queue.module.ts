import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
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
      useFactory: (c: AppConfig) => createRedis(c, { maxRetriesPerRequest: 2, keyPrefix: `${c.QUEUE_PREFIX}:app:` }),
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
