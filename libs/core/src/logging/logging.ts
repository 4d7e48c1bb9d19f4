import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** pino options shared by both apps: JSON logs, a request id per request (x-request-id honoured), never bodies. */
export function loggerParams(config: AppConfig, app: 'api' | 'worker'): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { app },
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'],
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    },
  };
}
