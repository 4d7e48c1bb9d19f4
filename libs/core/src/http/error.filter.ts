import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, KIND_STATUS } from '../errors/domain-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN', 'ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_DEADLOCK', 'POOL_CLOSED', 'ENOTCONN',
]);

/** ioredis gives up on a command with errors that carry no code; they mean Redis is unreachable. */
function isRedisUnavailable(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return e?.name === 'MaxRetriesPerRequestError' || /^(Connection is closed|Stream isn't writeable|Reached the max retries per request limit)/.test(String(e?.message ?? ''));
}

function errCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const c = e?.driverError?.code ?? e?.code;
  return typeof c === 'string' ? c : undefined;
}

/**
 * What of an unexpected error goes to the log: its kind, message, code, SQL and stack, but never a
 * failed query's parameters (a password hash, a letter's text).
 */
export function loggable(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; query?: unknown; driverError?: { code?: unknown; errno?: unknown } };
  return { type: e.name, message: e.message, code: errCode(err), query: typeof e.query === 'string' ? e.query : undefined, stack: e.stack };
}

/** Maps any thrown error to one JSON shape: domain kinds to their status, infrastructure loss to 503, the rest to 500 with an id found in the log. */
export function toErrorBody(err: unknown, logger?: Logger): ErrorBody {
  if (err instanceof DomainError) {
    return { statusCode: KIND_STATUS[err.kind], code: err.code, message: err.message, details: err.details };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse() as string | { message?: unknown; code?: string };
    const raw = typeof res === 'string' ? res : Array.isArray(res.message) ? res.message.join('; ') : String(res.message ?? err.message);
    // "Cannot GET /path?query": never echo a query string (it may carry a credential someone put in a URL)
    const message = status === 404 ? raw.replace(/^(Cannot [A-Z]+ [^?\s]*)\?\S*/, '$1') : raw;
    return { statusCode: status, code: (typeof res === 'object' && res.code) || httpCode(status), message, details: extraOf(res) };
  }
  const fastifyStatus = (err as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const code = errCode(err) ?? httpCode(fastifyStatus);
    const message = fastifyStatus === 413 ? 'Ukuran permintaan terlalu besar (payload too large)' : String((err as Error).message);
    return { statusCode: fastifyStatus, code, message };
  }
  const code = errCode(err);
  if ((code && UNAVAILABLE_CODES.has(code)) || isRedisUnavailable(err)) {
    logger?.warn({ code, msg: (err as Error).message }, 'infrastructure unavailable');
    return { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Layanan sementara tidak tersedia, coba lagi (service unavailable, retry)' };
  }
  const errorId = randomUUID();
  logger?.error({ errorId, err: loggable(err) }, 'unhandled error');
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Terjadi kesalahan internal (internal error)', errorId };
}

/** What an HttpException's body carries beyond status and message (e.g. Terminus' report of which check is down). */
function extraOf(res: unknown): Record<string, unknown> | undefined {
  if (!res || typeof res !== 'object') return undefined;
  const { statusCode: _s, message: _m, code: _c, error, ...rest } = res as Record<string, unknown>;
  const extra = typeof error === 'string' || error === undefined ? rest : { ...rest, error };
  return Object.keys(extra).length ? extra : undefined;
}

function httpCode(status: number): string {
  return (
    { 400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 409: 'CONFLICT', 410: 'GONE', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'UNPROCESSABLE', 429: 'TOO_MANY_REQUESTS', 503: 'SERVICE_UNAVAILABLE' } as Record<number, string>
  )[status] ?? `HTTP_${status}`;
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<{ status(n: number): { send(b: unknown): void }; header(k: string, v: string): unknown; sent?: boolean; raw?: { headersSent?: boolean } }>();
    const body = toErrorBody(exception, this.logger);
    if (reply.sent || reply.raw?.headersSent) return;
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    reply.status(body.statusCode).send(body);
  }
}
