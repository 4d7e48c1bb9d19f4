import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NotificationHub, PositionNotifier } from '@naskah/notification';
import { AuthService, jakartaToday } from '@naskah/identity';
import { OutboxService, REDIS } from '@naskah/queue';
import type IORedis from 'ioredis';
import { Http, startApi } from '@naskah/testing';
import { openNotificationStream, openStream, streamTicket } from '../../libs/testing/src/sse-client';
import { createWorker } from '../../apps/worker/src/main';
import { forgetOldDispositionJobs, notificationArrives, notificationsOf, receivedLetter } from '../../libs/testing/src/disposition-fixture';
import { eventually, positionIdOf, userIdOf } from '../../libs/testing/src/letters-fixture';

/**
 * Notifications: per-user list with unread count, mark read, the SSE stream (a new disposition
 * reaches an open page through the worker and Redis pub/sub), catch-up after a reconnect, the
 * position notifier other contexts can call, and a Plh receiving what the position receives.
 * Works at KPU Kabupaten Sumbawa (5204) so the other suites' NTB users are left alone.
 */
describe('notifications: list, SSE stream, position notifier', () => {
  let http: Http;
  let worker: INestApplicationContext;
  let port: number;
  let deliveryId: string;
  const letters: string[] = [];
  const pos: Record<string, number> = {};
  const call = async (user: string, method: string, url: string, body?: unknown) => http.request(method, url, { token: await http.login(user), body });

  beforeAll(async () => {
    http = await startApi();
    await forgetOldDispositionJobs(http.app);
    worker = await createWorker();
    await worker.init();
    await http.app.listen(0, '127.0.0.1');
    port = (http.app.getHttpServer().address() as AddressInfo).port;
    for (const code of ['KETUA', 'SEKRETARIS', 'KASUBBAG-KUL', 'KASUBBAG-TPH']) pos[code] = await positionIdOf(http.ds, '5204', code);
    // one letter per test: a second open disposition to the same position on one letter is refused (issue 11, item 3)
    for (let i = 0; i < 12; i++) letters.push((await receivedLetter(http, { office: '5204', position: 'KETUA' }, { subject: `Surat untuk notifikasi ${i + 1}` })).deliveryId);
  });
  beforeEach(() => {
    deliveryId = letters.shift()!;
  });
  afterAll(async () => {
    await worker.close();
    await http.close();
  });

  it('streams a new disposition to the recipient’s open page at once', async () => {
    const token = await http.login('sekretaris.5204');
    expect((await http.request('GET', '/api/notifications/stream')).status).toBe(401);
    const stream = await openNotificationStream(port, token);
    try {
      expect(stream.res.statusCode).toBe(200);
      expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
      await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
      const issued = await call('ketua.5204', 'POST', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['PELAJARI'], workingDays: 3 });
      expect(issued.status).toBe(201);
      const e = await eventually(async () => stream.events.find((x) => x.event === 'notification' && x.data.payload.dispositionId === issued.body[0].id), 'the notification on the stream', 10_000);
      expect(e.data).toMatchObject({ type: 'DISPOSITION_NEW', readAt: null, payload: { from: 'Ketua', letterId: expect.any(String), deliveryId } });
      expect(e.id).toBe(e.data.id);
      expect(http.app.get(NotificationHub).streamCount).toBe(1);
    } finally {
      stream.close();
    }
    await eventually(async () => (http.app.get(NotificationHub).streamCount === 0 ? true : undefined), 'the stream to be released');
  });

  it('takes no access token in a URL: the stream opens with a single-use ticket, which works once and nowhere else', async () => {
    const token = await http.login('sekretaris.5204');
    // ?access_token= is refused on the stream and on every other GET (proxies log request lines)
    for (const url of ['/api/notifications/stream', '/api/notifications', '/api/me']) {
      const res = await http.request('GET', `${url}?access_token=${encodeURIComponent(token)}`);
      expect({ url, status: res.status }).toEqual({ url, status: 401 });
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    expect((await openStream(port, `/api/notifications/stream?access_token=${encodeURIComponent(token)}`)).res.statusCode).toBe(401);
    const ticketRes = await http.request('POST', '/api/notifications/stream-ticket', { token });
    expect(ticketRes.status).toBe(201);
    expect(ticketRes.body).toEqual({ ticket: expect.stringMatching(/^[\w-]{43}$/), expiresIn: 60 });
    expect(ticketRes.body.ticket).not.toContain(token.split('.')[1]);
    expect((await http.request('POST', '/api/notifications/stream-ticket')).status).toBe(401); // asking needs the Bearer token
    // a ticket opens nothing but the stream (and is not spent by trying)
    expect((await http.request('GET', `/api/notifications?ticket=${ticketRes.body.ticket}`)).status).toBe(401);
    const stream = await openStream(port, `/api/notifications/stream?ticket=${ticketRes.body.ticket}`);
    try {
      expect(stream.res.statusCode).toBe(200);
      await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
      const again = await openStream(port, `/api/notifications/stream?ticket=${ticketRes.body.ticket}`);
      expect(again.res.statusCode).toBe(401);
      again.close();
      const unknown = await http.request('GET', `/api/notifications/stream?ticket=${(await streamTicket(port, token)).replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))}`);
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe('INVALID_STREAM_TICKET');
    } finally {
      stream.close();
    }
    await eventually(async () => (http.app.get(NotificationHub).streamCount === 0 ? true : undefined), 'the stream to be released');
  });

  it('catches up after a reconnect from the last event id, and sends only the caller’s own notifications', async () => {
    const token = await http.login('sekretaris.5204');
    const mine = await notificationsOf(http.ds, 'sekretaris.5204');
    const last = mine[mine.length - 1].id; // the oldest
    const stream = await openNotificationStream(port, token, { 'last-event-id': String(Number(last) - 1) });
    try {
      await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
      expect(stream.events.filter((e) => e.event === 'notification').map((e) => e.id)).toEqual(mine.map((n) => n.id).reverse());
      const other = await call('ketua.5204', 'POST', '/api/dispositions', { deliveryId, recipientPositionIds: [pos['KASUBBAG-KUL']], instructionCodes: ['PELAJARI'] });
      await notificationArrives(http.ds, 'kasubbag.umum.5204', 'DISPOSITION_NEW', other.body[0].id);
      expect(stream.events.some((e) => e.data?.payload?.dispositionId === other.body[0].id)).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('lists my notifications with the unread count and marks them read', async () => {
    const list = await call('sekretaris.5204', 'GET', '/api/notifications');
    expect(list.status).toBe(200);
    expect(list.body.unreadCount).toBeGreaterThanOrEqual(1);
    const first = list.body.items[0];
    const read = await call('sekretaris.5204', 'POST', `/api/notifications/${first.id}/read`);
    expect(read.body.readAt).not.toBeNull();
    expect((await call('sekretaris.5204', 'GET', '/api/notifications')).body.unreadCount).toBe(list.body.unreadCount - 1);
    expect((await call('ketua.5204', 'POST', `/api/notifications/${first.id}/read`)).status).toBe(404); // someone else's
    expect((await call('sekretaris.5204', 'GET', '/api/notifications?unread=true')).body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    expect((await call('sekretaris.5204', 'POST', '/api/notifications/read-all')).body.unreadCount).toBe(0);
    expect((await call('sekretaris.5204', 'GET', '/api/notifications')).body.unreadCount).toBe(0);
    expect((await call('sekretaris.5204', 'GET', '/api/notifications?limit=1000')).status).toBe(400);
  });

  it('notifies whoever acts for a position once, through the outbox, however often it is replayed (for other contexts, e.g. a new letter in an inbox)', async () => {
    const notifier = http.app.get(PositionNotifier);
    const key = `delivery-${deliveryId}`;
    const write = () => http.ds.transaction((em) => notifier.notifyLater(em, { positionIds: [pos.KETUA], type: 'LETTER_RECEIVED', ref: { deliveryId }, key }));
    await write();
    await http.app.get(OutboxService).relay();
    // (the dispatch job has told ketua.5204 about this delivery too, under its own key: look at this key only)
    const mine = async () => (await notificationsOf(http.ds, 'ketua.5204', 'LETTER_RECEIVED')).filter((x) => x.dedupe_key === `LETTER_RECEIVED-${key}`);
    const [n] = await eventually(async () => ((await mine()).length ? mine() : undefined), 'LETTER_RECEIVED');
    expect(n.payload.deliveryId).toBe(deliveryId);
    expect(n.payload.title).toBe('Surat masuk baru');
    await write(); // the same key again: one outbox row
    await http.ds.query('UPDATE outbox SET sent_at = NULL WHERE job_id = ?', [`notify-positions_${key}`]);
    await eventually(async () => (Number((await http.ds.query('SELECT attempts FROM outbox WHERE job_id = ? AND sent_at IS NOT NULL', [`notify-positions_${key}`]))[0]?.attempts) === 2 ? true : undefined), 'relayed again');
    expect(await mine()).toHaveLength(1);
  });

  it('ends open streams when an API process shuts down (so it can stop), and answers 401 without a token', async () => {
    const other = await startApi();
    await other.app.listen(0, '127.0.0.1');
    const otherPort = (other.app.getHttpServer().address() as AddressInfo).port;
    expect((await openStream(otherPort, '/api/notifications/stream')).res.statusCode).toBe(401);
    const stream = await openNotificationStream(otherPort, await other.login('ketua.5204'));
    await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
    const ended = new Promise<void>((resolve) => stream.res.on('end', () => resolve()));
    const t0 = Date.now();
    await other.close();
    await ended;
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('closes a stream when the token that opened it expires (event: expired); the client reconnects with a fresh token and misses nothing', async () => {
    const jwt = http.app.get(JwtService);
    const { iat: _iat, exp: _exp, ...claims } = jwt.decode(await http.login('sekretaris.5204'));
    const short = await jwt.signAsync(claims, { secret: http.app.get(AuthService).prepareKey() as never, expiresIn: 2, algorithm: 'HS256' });
    const expiresAt = jwt.decode(short).exp * 1000;
    const stream = await openNotificationStream(port, short);
    expect(stream.res.statusCode).toBe(200);
    await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
    const long = await openNotificationStream(port, await http.login('sekretaris.5204'));
    try {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stream.ended, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the stream outlived its token')), expiresAt - Date.now() + 3000)))]).finally(() => clearTimeout(timer));
      const closedAt = Date.now();
      expect(closedAt).toBeGreaterThanOrEqual(expiresAt - 50);
      expect(closedAt).toBeLessThan(expiresAt + 1500);
      expect(stream.events[stream.events.length - 1]).toMatchObject({ event: 'expired', data: { code: 'TOKEN_EXPIRED' } });
      expect(long.res.complete).toBe(false); // a stream opened with a valid token stays open
      expect(http.app.get(NotificationHub).streamCount).toBe(1);
      // no ticket for the expired token; with a fresh token's ticket, from the last event id, it works
      expect((await http.request('POST', '/api/notifications/stream-ticket', { token: short })).status).toBe(401);
      const lastSeen = (await notificationsOf(http.ds, 'sekretaris.5204'))[0]?.id ?? '0';
      const [d] = (await call('ketua.5204', 'POST', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['PELAJARI'] })).body;
      await notificationArrives(http.ds, 'sekretaris.5204', 'DISPOSITION_NEW', d.id); // while no stream of sekretaris.5204 was open
      const again = await openNotificationStream(port, await http.login('sekretaris.5204'), { 'last-event-id': lastSeen });
      try {
        await eventually(async () => (again.events.some((e) => e.event === 'notification' && e.data.payload.dispositionId === d.id) ? true : undefined), 'the missed notification');
      } finally {
        again.close();
      }
    } finally {
      stream.close();
      long.close();
    }
  });

  it('catches up on an open stream what was stored while the API’s bus subscriber was away (pub/sub keeps nothing for an absent subscriber: a Redis restart or failover)', async () => {
    const stream = await openNotificationStream(port, await http.login('sekretaris.5204'));
    try {
      await eventually(async () => (stream.events.some((e) => e.event === 'ready') ? true : undefined), 'the ready event');
      // a notification stored whose bus message never reached this API (published while its subscriber was reconnecting)
      const userId = await userIdOf(http.ds, 'sekretaris.5204');
      const key = `test-bus-gap-${Date.now()}`;
      const res = await http.ds.query('INSERT INTO notifications (user_id, type, payload, dedupe_key, created_at) VALUES (?, ?, ?, ?, NOW(3))', [
        userId, 'LETTER_RECEIVED', JSON.stringify({ title: 'Surat masuk baru', deliveryId }), key,
      ]);
      const id = String(res.insertId);
      const arrived = () => stream.events.filter((e) => e.event === 'notification' && e.id === id);
      await new Promise((r) => setTimeout(r, 700));
      expect(arrived()).toHaveLength(0); // nothing told the stream yet
      const worklistBefore = stream.events.filter((e) => e.event === 'worklist-changed').length;
      // the subscriber's connection drops (as when Redis restarts) and ioredis reconnects it
      const redis = http.app.get<IORedis>(REDIS);
      const list = String(await redis.client('LIST'));
      const line = list.split('\n').find((l) => l.includes(`name=naskah-notification-bus-${process.pid} `));
      expect(line).toBeDefined();
      await redis.client('KILL', 'ID', /\bid=(\d+)/.exec(line!)![1]);
      await eventually(async () => (arrived().length ? true : undefined), 'the missed notification on the open stream after the subscriber came back', 10_000);
      await eventually(async () => (stream.events.filter((e) => e.event === 'worklist-changed').length > worklistBefore ? true : undefined), 'a worklist-changed hint after the subscriber came back');
      await new Promise((r) => setTimeout(r, 300));
      expect(arrived()).toHaveLength(1); // once
      expect(arrived()[0].data).toMatchObject({ id, type: 'LETTER_RECEIVED', payload: { deliveryId } });
    } finally {
      stream.close();
    }
  });

  it('lets a Plh act for the position and notifies them with its holder', async () => {
    const admin = await http.login('admin');
    const today = jakartaToday(new Date());
    const plh = await http.request('POST', '/api/admin/delegations', {
      token: admin, body: { userId: await userIdOf(http.ds, 'kasubbag.teknis.5204'), positionId: pos.SEKRETARIS, kind: 'PLH', startsOn: today, endsOn: today, reason: 'dinas luar' },
    });
    expect(plh.status).toBe(201);
    try {
      const [d] = (await call('ketua.5204', 'POST', '/api/dispositions', { deliveryId, recipientPositionIds: [pos.SEKRETARIS], instructionCodes: ['TINDAK_LANJUTI'], workingDays: 2 })).body;
      await notificationArrives(http.ds, 'sekretaris.5204', 'DISPOSITION_NEW', d.id);
      await notificationArrives(http.ds, 'kasubbag.teknis.5204', 'DISPOSITION_NEW', d.id);
      const child = await call('kasubbag.teknis.5204', 'POST', `/api/dispositions/${d.id}/dispositions`, { recipientPositionIds: [pos['KASUBBAG-KUL']], instructionCodes: ['PELAJARI'] });
      expect(child.status).toBe(201);
      expect(child.body[0]).toMatchObject({ author: { id: pos.SEKRETARIS, capacity: 'PLH', userName: expect.stringContaining('Kasubbag') }, deadline: expect.any(String) });
      const [audit] = await http.ds.query("SELECT capacity, actor_position_id FROM audit_events WHERE action = 'DISPOSITION_ISSUED' AND JSON_VALUE(after_state, '$.dispositionId') = ?", [child.body[0].id]);
      expect(audit).toMatchObject({ capacity: 'PLH', actor_position_id: pos.SEKRETARIS });
    } finally {
      await http.request('DELETE', `/api/admin/delegations/${plh.body.id}`, { token: admin });
    }
  });
});
