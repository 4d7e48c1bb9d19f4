import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { PipelineStatus, PipelineStatusService } from '@naskah/queue';
import { ReadReplicas } from '@naskah/db';

/** The mysql2 pool under TypeORM (private fields of mysql2 3.x: read defensively, absent → no sample). */
interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The API's Prometheus registry (one per application, so tests may boot several): default process
 * metrics, request latency by route template, and — collected on each scrape, from the database
 * and Redis — the pipeline (outbox age, queue depth and age) and the database pool. The queue and
 * outbox figures are the installation's, whichever replica is scraped.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'route' | 'method' | 'status_code'>;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pipeline: PipelineStatusService,
    private readonly ds: DataSource,
    private readonly replicas: ReadReplicas,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requestDuration = new Histogram({
      name: 'naskah_http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status',
      labelNames: ['route', 'method', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const status = () => this.pipeline.status();
    const pipelineGauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L>, s: PipelineStatus) => void) =>
      new Gauge<L>({
        name, help, labelNames, registers,
        async collect() {
          const s = await status();
          this.reset();
          fill(this, s);
        },
      });
    pipelineGauge('naskah_outbox_unrelayed_rows', 'Outbox rows not yet handed to Redis (counted up to 100000)', [], (g, s) => {
      if (!s.outbox.error) g.set(s.outbox.unrelayed);
    });
    pipelineGauge('naskah_outbox_oldest_unrelayed_age_seconds', 'Age of the oldest outbox row not yet handed to Redis (0 when none waits)', [], (g, s) => {
      if (!s.outbox.error) g.set(s.outbox.oldestAgeSeconds ?? 0);
    });
    pipelineGauge('naskah_queue_jobs', 'Jobs per queue and state', ['queue', 'state'], (g, s) => {
      for (const q of s.queues) if (!q.error) for (const state of QUEUE_STATES) g.set({ queue: q.name, state }, q[state]);
    });
    pipelineGauge('naskah_queue_oldest_waiting_age_seconds', 'Age of the oldest waiting job per queue, since it became due (0 when none waits)', ['queue'], (g, s) => {
      for (const q of s.queues) if (!q.error) g.set({ queue: q.name }, q.oldestWaitingAgeSeconds ?? 0);
    });
    pipelineGauge('naskah_pipeline_readable', '1 when the part could be read (outbox: database; a queue: Redis), 0 when not', ['part'], (g, s) => {
      g.set({ part: 'outbox' }, s.outbox.error ? 0 : 1);
      for (const q of s.queues) g.set({ part: `queue:${q.name}` }, q.error ? 0 : 1);
    });
    pipelineGauge('naskah_pipeline_late', '1 when the outbox or a queue has waited past PIPELINE_LATE_SECONDS', [], (g, s) => g.set(s.verdict === 'LATE' ? 1 : 0));
    pipelineGauge('naskah_pipeline_late_after_seconds', 'PIPELINE_LATE_SECONDS', [], (g, s) => g.set(s.lateAfterSeconds));
    const pool = () => (this.ds.driver as unknown as { pool?: Mysql2PoolInternals }).pool;
    new Gauge({
      name: 'naskah_db_pool_connections', help: 'Database pool connections of this process by state (in_use, idle) and its limit', labelNames: ['state'], registers,
      collect() {
        const p = pool();
        this.reset();
        if (!p?._allConnections || !p._freeConnections) return;
        this.set({ state: 'in_use' }, p._allConnections.length - p._freeConnections.length);
        this.set({ state: 'idle' }, p._freeConnections.length);
        if (p.config?.connectionLimit) this.set({ state: 'limit' }, p.config.connectionLimit);
      },
    });
    const replicaStates = () => this.replicas.status();
    new Gauge({
      name: 'naskah_db_replica_lag_seconds', help: "How far each read replica is behind the primary's heartbeat (absent while unknown: unreachable)", labelNames: ['replica'], registers,
      collect() {
        this.reset();
        for (const r of replicaStates()) if (r.lagSeconds !== null) this.set({ replica: r.name }, r.lagSeconds);
      },
    });
    new Gauge({
      name: 'naskah_db_replica_in_use', help: '1 when the read replica takes reads, 0 when skipped (down, lagging beyond DATABASE_REPLICA_MAX_LAG_SECONDS)', labelNames: ['replica'], registers,
      collect() {
        this.reset();
        for (const r of replicaStates()) this.set({ replica: r.name }, r.inUse ? 1 : 0);
      },
    });
    new Gauge({
      name: 'naskah_db_pool_waiting_requests', help: 'Queries of this process waiting for a free database connection', registers,
      collect() {
        const q = pool()?._connectionQueue;
        if (q) this.set(q.length);
      },
    });
  }

  /** Times every request by its route template (`/api/letters/:id`, never the raw URL). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (req, reply, done) => {
      this.requestDuration.observe(
        { route: req.routeOptions?.url ?? '(unmatched)', method: METHODS.has(req.method) ? req.method : 'OTHER', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
  }
}
