import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import fastifyMultipart from '@fastify/multipart';
import { AppConfig, createValidationPipe, echoRequestId, ErrorFilter, fastifyRequestIdOptions, loadConfig } from '@naskah/core';
import { ApiModule } from './api.module';
import { DOCS_PATH, registerHttpSecurity } from './common/http-security';
import { JsonBodyInterceptor } from './common/json-body.interceptor';
import { registerWebUi } from './common/web-app';
import { MULTIPART_LIMITS } from './correspondence/multipart-form';
import { withLetterContentSchemas } from './correspondence/dto/letter-content.schemas';

/** Builds the API application (also used by tests, so they run exactly what production runs). */
export async function createApi(opts: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: loadConfig().TRUST_PROXY === 'true', bodyLimit: 2 * 1024 * 1024, ...fastifyRequestIdOptions });
  adapter.getInstance().addHook('onRequest', echoRequestId);
  closeConnectionsWhileClosing(adapter);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true, logger: opts.logger === false ? false : undefined });
  const config = app.get(AppConfig);
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new JsonBodyInterceptor());
  app.useGlobalFilters(new ErrorFilter());
  // SIGTERM/SIGINT/SIGHUP: new requests get 503 and no new connections are accepted, requests in flight are
  // answered, then Redis and the pool close and the process exits 0 (useProcessExit: not re-raising the signal)
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
  await registerHttpSecurity(app.getHttpAdapter().getInstance());
  await app.register(fastifyMultipart as never, { limits: { ...MULTIPART_LIMITS, fileSize: config.UPLOAD_MAX_BYTES } });
  await registerWebUi(app.getHttpAdapter().getInstance());

  // API_DOCS (default: on outside production): the Swagger UI and the OpenAPI document, or neither (404).
  if (config.apiDocsEnabled) {
    // validatorUrl: no badge fetched from validator.swagger.io (the CSP allows this origin only).
    SwaggerModule.setup(DOCS_PATH.slice(1), app, () => createOpenApiDocument(app), { swaggerOptions: { validatorUrl: null } });
  }
  return app;
}

/**
 * Graceful shutdown (SIGTERM): Node's server.close() drops the keep-alive connections idle at that
 * moment, but a connection whose request was still in flight stays open after its answer until the
 * keep-alive timeout (72 s in Fastify), holding the shutdown. Once the server is closing, every answer
 * says `Connection: close`, so such a connection ends with its answer.
 */
function closeConnectionsWhileClosing(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}

/** The OpenAPI document of the API (served at /api/docs; dumped by scripts/openapi.ts for the web client). */
export function createOpenApiDocument(app: INestApplication) {
  const doc = new DocumentBuilder()
    .setTitle('Naskah API')
    .setDescription('Korespondensi, disposisi dan retensi arsip KPU. Semua endpoint memerlukan token Bearer kecuali yang ditandai publik.')
    .setVersion('0.1')
    .addBearerAuth()
    .build();
  return withLetterContentSchemas(SwaggerModule.createDocument(app, doc));
}
