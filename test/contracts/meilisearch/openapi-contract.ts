import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Meilisearch's own OpenAPI description (vendored, see README.md here), compiled into validators for
 * requests and responses. Two deliberate additions, both from Meilisearch's documented behaviour:
 * - request bodies are strict: Meilisearch rejects unknown fields with 400 (its deserialiser denies
 *   them; that is how v1.12 rejected `rename`), while the description leaves most objects open;
 * - ERRATA below, where the generated description disagrees with the documented API.
 */
export const DESCRIPTION_FILE = 'meilisearch-openapi-1.53.0.json';

/** Corrections to the generated description, each with its reason. */
export const ERRATA: { schema: string; replacement: Record<string, unknown>; reason: string }[] = [
  {
    schema: 'AttributePatterns',
    replacement: { type: 'array', items: { type: 'string' } },
    reason:
      'Serialised transparently as an array of attribute names: `facets: ["genres", "rating"]` in a search ' +
      '(meilisearch.com/docs, "Filter with facets") and `attributePatterns: ["genre"]` in filterable attributes. ' +
      'The description renders the wrapper struct as `{ patterns: [...] }`, which the server does not accept.',
  },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
}

export interface MatchedOperation {
  method: string;
  template: string;
  operation: Operation;
  pathParams: Record<string, string>;
}

export interface RequestToCheck {
  method: string;
  pathname: string;
  query: URLSearchParams;
  contentType: string | undefined;
  /** parsed JSON body; undefined when the request had none */
  body: unknown;
}

const LENIENT = 'meili:components';
const STRICT = 'meili:request-components';

export class MeilisearchContract {
  readonly version: string;
  private readonly routes: { method: string; template: string; regex: RegExp; names: string[]; operation: Operation }[] = [];
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const doc = JSON.parse(readFileSync(join(__dirname, DESCRIPTION_FILE), 'utf8')) as {
      info: { version: string };
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    this.version = doc.info.version;
    const schemas = { ...doc.components.schemas };
    for (const erratum of ERRATA) {
      if (!schemas[erratum.schema]) throw new Error(`erratum for unknown schema ${erratum.schema}`);
      schemas[erratum.schema] = erratum.replacement;
    }
    this.ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(this.ajv);
    const integer = (max: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= max });
    this.ajv.addFormat('u-int8', integer(255));
    this.ajv.addFormat('u-int32', integer(2 ** 32 - 1));
    this.ajv.addFormat('u-int64', integer(Number.MAX_SAFE_INTEGER));
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('password', { type: 'string', validate: () => true });
    this.ajv.addSchema({ $id: LENIENT, $defs: rewriteRefs(schemas, LENIENT) });
    this.ajv.addSchema({ $id: STRICT, $defs: rewriteRefs(strictObjects(schemas), STRICT) });

