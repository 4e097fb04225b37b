import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger as Pino } from 'pino';
import { logSafeRequestUrl } from './log-safe-url';

type Req = IncomingMessage & { id?: string; originalUrl?: string };
/** `locals.error`: what the error filter says about a 503 (code, cause), logged on this line only. */
type Res = ServerResponse & { err?: unknown; locals?: { error?: { code: string; cause: string } } };

/** 503 (shed, or a dependency restarting) is an expected state, not a bug: warn. */
const levelOf = (res: Res, error: unknown): Level =>
  error || (res.statusCode >= 500 && res.statusCode !== 503) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';

/**
 * One access-log line per request: request id, method, log-safe URL, status and duration. No
 * headers (tokens, cookies, API keys), no client address, no bodies. The line is the one pino-http
 * wrote before (same fields, levels and messages), written without it: at the usual LOG_LEVEL=warn
 * a successful request writes nothing, so nothing (child loggers, the scrubbed URL) is built for it.
 */
export function httpLogger(logger: Pino) {
  return (req: Req, res: Res, next: () => void): void => {
    const started = Date.now();
    // The first of these ends the request: finished, connection closed (client gone) or failed.
    const done = (error?: unknown) => {
      res.off('close', done);
      res.off('finish', done);
      res.off('error', done);
      const level = levelOf(res, error);
      if (!logger.isLevelEnabled(level)) return;
      const failed = error || res.err || res.statusCode >= 500;
      logger[level](
        {
          requestId: req.id ?? '',
          method: req.method,
          url: logSafeRequestUrl(req),
          statusCode: res.statusCode,
          responseTimeMs: Date.now() - started,
          ...res.locals?.error,
        },
        failed ? 'request failed' : 'request completed',
      );
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    next();
  };
}
