import { RequestMethod } from '@nestjs/common';
import { Http, startApi } from '@naskah/testing';
import { OpenApiDoc, operationsOf, responseValidator } from './openapi-support';

// Nest's and @nestjs/swagger's metadata keys (their constants modules are not exported)
const METHOD_METADATA = 'method';
const HTTP_CODE_METADATA = '__httpCode__';
const API_RESPONSE_METADATA = 'swagger/apiResponse';

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
    for (const mod of container.getModules().values()) {
      for (const { metatype } of mod.controllers.values()) {
        if (!metatype) continue;
        const proto = metatype.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          routes++;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
          const actual = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200);
          const documented = Object.keys((Reflect.getMetadata(API_RESPONSE_METADATA, handler) as Record<string, unknown> | undefined) ?? {}).filter((s) => /^2\d\d$/.test(s));
          if (!documented.includes(String(actual))) offenders.push(`${metatype.name}.${name}: answers ${actual}, documents ${documented.join(', ') || 'nothing'}`);
        }
      }
    }
    expect(routes).toBe(operationsOf(doc).length);
    expect(offenders).toEqual([]);
  });

  it('documents every error answer as the common error body', () => {
    const offenders = operationsOf(doc).flatMap(({ key, responses }) =>
      Object.entries(responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(([, r]) => r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ApiErrorBody')
        .map(([status]) => `${key} ${status}`),
    );
    expect(offenders).toEqual([]);
    expect(doc.components.schemas.ApiErrorBody).toMatchObject({ required: expect.arrayContaining(['statusCode', 'code', 'message']) });
    // every operation that needs a token says it may answer 401
    const secured = operationsOf(doc).filter(({ path }) => !/^\/(health|api\/verify|api\/auth\/(login|refresh|logout))/.test(path));
    expect(secured.filter(({ responses }) => !responses['401']).map((o) => o.key)).toEqual([]);
  });

  it('names its enums, so the generated client gets named unions', () => {
    for (const name of [
      'SecurityClass', 'Urgency', 'LetterStatus', 'DeliveryStatus', 'DispositionStatus', 'DossierStatus', 'ProposalKind', 'ProposalStatus', 'FinalAction',
      'RecipientKind', 'ArrivedBy', 'Role', 'PositionKind', 'NotificationType', 'ApprovalStep', 'HoldStatus', 'PreparedStatus',
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
