import { RequestMethod } from '@nestjs/common';
import { JobName } from '@naskah/queue';
import { Http, startApi } from '@naskah/testing';
import { OpenApiDoc, operationsOf, responseValidator } from './openapi-support';

// Nest's and @nestjs/swagger's metadata keys (their constants modules are not exported)
const METHOD_METADATA = 'method';
const HTTP_CODE_METADATA = '__httpCode__';
const API_RESPONSE_METADATA = 'swagger/apiResponse';
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';
const API_EXCLUDE_ENDPOINT = 'swagger/apiExcludeEndpoint';

/**
 * Routes deliberately left out of the document: not for the web app's client.
 *  - GET /metrics answers the Prometheus text format to the installation's scraper only.
 */
const EXCLUDED_ROUTES = ['MetricsController.scrape'];

/**
 * Error statuses that answer a body other than ApiErrorBody, each with the schema it documents:
 *  - GET /health/pipeline answers 503 when the pipeline is LATE or UNKNOWN with the very status body
 *    of its 200 (verdict, outbox, queues), so an operator or a monitor reads why from one shape;
 *    it is a report, not an error.
 */
const OTHER_ERROR_BODIES: Record<string, string> = {
  'GET /health/pipeline 503': '#/components/schemas/PipelineStatusDto',
};

/**
 * The web app's client and types are generated from the OpenAPI document, so every operation
 * must say what it answers: a JSON schema, a file's content types, or 204. These checks read the
 * document the running API serves and the routes Nest registered, and list every offender.
 */
describe('OpenAPI: every operation documents its answer', () => {
  let http: Http;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    http = await startApi();
    const res = await http.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => http.close());

  it('gives every operation a 2xx answer with a schema or a content type (204: no body)', () => {
    const ops = operationsOf(doc);
    const offenders = ops
      .filter(({ responses }) => {
        const ok = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
        if (!ok.length) return true;
        return !ok.some(([status, r]) => status === '204' || Object.values(r.content ?? {}).some((media) => media.schema && Object.keys(media.schema).length > 0));
      })
      .map((o) => o.key);
    expect(offenders).toEqual([]);
    // the count, for the record (issue 13); new endpoints only raise it
    expect(ops.length).toBeGreaterThanOrEqual(128);
  });

  it('documents the success status each route really answers with', () => {
    const offenders: string[] = [];
    const container = (http.app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: (new (...a: never[]) => unknown) | null }> }> } }).container;
    let routes = 0;
    const excluded: string[] = [];
    for (const mod of container.getModules().values()) {
      for (const { metatype } of mod.controllers.values()) {
        if (!metatype) continue;
        const proto = metatype.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          const excludedController = (Reflect.getMetadata(API_EXCLUDE_CONTROLLER, metatype) as boolean[] | undefined)?.[0] === true;
          const excludedEndpoint = (Reflect.getMetadata(API_EXCLUDE_ENDPOINT, handler) as { disable?: boolean } | undefined)?.disable === true;
          if (excludedController || excludedEndpoint) {
            excluded.push(`${metatype.name}.${name}`);
            continue;
          }
          routes++;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
          const actual = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200);
          const documented = Object.keys((Reflect.getMetadata(API_RESPONSE_METADATA, handler) as Record<string, unknown> | undefined) ?? {}).filter((s) => /^2\d\d$/.test(s));
          if (!documented.includes(String(actual))) offenders.push(`${metatype.name}.${name}: answers ${actual}, documents ${documented.join(', ') || 'nothing'}`);
        }
      }
    }
    expect(excluded.sort()).toEqual(EXCLUDED_ROUTES);
    expect(routes).toBe(operationsOf(doc).length);
    expect(offenders).toEqual([]);
  });

  it('documents every error answer as the common error body', () => {
    const offenders = operationsOf(doc).flatMap(({ key, responses }) =>
      Object.entries(responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(([status, r]) => r.content?.['application/json']?.schema?.$ref !== (OTHER_ERROR_BODIES[`${key} ${status}`] ?? '#/components/schemas/ApiErrorBody'))
        .map(([status]) => `${key} ${status}`),
    );
    expect(offenders).toEqual([]);
    expect(doc.components.schemas.ApiErrorBody).toMatchObject({ required: expect.arrayContaining(['statusCode', 'code', 'message']) });
    // every operation that needs a token says it may answer 401
    const secured = operationsOf(doc).filter(({ path }) => !/^\/(health|api\/verify|api\/auth\/(login|refresh|logout))/.test(path));
    expect(secured.filter(({ responses }) => !responses['401']).map((o) => o.key)).toEqual([]);
  });

  it('keeps the one other error body true: GET /health/pipeline answers 503 LATE with its status body', async () => {
    // an outbox row written long ago and never relayed (no worker runs here; a harmless job if it ever is)
    const res = await http.ds.query(
      "INSERT INTO outbox (queue, job_name, job_id, payload, created_at) VALUES ('maintenance', ?, ?, '{}', CURRENT_TIMESTAMP(3) - INTERVAL 1 DAY)",
      [JobName.OUTBOX_PURGE, `${JobName.OUTBOX_PURGE}_openapi-${Date.now().toString(36)}`],
    );
    try {
      const late = await http.request('GET', '/health/pipeline');
      expect([late.status, late.body.verdict]).toEqual([503, 'LATE']);
      const validate = responseValidator(doc).forResponse('GET', '/health/pipeline', 503)!;
      expect({ valid: validate(late.body), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
    } finally {
      await http.ds.query('DELETE FROM outbox WHERE id = ?', [res.insertId]);
    }
  });

  it('names its enums, so the generated client gets named unions', () => {
    for (const name of [
      'SecurityClass', 'Urgency', 'LetterStatus', 'DeliveryStatus', 'DispositionStatus', 'DossierStatus', 'ProposalKind', 'ProposalStatus', 'FinalAction',
      'RecipientKind', 'ArrivedBy', 'Role', 'PositionKind', 'NotificationType', 'ApprovalStep', 'HoldStatus', 'PreparedStatus',
      'TrackingStatus', 'WorkQueue', 'WorkItemKind', 'WorkSort', 'RoutingMode', 'RoutingRelation', 'CounterDimension', 'NumberTemplateSource', 'PipelineVerdict', 'QueueName',
    ]) {
      expect({ name, schema: doc.components.schemas[name] }).toEqual({ name, schema: expect.objectContaining({ type: 'string', enum: expect.any(Array) }) });
    }
    expect(doc.components.schemas.SecurityClass.enum).toEqual(['B', 'T', 'R', 'SR']);
    expect(doc.components.schemas.DispositionStatus.enum).toEqual(['UNREAD', 'READ', 'IN_PROGRESS', 'DONE', 'CANCELLED']);
  });

  it('has schemas a JSON-schema validator compiles, with every $ref resolved', () => {
    expect(responseValidator(doc).compileAll()).toEqual([]);
  });
});
