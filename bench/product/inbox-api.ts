import { DEMO_PASSWORD } from '@naskah/identity';
import { registerBench } from '../harness';
import { ensureInboxSeed, INBOX_USER } from '../lib/inbox-seed';
import { countRoundTrips, startProductApi } from '../lib/product-apps';

const seconds = (quick: boolean) => (quick ? 2 : 8);

registerBench({
  name: 'inbox-api-rps',
  kind: 'product',
  description:
    'authenticated req/s on GET /api/inbox (first page of 20) of the real API (createApi: auth guard, validation, InboxService) on the 1,000,000-delivery inbox, Bearer token from POST /api/auth/login, autocannon 50 connections',
  rawOf: 'http-pk-select',
  goal: { ratio: 0.5 },
  late: true,
  timeoutMs: 240_000,
  run: async (ctx) => {
    const seed = await ensureInboxSeed(ctx);
    const { url } = await startProductApi(ctx, { listen: true });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: INBOX_USER, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login ${INBOX_USER}: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };
    const probe = await fetch(`${url}/api/inbox`, { headers });
    const page = (await probe.json()) as { items?: unknown[] };
    if (probe.status !== 200 || page.items?.length !== 20) throw new Error(`GET /api/inbox: ${probe.status}, ${page.items?.length} items`);
    const bytes = Number(probe.headers.get('content-length') ?? 0);
    // round trips to MariaDB per request (auth guard + InboxService), counted over a few sequential requests
    const rt = countRoundTrips(ctx, /^$/);
    rt.on = true;
    for (let i = 0; i < 10; i++) await (await fetch(`${url}/api/inbox`, { headers })).text();
    rt.on = false;
    rt.restore();

    const r = await ctx.httpLoad({ url: `${url}/api/inbox`, connections: 50, durationS: seconds(ctx.quick), headers });
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx answers, ${r.errors} errors`);
    return {
      value: r.reqPerSec,
      unit: 'req/s',
      extra: { requests: r.total, latencyMs: r.latencyMs, roundTripsPerRequest: rt.total / 10, responseBytes: bytes, itemsPerPage: 20, deliveries: seed.deliveries, positionDeliveries: seed.measuredDeliveries },
    };
  },
});
