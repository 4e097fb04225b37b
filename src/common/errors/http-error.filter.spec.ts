import type { ArgumentsHost } from '@nestjs/common';
import { RateLimitedError } from '../rate-limit/rate-limit.errors';
import { HttpErrorFilter } from './http-error.filter';

function answer(exception: unknown) {
  const headers: Record<string, string> = {};
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: Record<string, unknown>) => (sent.body = body),
  };
  const req = { method: 'GET', path: '/api/x', id: 'req-1' };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  const filter = new HttpErrorFilter();
  (filter as unknown as { logger: object }).logger = { warn: () => undefined, error: () => undefined };
  filter.catch(exception, host);
  return { ...sent, headers };
}

describe(HttpErrorFilter.name, () => {
  it('answers 429 with Retry-After for a rate limit', () => {
    const res = answer(new RateLimitedError('staff', 42));
    expect(res.status).toBe(429);
    expect(res.headers['Retry-After']).toBe('42');
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED', bucket: 'staff', retryAfterSeconds: 42, requestId: 'req-1' });
  });

  it("maps Express' client errors (http-errors with expose) to their 4xx, not to 500", () => {
    const uriError = Object.assign(new URIError('Failed to decode param'), { status: 400, statusCode: 400, expose: true });
    expect(answer(uriError)).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', message: 'The request is not valid' } });
  });

  it('keeps unknown errors a generic 500 without details', () => {
    const res = answer(Object.assign(new Error('relation "x" does not exist'), { status: 400 }));
    expect(res).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
    expect(JSON.stringify(res.body)).not.toContain('relation');
  });
});
