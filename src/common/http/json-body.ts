import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FieldProblem } from '../errors/domain-error';
import { requestIdOf } from '../request-context/request-id.middleware';

/** An error answer in the API's shape, from middleware that runs before Nest. */
export const send = (req: Request, res: Response, statusCode: number, code: string, message: string, errors?: FieldProblem[]): void => {
  res.status(statusCode).json({ statusCode, code, message, ...(errors ? { errors } : {}), requestId: requestIdOf(req) });
};

/** 415 for a body that is not JSON, before any parser or handler sees it. */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || !['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return next();
  send(req, res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json');
}

// Errors raised by Express' body parser before Nest sees the request.
const PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'],
  'entity.parse.failed': [400, 'MALFORMED_JSON', 'The request body is not valid JSON'],
  'entity.verify.failed': [400, 'MALFORMED_JSON', 'The request body is not valid JSON'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING', 'The body encoding is not supported'],
  'charset.unsupported': [415, 'UNSUPPORTED_CHARSET', 'The body charset is not supported'],
  'request.aborted': [400, 'REQUEST_ABORTED', 'The request was aborted'],
  'request.size.invalid': [400, 'BAD_REQUEST', 'The request body size does not match Content-Length'],
};

export function jsonBody(limit: number): RequestHandler[] {
  const parse = express.json({ limit, type: ['application/json', 'application/*+json'] });
  const handleParserError = (error: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    const known = error?.type ? PARSER_ERRORS[error.type] : undefined;
    if (known) return send(req, res, ...known);
    if (error?.status && error.status >= 400 && error.status < 500)
      return send(req, res, error.status, 'BAD_REQUEST', 'The request body could not be read');
    next(error);
  };
  return [requireJsonBody, parse, handleParserError as unknown as RequestHandler];
}
