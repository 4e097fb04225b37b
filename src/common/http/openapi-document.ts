import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponsesObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apiKey';
export const METRICS_TOKEN_SCHEME = 'metricsToken';

const ERROR_SCHEMA = 'Error';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * The document websites and KISS integrators generate clients from (/api/openapi.json). Routes
 * describe themselves (summaries, DTOs, `@Access` adds the security requirement); this adds what is
 * the same everywhere: the security schemes and the one error shape, with the error statuses each
 * operation can really answer. CI lints it with Redocly's recommended rules (test/contracts).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Kennisbank API')
    .setDescription('Kennisartikelen, workflow, versies en import voor het KCC')
    .setVersion('1')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addServer('/', 'This installation')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'OIDC or local (HS256) access token' },
      BEARER_SCHEME,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'API key (also accepted as `Authorization: ApiKey <secret>`)' },
      API_KEY_SCHEME,
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'The static METRICS_TOKEN, when set' }, METRICS_TOKEN_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [ERROR_SCHEMA]: errorSchema() } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) describeErrors(path, operation);
    }
  }
  return document;
}

/** Adds the error responses an operation can answer, from what it takes: input, identity, a path, If-Match. */
function describeErrors(path: string, operation: OperationObject): void {
  // Public routes say so explicitly (an empty requirement), rather than leaving it undefined.
  operation.security ??= [];
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const errors: Record<number, string> = {};
  if (parameters.some((p) => p.in !== 'header') || operation.requestBody) {
    errors[400] = 'The input is not valid (`code`, and `errors` with the field at fault)';
  }
  if (operation.security.length > 0) {
    errors[401] = 'No valid bearer token or API key';
    errors[403] = 'Signed in, but the role, department or API key scope does not allow this';
  }
  if (path.includes('{')) errors[404] = 'Not found';
  if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'if-match')) {
    errors[409] = 'The change conflicts with the current state';
    errors[412] = 'Changed by someone else since you loaded it (ETag mismatch)';
    errors[428] = 'Send If-Match with the ETag you loaded';
  }
  errors[429] = 'Too many requests; see Retry-After';
  const responses: ResponsesObject = operation.responses;
  for (const [status, description] of Object.entries(errors)) {
    responses[status] ??= { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } } } };
  }
}

function errorSchema() {
  return {
    type: 'object',
    description: 'Every 4xx and 5xx answer has this shape.',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', example: 400 },
      code: {
        type: 'string',
        description: 'Machine-readable, e.g. VALIDATION_FAILED, NOT_FOUND, PRECONDITION_FAILED',
        example: 'VALIDATION_FAILED',
      },
      message: { type: 'string', description: 'For people; never a stack trace' },
      errors: {
        type: 'array',
        description: 'The fields at fault (validation errors)',
        items: {
          type: 'object',
          required: ['field', 'code', 'message'],
          properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
        },
      },
      requestId: { type: 'string', description: 'Quote this when reporting a problem' },
    },
  };
}
