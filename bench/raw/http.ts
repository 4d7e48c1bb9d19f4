import { Controller, Get, Inject, Module } from '@nestjs/common';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { registerBench } from '../harness';
import { startNestServer } from '../lib/nest-server';
import { placeholders, scratchTable } from '../lib/scratch';

const POOL = Symbol('bench-pool');
const ROWS = 10_000;

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return { ok: true, at: Date.now() };
  }
}

@Controller()
class RowController {
  constructor(@Inject(POOL) private readonly pool: Pool) {}

  @Get('row')
  async row() {
    const id = 1 + Math.floor(Math.random() * ROWS);
    const [rows] = await this.pool.query<RowDataPacket[]>('SELECT id, code, name, level FROM bench_http_rows WHERE id = ?', [id]);
    return rows[0];
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

const seconds = (quick: boolean) => (quick ? 2 : 8);

registerBench({
  name: 'http-json',
  kind: 'raw',
  description: 'req/s of a bare NestJS + Fastify endpoint answering small JSON, autocannon 50 connections (8 s; 2 s quick)',
  run: async (ctx) => {
    const url = await startNestServer(ctx, PingModule);
    const r = await ctx.httpLoad({ url: `${url}/ping`, connections: 50, durationS: seconds(ctx.quick) });
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
    return { value: r.reqPerSec, unit: 'req/s', extra: { requests: r.total, latencyMs: r.latencyMs } };
  },
});

registerBench({
  name: 'http-pk-select',
  kind: 'raw',
  description: 'req/s of a NestJS + Fastify endpoint doing one primary-key SELECT (mysql2 pool) on a 10,000-row table, autocannon 50 connections',
  run: async (ctx) => {
    const table = await scratchTable(ctx, 'bench_http_rows', `
      id INT UNSIGNED NOT NULL, code VARCHAR(10) NOT NULL, name VARCHAR(200) NOT NULL, level VARCHAR(10) NOT NULL, PRIMARY KEY (id)`);
    for (let start = 1; start <= ROWS; start += 1000) {
      const values = Array.from({ length: 1000 }, (_, k) => [start + k, `K${start + k}`, `Komisi Pemilihan Umum Kabupaten ${start + k}`, 'KABKOTA']);
      await ctx.pool.query(`INSERT INTO ${table} (id, code, name, level) VALUES ${placeholders(1000, 4)}`, values.flat());
    }
    @Module({ controllers: [RowController], providers: [{ provide: POOL, useValue: ctx.pool }] })
    class RowModule {}
    const url = await startNestServer(ctx, RowModule);
    const r = await ctx.httpLoad({ url: `${url}/row`, connections: 50, durationS: seconds(ctx.quick) });
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
    return { value: r.reqPerSec, unit: 'req/s', extra: { requests: r.total, latencyMs: r.latencyMs } };
  },
});