    for (const [template, methods] of Object.entries(doc.paths)) {
      const names: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      for (const [method, operation] of Object.entries(methods)) {
        this.routes.push({ method: method.toUpperCase(), template, regex: new RegExp(`^${pattern}$`), names, operation });
      }
    }
    // Literal segments before parameters: /indexes/{uid}/documents/delete-batch, not /documents/{id}.
    this.routes.sort((a, b) => a.names.length - b.names.length);
  }

  match(method: string, pathname: string): MatchedOperation | null {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(pathname);
      if (!m) continue;
      const pathParams = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { method, template: route.template, operation: route.operation, pathParams };
    }
    return null;
  }

  /** Problems with a request (empty when it conforms): operation, parameters and body. */
  checkRequest(req: RequestToCheck): { matched: MatchedOperation | null; problems: string[] } {
    const matched = this.match(req.method, req.pathname);
    if (!matched) return { matched, problems: [`${req.method} ${req.pathname}: no such operation in Meilisearch ${this.version}`] };
    const problems: string[] = [];
    const declared = matched.operation.parameters ?? [];
    for (const p of declared.filter((x) => x.in === 'path')) {
      problems.push(...this.checkValue(`path parameter ${p.name}`, coerce(matched.pathParams[p.name], p.schema), p.schema, STRICT));
    }
    const queryNames = new Set(declared.filter((x) => x.in === 'query').map((x) => x.name));
    for (const name of new Set(req.query.keys())) {
      if (!queryNames.has(name)) problems.push(`unknown query parameter ${name}`);
    }
    for (const p of declared.filter((x) => x.in === 'query')) {
      const raw = req.query.get(p.name);
      if (raw === null) {
        if (p.required) problems.push(`missing query parameter ${p.name}`);
        continue;
      }
      problems.push(...this.checkValue(`query parameter ${p.name}`, coerce(raw, p.schema), p.schema, STRICT));
    }
    const body = matched.operation.requestBody;
    if (req.body === undefined) {
      if (body?.required) problems.push('missing request body');
    } else if (!body) {
      problems.push('this operation takes no request body');
    } else {
      const type = (req.contentType ?? '').split(';')[0].trim();
      const media = body.content[type];
      if (!media) problems.push(`content type ${type || '(none)'} not accepted (${Object.keys(body.content).join(', ')})`);
      else problems.push(...this.checkValue('body', req.body, media.schema, STRICT));
    }
    return { matched, problems: problems.map((p) => `${req.method} ${req.pathname}: ${p}`) };
  }

  /**
   * Problems with a response. An error status the description does not list for this operation
   * (a 500, a 503 from a proxy) must still carry Meilisearch's error shape.
   */
  checkResponse(matched: MatchedOperation, status: number, body: unknown): string[] {
    const declared = matched.operation.responses[String(status)] ?? matched.operation.responses.default;
    const where = `${matched.method} ${matched.template} → ${status}`;
    if (!declared) {
      if (status < 400) return [`${where}: status not in the description`];
      return this.checkValue(where, body, { $ref: '#/components/schemas/ResponseError' }, LENIENT).map((p) => `${where}: ${p}`);
    }
    const schema = declared.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${where}: the description declares no body`];
    return this.checkValue('body', body, schema, LENIENT).map((p) => `${where}: ${p}`);
  }

  /** Validates `value` against one component schema (request strictness); for tests of the validator itself. */
  checkComponent(name: string, value: unknown, strict = true): string[] {
    return this.checkValue(name, value, { $ref: `#/components/schemas/${name}` }, strict ? STRICT : LENIENT);
  }

  private checkValue(what: string, value: unknown, schema: Schema | undefined, base: string): string[] {
    if (!schema) return [];
    const key = `${base} ${JSON.stringify(schema)}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs<Schema>(schema, base));
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }
}

/** `#/components/schemas/X` → `<base>#/$defs/X`, everywhere in a schema tree. */
function rewriteRefs<T>(value: T, base: string): T {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, base)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/components/schemas/', `${base}#/$defs/`) : rewriteRefs(v, base),
      ]),
    ) as T;
  }
  return value;
}

/** Every object schema with named properties and no rule for others gets `unevaluatedProperties: false`. */
function strictObjects<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strictObjects) as T;
  if (value && typeof value === 'object') {
    const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictObjects(v)])) as Record<string, unknown>;
    if (copy.properties && copy.additionalProperties === undefined && copy.unevaluatedProperties === undefined) {
      copy.unevaluatedProperties = false;
    }
    return copy as T;
  }
  return value;
}

/** A query or path value, typed the way the parameter's schema says (arrays are comma-separated). */
function coerce(raw: string, schema: Schema | undefined): Json {
  const type = schema?.type;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('array')) {
    const items = (schema?.items ?? {}) as Schema;
    return raw.split(',').map((part) => coerce(part, items));
  }
  if (types.includes('integer') || types.includes('number')) return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (types.includes('boolean')) return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
