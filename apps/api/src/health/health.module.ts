import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthProbeRecord } from './health-probe.entity';
import { ReadinessProbes } from './readiness.probes';

/** /health/live, /health/ready (write probes) and /health/pipeline (ages and counts for operators). */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), TypeOrmModule.forFeature([HealthProbeRecord])],
  controllers: [HealthController],
  providers: [ReadinessProbes],
})
export class HealthModule {}
