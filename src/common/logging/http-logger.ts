import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as Pino } from 'pino';
import pinoHttp from 'pino-http';
import { logSafeRequestUrl } from './log-safe-url';

type Req = IncomingMessage & { id?: string; originalUrl?: string };
/** `locals.error`: what the error filter says about a 503 (code, cause), logged on this line only. */
type Res = ServerResponse & { locals?: { error?: { code: string; cause: string } } };

/**
 * One access-log line per request: request id, method, log-safe URL, status and duration. No
 * headers (tokens, cookies, API keys), no client address, no bodies.
 */
export function httpLogger(logger: Pino) {
  // The request id comes from the child logger's binding (customAttributeKeys.reqId).
  const describe = (req: Req, res: ServerResponse, responseTime: number) => ({
    method: req.method,
    url: logSafeRequestUrl(req),
    statusCode: res.statusCode,
    responseTimeMs: responseTime,
    ...(res as Res).locals?.error,
  });
  return pinoHttp({
    logger,
    genReqId: (req) => (req as Req).id ?? '',
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    // 503 (shed, or a dependency restarting) is an expected state, not a bug: warn.
    customLogLevel: (_req, res, error) =>
      error || (res.statusCode >= 500 && res.statusCode !== 503) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessObject: (req, res, value) => describe(req as Req, res, (value as { responseTime: number }).responseTime),
    customErrorObject: (req, res, _error, value) => describe(req as Req, res, (value as { responseTime: number }).responseTime),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  });
}
