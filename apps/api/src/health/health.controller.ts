import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type IORedis from 'ioredis';
import { REDIS } from '@naskah/queue';
import { Public } from '../common/principal.decorator';
import { ApiErrorBody } from '../common/api-errors';
import { HealthIndicatorState, LiveStatus, ReadyStatus } from './dto/health.view';

@ApiTags('health')
@Public()
@ApiExtraModels(HealthIndicatorState)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  /** The process is up. */
  @Get('live')
  @ApiOkResponse({ type: LiveStatus })
  live() {
    return { status: 'ok' };
  }

  /** The process can serve: database and Redis answer. */
  // our own response documentation: Terminus' would describe its 503 body, which the error filter wraps in the common error shape
  @Get('ready') @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ type: ReadyStatus })
  @ApiServiceUnavailableResponse({ type: ApiErrorBody, description: 'A dependency is down: `details` is the report (Terminus), by dependency' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      async () => {
        const i = this.indicator.check('redis');
        let timer: NodeJS.Timeout | undefined;
        try {
          const timeout = new Promise<string>((_, rej) => (timer = setTimeout(() => rej(new Error('timeout')), 1500)));
          const pong = await Promise.race([this.redis.ping(), timeout]);
          return pong === 'PONG' ? i.up() : i.down({ message: String(pong) });
        } catch (err) {
          return i.down({ message: (err as Error).message });
        } finally {
          clearTimeout(timer);
        }
      },
    ]);
  }
}
