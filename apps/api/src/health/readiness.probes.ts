import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type IORedis from 'ioredis';
import { Repository } from 'typeorm';
import { probeRedisWrite, REDIS, redisAddress } from '@naskah/queue';
import { ReadReplicas } from '@naskah/db';
import { HealthProbeRecord } from './health-probe.entity';

/** Each probe gives up after this long: a hung server makes the process not ready, never a hung check. */
export const PROBE_TIMEOUT_MS = 1500;

const whoAmI = `${hostname()}:${process.pid}`.slice(0, 120);

/**
 * Ready means able to do the work, so both probes write: the database updates the one
 * `health_probes` row, Redis sets a key that expires in 10 s. A read-only replica of either
 * answers a ping and refuses the work; these probes name it.
 */
@Injectable()
export class ReadinessProbes {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @InjectRepository(HealthProbeRecord) private readonly probes: Repository<HealthProbeRecord>,
    @Inject(REDIS) private readonly client: IORedis,
    private readonly readReplicas: ReadReplicas,
  ) {}

  /** Never down (a replica down or lagging sends reads to the primary): says how many take reads, and why the others are skipped. */
  replicas(): HealthIndicatorResult {
    const all = this.readReplicas.status();
    const used = all.filter((r) => r.inUse).length;
    const skipped = all.filter((r) => !r.inUse).map((r) => `${r.name} ${r.skippedBecause}${r.lagSeconds !== null ? ` (lag ${r.lagSeconds.toFixed(1)} s)` : ''}`);
    return this.indicator.check('replicas').up({ message: `${used} dari ${all.length} replika dipakai${skipped.length ? `; dilewati: ${skipped.join(', ')}` : ''}` });
  }

  async database(): Promise<HealthIndicatorResult> {
    const i = this.indicator.check('database');
    try {
      await this.within(
        this.probes.createQueryBuilder().insert().into(HealthProbeRecord)
          .values({ id: 1, probedAt: () => 'CURRENT_TIMESTAMP(3)', probedBy: whoAmI })
          .orUpdate(['probed_at', 'probed_by'], ['id'])
          .execute(),
        'database',
      );
      return i.up();
    } catch (err) {
      return i.down({ message: messageOf(err) });
    }
  }

  async redis(): Promise<HealthIndicatorResult> {
    const i = this.indicator.check('redis');
    try {
      const key = `health:${whoAmI}`;
      await probeRedisWrite(this.client, key, PROBE_TIMEOUT_MS);
      // the node that just took the write: with Sentinel, the current primary (it changes on failover); with Cluster, the master of the product's slot
      const master = redisAddress(this.client, key);
      return master ? i.up({ master }) : i.up();
    } catch (err) {
      return i.down({ message: messageOf(err) });
    }
  }

  private async within<T>(work: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} tidak menjawab dalam ${PROBE_TIMEOUT_MS} ms (timeout)`)), PROBE_TIMEOUT_MS)))]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The server's own words (READONLY…, ER_OPTION_PREVENTS_STATEMENT…), never a query's parameters. */
function messageOf(err: unknown): string {
  const e = err as { message?: string; driverError?: { code?: string; sqlMessage?: string } };
  const text = e.driverError?.sqlMessage ? `${e.driverError.code ?? ''} ${e.driverError.sqlMessage}`.trim() : String(e.message ?? err);
  return text.slice(0, 300);
}
