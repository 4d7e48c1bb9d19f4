import { RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** A caller's x-request-id when it is sane (it goes into logs), otherwise a fresh UUID. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? header : randomUUID();
}

/**
 * Fastify options for the request id: Fastify assigns it (pino-http and every log line reuse it),
 * from a sane x-request-id or a UUID, never the per-process counter 'req-1' that repeats across replicas.
 */
export const fastifyRequestIdOptions = {
  requestIdHeader: false as const,
  genReqId: (req: { headers: Record<string, unknown> }) => requestIdFrom(req.headers['x-request-id']),
};

/** Fastify onRequest hook: answers every request with its id, so a user can quote it. */
export function echoRequestId(req: { id: string }, reply: { header(name: string, value: string): unknown }, done: () => void): void {
  reply.header('x-request-id', req.id);
  done();
}

/** A URL as it may be logged: a token or stream ticket in the query string is hidden. */
export function withoutSecrets(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:access_token|token|refresh_token|ticket)=)[^&#]*/gi, '$1[hidden]');
}

/** pino options shared by both apps: JSON logs, a request id per request (x-request-id honoured), never bodies. */
export function loggerParams(config: AppConfig, app: 'api' | 'worker'): Params {
  return {
    // nestjs-pino's default route pattern ('{/*splat}') matches nothing under Nest 12 + Fastify,
    // which left every request without a log line and a request id; this one matches every path.
    forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { app },
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: withoutSecrets(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Under Fastify's middleware layer req.url is rewritten relative to the mount; originalUrl is the real path.
      autoLogging: { ignore: (req) => ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '').startsWith('/health') },
    },
  };
}
