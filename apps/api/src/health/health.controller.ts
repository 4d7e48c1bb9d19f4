import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { PipelineStatus, PipelineStatusService } from '@naskah/queue';
import { ReadReplicas } from '@naskah/db';
import { Public } from '../common/principal.decorator';
import { ApiErrorBody } from '../common/api-errors';
import { HealthIndicatorState, LiveStatus, ReadyStatus, ReplicasStatus } from './dto/health.view';
import { PipelineStatusDto } from './pipeline-status.dto';
import { ReadinessProbes } from './readiness.probes';

@ApiTags('health')
@Public()
@ApiExtraModels(HealthIndicatorState)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly probes: ReadinessProbes,
    private readonly pipeline: PipelineStatusService,
    private readonly replicas: ReadReplicas,
  ) {}

  /** The process is up (no I/O: a load balancer may call it as often as it likes). */
  @Get('live')
  @ApiOkResponse({ type: LiveStatus })
  live() {
    return { status: 'ok' };
  }

  /**
   * The process can do its work: the database and Redis both take a write (1.5 s each at most).
   * 503 names what fails, with the server's message (e.g. Redis `READONLY …`). With read replicas,
   * `replicas` sums them up (always up: reads fall back to the primary; details in /health/replicas).
   */
  // our own response documentation: Terminus' would describe its 503 body, which the error filter wraps in the common error shape
  @Get('ready') @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ type: ReadyStatus })
  @ApiServiceUnavailableResponse({ type: ApiErrorBody, description: 'A dependency cannot take a write: `details` is the report (Terminus), by dependency' })
  ready() {
    return this.health.check([() => this.probes.database(), () => this.probes.redis(), ...(this.replicas.configured ? [() => this.probes.replicas()] : [])]);
  }

  /**
   * The read replicas (DATABASE_REPLICA_URLS) as this process sees them: up, lag, in use or skipped
   * and why. Always 200: a replica down or lagging only sends reads to the primary. From the
   * background check (every second), no I/O here.
   */
  @Get('replicas')
  @ApiOkResponse({ type: ReplicasStatus })
  replicaStatus(): ReplicasStatus {
    return {
      maxLagSeconds: this.replicas.maxLag,
      readYourWritesSeconds: this.replicas.readYourWritesMs / 1000,
      readYourWritesReads: this.replicas.readYourWrites,
      // public: no host, port, database, user or server message (those are in the log and /metrics)
      replicas: this.replicas.status().map((r, i) => ({
        ...r,
        name: `replika ${i + 1}`,
        detail: r.skippedBecause === 'UNREACHABLE' || r.skippedBecause === 'PRIMARY_UNREACHABLE' ? 'tidak dapat dihubungi; rinciannya di log (unreachable; details in the log)' : r.detail,
      })),
    };
  }

  /**
   * For operators: how far behind the pipeline is — the oldest outbox row not yet handed to Redis,
   * and per queue the counts and the oldest waiting job — against PIPELINE_LATE_SECONDS. 200 when
   * OK, 503 (same body) when LATE or UNKNOWN. Ages and counts only, no letter data.
   */
  @Get('pipeline')
  @ApiOkResponse({ type: PipelineStatusDto })
  @ApiServiceUnavailableResponse({ type: PipelineStatusDto, description: 'verdict LATE atau UNKNOWN' })
  async pipelineStatus(@Res({ passthrough: true }) reply: FastifyReply): Promise<PipelineStatus> {
    const status = await this.pipeline.status();
    if (status.verdict !== 'OK') reply.status(503);
    return status;
  }
}
