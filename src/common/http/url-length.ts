import type { NextFunction, Request, Response } from 'express';
import { send } from './json-body';

/**
 * The longest request target (path and query) the API reads, in characters. No route needs more: the
 * longest legitimate URLs are catalogue lists with every filter and a cursor (well under 2,000).
 * 8 KiB is what common proxies allow (nginx's `large_client_header_buffers`, Apache's
 * `LimitRequestLine`), so a URL a proxy in front would pass is not refused here first. Node itself
 * refuses a request line and headers over 16 KiB together (431, see `client-error.ts`).
 */
export const MAX_URL_LENGTH = 8192;

/**
 * 414 for a URL longer than MAX_URL_LENGTH, before anything else reads it: every later step (routing,
 * the input guard, the log line's scrubbing) costs time in proportion to the URL, and this runs for
 * anonymous requests before any rate limit.
 */
export function refuseLongUrls(req: Request, res: Response, next: NextFunction): void {
  if (req.url.length <= MAX_URL_LENGTH) return next();
  send(req, res, 414, 'URI_TOO_LONG', `The URL is longer than ${MAX_URL_LENGTH} characters`, [
    { field: 'url', code: 'TOO_LONG', message: `must be at most ${MAX_URL_LENGTH} characters` },
  ]);
}
