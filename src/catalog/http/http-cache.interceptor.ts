import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Observable, map } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { serializeJsonLd } from '../json-ld';
import { CacheableRepresentation, PermanentRedirect } from './catalog-response';

/**
 * HTTP caching for the public catalogue. The body is serialised here once, its SHA-256 becomes a
 * strong ETag, so a list's ETag changes exactly when a byte of it changes. A matching If-None-Match
 * is answered with 304 here; If-Modified-Since alone is left to Express (`res.send` checks `req.fresh`).
 *
 * Express's `req.fresh` says no to any request with `Cache-Control: no-cache`, and Node's `fetch` sends
 * that (and `Pragma: no-cache`) with every If-None-Match (issue 14 item 6). `no-cache` asks caches on
 * the way to revalidate with the origin; this is the origin, so it validates and answers 304.
 */
@Injectable()
export class HttpCacheInterceptor implements NestInterceptor {
  private readonly cacheControl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cacheControl = `public, max-age=${config.catalog.maxAgeSeconds}, stale-while-revalidate=${config.catalog.staleWhileRevalidateSeconds}`;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof PermanentRedirect) {
          res.status(301).setHeader('Location', result.location);
          res.setHeader('Cache-Control', this.cacheControl);
          return { code: 'MOVED_PERMANENTLY', location: result.location };
        }
        if (!(result instanceof CacheableRepresentation)) return result;
        const serialized = serialize(result);
        const etag = strongEtag(serialized);
        res.setHeader('Content-Type', `${result.contentType}; charset=utf-8`);
        res.setHeader('ETag', etag);
        if (result.lastModified) res.setHeader('Last-Modified', result.lastModified.toUTCString());
        res.setHeader('Cache-Control', this.cacheControl);
        res.vary('Accept');
        // Express drops the body of a 304 (and its Content-Type and Content-Length).
        if ((req.method === 'GET' || req.method === 'HEAD') && matchesNoneMatch(req.headers['if-none-match'], etag)) res.status(304);
        return serialized;
      }),
    );
  }
}

function serialize(result: CacheableRepresentation): string {
  if (typeof result.body === 'string') return result.body;
  return result.contentType === 'application/ld+json' ? serializeJsonLd(result.body as object) : JSON.stringify(result.body);
}

/** RFC 9110 13.1.2: `*`, or any listed tag equal to ours by the weak comparison (W/ ignored). */
function matchesNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function strongEtag(serialized: string): string {
  return `"${createHash('sha256').update(serialized).digest('base64url')}"`;
}
