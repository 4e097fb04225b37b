import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { logSafeMessage, logSafeRequestUrl } from '../logging/log-safe-url';
import { requestIdOf } from '../request-context/request-id.middleware';
import { DomainError, ErrorKind, FieldProblem } from './domain-error';
import { isDatabaseUnavailable } from './postgres-errors';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldProblem[];
  requestId?: string;
  [extra: string]: unknown;
}

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'gone':
      return HttpStatus.GONE;
    case 'precondition_failed':
      return HttpStatus.PRECONDITION_FAILED;
    case 'precondition_required':
      return HttpStatus.PRECONDITION_REQUIRED;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertNever(kind);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled error kind ${String(value)}`);
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps every error to one JSON shape; clients never see a stack trace. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = requestIdOf(req);
    // Paths and database messages can quote what the caller sent: scrubbed before logging. The URL is
    // scrubbed once per request and shared with the access log line.
    const where = `${req.method} ${logSafeRequestUrl(req)}`;
    if (body.statusCode === 503) {
      // Expected under load (shed) or while a dependency restarts: one line per request, at warn. The
      // access log line carries the code and cause (see http-logger.ts) instead of a second line here.
      res.locals.error = { code: body.code, cause: logSafeMessage(describe(exception)) };
    } else if (body.statusCode >= 500) {
      const message = logSafeMessage(describe(exception));
      const stack = (exception as Error)?.stack?.split('\n').slice(1).join('\n');
      this.logger.error(`${where} ${message}`, stack);
    } else {
      this.logger.warn(`${where} ${body.statusCode} ${body.code}`);
    }
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', '5');
    if (body.statusCode === 401) {
      res.setHeader('WWW-Authenticate', `Bearer realm="kennisbank"${body.code === 'INVALID_TOKEN' ? ', error="invalid_token"' : ''}`);
    }
    if (exception instanceof DomainError && typeof exception.details.retryAfterSeconds === 'number') {
      res.setHeader('Retry-After', String(exception.details.retryAfterSeconds));
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: statusOf(exception.kind),
        code: exception.code,
        message: exception.message,
        ...(exception.fields.length ? { errors: exception.fields } : {}),
        ...exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(given)
        ? 'The request is not valid'
        : typeof given === 'string' || typeof given === 'number'
          ? String(given)
          : exception.message;
      return { statusCode: status, code: HTTP_CODES[status] ?? `HTTP_${status}`, message };
    }
    // http-errors from Express and its parsers (e.g. a malformed URL): the client's fault, say so.
    const status = (exception as { status?: unknown; expose?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500 && (exception as { expose?: unknown }).expose === true) {
      return { statusCode: status, code: HTTP_CODES[status] ?? 'BAD_REQUEST', message: 'The request is not valid' };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable; try again shortly' };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' };
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
