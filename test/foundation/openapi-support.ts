import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The OpenAPI document's parts these tests read. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document as `METHOD /path`, with its responses. */
export function operationsOf(doc: OpenApiDoc) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, responses: op.responses ?? {} })),
  );
}

const ROOT = 'openapi';

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `nullable` becomes "or null", `$ref`s point into the
 * document, and an object with listed properties admits no others (a field the service returns
 * and the document does not name is a mismatch, as is a documented one it leaves out).
 */
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const { nullable, $ref, ...rest } = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v as object).map(([p, ps]) => [p, toJsonSchema(ps)]));
    else if (['example', 'examples', 'description', 'title', 'default'].includes(k)) continue;
    else out[k] = toJsonSchema(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  let schema: Record<string, unknown> = out;
  if (typeof $ref === 'string') {
    const ref = { $ref: `${ROOT}${$ref}` };
    schema = Object.keys(out).length ? { allOf: [ref], ...out } : ref;
  }
  return nullable === true ? { anyOf: [schema, { type: 'null' }] } : schema;
}

/** Validators for the document's response schemas. */
export function responseValidator(doc: OpenApiDoc) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: ROOT, components: { schemas: toJsonSchema(doc.components.schemas) } });
  const cache = new Map<string, ValidateFunction>();
  return {
    /** The documented JSON schema of this operation's answer with this status, compiled; undefined when none. */
    forResponse(method: string, path: string, status: number): ValidateFunction | undefined {
      const key = `${method} ${path} ${status}`;
      if (!cache.has(key)) {
        const schema = doc.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
        if (schema) cache.set(key, ajv.compile(toJsonSchema(schema) as object));
      }
      return cache.get(key);
    },
    compileAll(): string[] {
      const problems: string[] = [];
      for (const name of Object.keys(doc.components.schemas)) {
        try {
          ajv.getSchema(`${ROOT}#/components/schemas/${name}`);
        } catch (err) {
          problems.push(`${name}: ${(err as Error).message}`);
        }
      }
      return problems;
    },
  };
}
