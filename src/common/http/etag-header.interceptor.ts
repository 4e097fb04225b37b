import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';

/** Copies a response body's `etag` into the ETag header, so clients can send it back as If-Match. */
@Injectable()
export class EtagHeaderInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((body) => {
        const etag = (body as { etag?: unknown } | null)?.etag;
        if (typeof etag === 'string') context.switchToHttp().getResponse<Response>().setHeader('ETag', etag);
      }),
    );
  }
}
