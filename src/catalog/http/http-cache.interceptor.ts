import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Observable, map } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { serializeJsonLd } from '../json-ld';
import { CacheableRepresentation, PermanentRedirect } from './catalog-response';

/**
 * HTTP caching for the public catalogue. The body is serialised here once, its SHA-256 becomes a
 * strong ETag, so a list's ETag changes exactly when a byte of it changes. Express then answers
 * If-None-Match / If-Modified-Since with 304 itself (`res.send` checks `req.fresh`).
 */
@Injectable()
export class HttpCacheInterceptor implements NestInterceptor {
  private readonly cacheControl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.cacheControl = `public, max-age=${config.catalog.maxAgeSeconds}, stale-while-revalidate=${config.catalog.staleWhileRevalidateSeconds}`;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (result instanceof PermanentRedirect) {
          res.status(301).setHeader('Location', result.location);
          res.setHeader('Cache-Control', this.cacheControl);
          return { code: 'MOVED_PERMANENTLY', location: result.location };
        }
        if (!(result instanceof CacheableRepresentation)) return result;
        const serialized = serialize(result);
        res.setHeader('Content-Type', `${result.contentType}; charset=utf-8`);
        res.setHeader('ETag', strongEtag(serialized));
        if (result.lastModified) res.setHeader('Last-Modified', result.lastModified.toUTCString());
        res.setHeader('Cache-Control', this.cacheControl);
        res.vary('Accept');
        return serialized;
      }),
    );
  }
}

function serialize(result: CacheableRepresentation): string {
  if (typeof result.body === 'string') return result.body;
  return result.contentType === 'application/ld+json' ? serializeJsonLd(result.body as object) : JSON.stringify(result.body);
}

export function strongEtag(serialized: string): string {
  return `"${createHash('sha256').update(serialized).digest('base64url')}"`;
}
