import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActingPositionsCache, Principal, StreamTickets } from '@naskah/identity';
import { NotificationHub, NotificationsService, NotificationView } from '@naskah/notification';
import { LetterAccessService } from '@naskah/correspondence';
import { CurrentPrincipal } from '../common/principal.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AcceptsStreamTicket } from '../auth/stream-ticket.decorator';
import { NotificationQueryDto, StreamQueryDto, StreamTicketDto } from './notification.dto';
import { ApiErrors } from '../common/api-errors';
import { NotificationList, NotificationView as NotificationDoc, ReadAllResult } from './dto/notification.view';

const HEARTBEAT_MS = 25_000;
/** Work-queue hints arriving together (a circular, a batch of approvals) become one `worklist-changed`. */
const WORKLIST_COALESCE_MS = 250;

/** The caller's notifications: list with unread count, mark read, and a server-sent events stream. */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('api/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly hub: NotificationHub,
    private readonly tickets: StreamTickets,
    private readonly access: LetterAccessService,
    private readonly acting: ActingPositionsCache,
  ) {}

  @Get()
  @ApiOkResponse({ type: NotificationList })
  @ApiErrors(400)
  list(@CurrentPrincipal() p: Principal, @Query() q: NotificationQueryDto) {
    return this.notifications.list(p, q);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllResult })
  readAll(@CurrentPrincipal() p: Principal) {
    return this.notifications.markAllRead(p);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDoc })
  @ApiErrors(400, 404)
  read(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.notifications.markRead(p, id);
  }

  /**
   * A single-use ticket for `GET /api/notifications/stream?ticket=` (valid 60 s, consumed by the
   * first request): a browser's EventSource cannot send the Authorization header, and the access
   * token never goes into a URL (proxies log request lines). The stream it opens ends when the
   * access token used here expires.
   */
  @Post('stream-ticket')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StreamTicketDto })
  streamTicket(@Req() req: FastifyRequest & AuthenticatedRequest): Promise<StreamTicketDto> {
    const c = req.accessClaims;
    return this.tickets.issue({ ...c, exp: Number(c.exp) });
  }

  /**
   * text/event-stream: `event: notification` with the notification as data (id = notification id),
   * `event: ready` with the unread count once connected, a comment every 25 s. Authenticated by the
   * Authorization header or, for EventSource, by `?ticket=` (POST stream-ticket first, a new ticket
   * for each connection); on reconnect (Last-Event-ID header or `?lastEventId=`) what was missed is
   * sent first. The stream lives no longer than the access token behind it: at its expiry the server
   * sends `event: expired` and closes; the client refreshes its token, asks for a ticket and
   * reconnects with the last event id. Nor does it outlive the session: once the user signs out,
   * changes their password, is deactivated or moved, it sends `event: expired` with the code
   * SESSION_REVOKED before anything more and closes. `event: worklist-changed` (data `{}`) says the caller's work
   * queues changed (something new waits, or an item left a queue): re-fetch GET /api/worklist.
   */
  @Get('stream')
  @AcceptsStreamTicket()
  @ApiOperation({ summary: 'Server-sent events: notifikasi baru seketika' })
  @ApiOkResponse({ description: 'Server-sent events: `notification` (data: NotificationView), `ready` (data: {unreadCount}), `expired`; a comment every 25 s', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors(400, 503)
  async stream(@CurrentPrincipal() p: Principal, @Query() q: StreamQueryDto, @Req() req: FastifyRequest & AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const raw = reply.raw;
    const claims = req.accessClaims;
    const exp = Number(claims.exp); // seconds since the epoch, of the token (or of the token behind the ticket)
    const sent = new Set<string>();
    // the session behind the stream may end while it is open (sign-out, a password change, the user
    // deactivated or moved): the same check as every request (AuthGuard), from the same cache, made
    // before anything more is written — then the stream says so and ends
    let ended = false;
    const sessionEnded = async () => {
      const state = await this.acting.of(claims.sub, claims.pos).catch(() => null);
      return state !== null && (!state.active || state.sessionVersion !== claims.sv);
    };
    const endRevoked = () => {
      if (ended) return;
      ended = true;
      write(`event: expired\ndata: ${JSON.stringify({ code: 'SESSION_REVOKED', message: 'Sesi telah diakhiri; silakan masuk lagi' })}\n\n`);
      raw.end();
    };
    // notifications are written in order, each after the session check
    let writing: Promise<void> = Promise.resolve();
    // the newest notification id this stream has accounted for: what it sent, or what existed when it opened
    let upTo: bigint | null = null;
    let open = false;
    const early: NotificationView[] = [];
    const write = (chunk: string) => {
      if (!raw.writableEnded && !raw.destroyed) raw.write(chunk);
    };
    const send = (n: NotificationView) => {
      if (!open) return void early.push(n);
      writing = writing.then(async () => {
        if (ended || sent.has(n.id)) return;
        if (await sessionEnded()) return endRevoked();
        sent.add(n.id);
        if (upTo === null || BigInt(n.id) > upTo) upTo = BigInt(n.id);
        write(`id: ${n.id}\nevent: notification\ndata: ${JSON.stringify(n)}\n\n`);
      });
    };
    // Subscribe before answering: if Redis is down the error filter still answers 503.
    // after the API's bus subscriber was away (Redis restart, Sentinel failover) the hub asks each
    // stream to catch up from the list: what was stored after the newest id it accounted for
    let catchingUp = false;
    const catchUp = async () => {
      if (upTo === null || catchingUp || raw.destroyed) return;
      catchingUp = true;
      try {
        for (const n of await this.notifications.since(p.userId, String(upTo))) send(n);
      } finally {
        catchingUp = false;
      }
    };
    const unsubscribe = await this.hub.subscribe(p.userId, send, () => raw.end(), catchUp);
    let hinted: NodeJS.Timeout | null = null;
    const unwatch = await this.hub.watchWorklist({
      userId: p.userId,
      positionIds: (await this.access.viewerOf(p)).positionIds,
      officeWideOf: p.roles.includes('REGISTRAR') || p.roles.includes('ARCHIVIST') ? p.officeId : null,
      onChange: () => {
        if (!open || hinted) return;
        hinted = setTimeout(() => {
          hinted = null;
          void sessionEnded().then((yes) => (yes ? endRevoked() : write('event: worklist-changed\ndata: {}\n\n')));
        }, WORKLIST_COALESCE_MS);
      },
    });
    reply.hijack();
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    open = true;
    write('retry: 5000\n\n');
    const heartbeat = setInterval(() => void sessionEnded().then((yes) => (yes ? endRevoked() : write(': keep-alive\n\n'))), HEARTBEAT_MS);
    const expiry = Number.isFinite(exp)
      ? setTimeout(() => {
          write(`event: expired\ndata: ${JSON.stringify({ code: 'TOKEN_EXPIRED', message: 'Token akses kedaluwarsa; sambungkan ulang dengan token baru' })}\n\n`);
          raw.end();
        }, Math.max(0, exp * 1000 - Date.now()))
      : null;
    raw.on('close', () => {
      clearInterval(heartbeat);
      if (expiry) clearTimeout(expiry);
      if (hinted) clearTimeout(hinted);
      unsubscribe();
      unwatch();
    });
    try {
      const last = String(req.headers['last-event-id'] ?? q.lastEventId ?? '');
      const latest = await this.notifications.latestId(p.userId);
      if (/^\d{1,19}$/.test(last)) for (const n of await this.notifications.since(p.userId, last)) send(n);
      for (const n of early.splice(0)) send(n);
      await writing;
      if (ended) return;
      if (upTo === null || BigInt(latest) > upTo) upTo = BigInt(latest);
      write(`event: ready\ndata: ${JSON.stringify({ unreadCount: await this.notifications.unreadCount(p.userId) })}\n\n`);
    } catch {
      raw.end();
    }
  }
}
