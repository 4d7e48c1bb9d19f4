import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BenchContext } from '../harness';

/**
 * Starts a Nest application on Fastify in this process, on 127.0.0.1 and an ephemeral port,
 * without Nest's logger; closed after the bench. Returns its base URL.
 */
export async function startNestServer(ctx: BenchContext, module: unknown): Promise<string> {
  const app = await NestFactory.create<NestFastifyApplication>(module as never, new FastifyAdapter(), { logger: false });
  ctx.onCleanup(() => app.close());
  await app.listen(0, '127.0.0.1');
  const addr = app.getHttpServer().address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  return `http://127.0.0.1:${addr.port}`;
}
