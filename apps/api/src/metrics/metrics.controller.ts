import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, DomainError } from '@naskah/core';
import { Public } from '../common/principal.decorator';
import { metricsAccess } from './metrics-access';
import { MetricsService } from './metrics.service';

/** GET /metrics in the Prometheus text format, for the installation's scraper only (see metricsAccess). */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async scrape(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const h = req.headers;
    const access = metricsAccess(this.config.METRICS_TOKEN, {
      authorization: h.authorization,
      remoteAddress: req.raw.socket?.remoteAddress,
      proxied: h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined,
    });
    if (access === 'TOKEN_REQUIRED') throw new DomainError('METRICS_TOKEN_REQUIRED', 'UNAUTHENTICATED', 'Metrik memerlukan token METRICS_TOKEN (Authorization: Bearer)');
    if (access === 'LOOPBACK_ONLY') throw new DomainError('METRICS_LOOPBACK_ONLY', 'FORBIDDEN', 'Metrik hanya dapat dibaca langsung dari host ini; pasang METRICS_TOKEN untuk pengambilan dari luar (loopback only)');
    const body = await this.metrics.registry.metrics();
    await reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  }
}
