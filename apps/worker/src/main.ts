import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@naskah/core';
import { planJobSlots, PoolTooSmallError } from '@naskah/queue';
import { WorkerModule } from './worker.module';

/** The worker: no HTTP, only queues, schedulers and the outbox relay. SIGTERM drains running jobs and exits. */
export async function createWorker() {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // SIGTERM/SIGINT/SIGHUP: stop taking jobs, let the running ones finish, close Redis and the pool, then exit 0
  // (useProcessExit: Nest would otherwise re-raise the signal, and pino flushes on exit)
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
  return app;
}

if (require.main === module) {
  try {
    planJobSlots(loadConfig()); // the pool must leave a connection for jobs (checked again, and capped, by QueueWorkers)
  } catch (err) {
    if (err instanceof ConfigError || err instanceof PoolTooSmallError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  createWorker()
    .then(() => console.log('Naskah worker siap (ready)'))
    .catch((err) => {
      console.error(`Worker gagal start / failed to start: ${(err as Error).message}`);
      process.exit(1);
    });
}
