import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from './metrics.service';

/** Requests that matched no route (404s, probes for random URLs) share one label: cardinality stays bounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The route template a request matched (`/api/articles/:id`), never the raw URL. */
export function routeTemplate(req: Pick<Request, 'baseUrl' | 'route'>): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` || '/' : UNMATCHED_ROUTE;
}

/** Times every request from its first byte to the end of the response, per route template and status class. */
export function httpMetrics(metrics: MetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      metrics.observeHttp(req.method, routeTemplate(req), res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
