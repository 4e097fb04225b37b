import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Headers a browser may read from a cross-origin answer (caching, retries, tracing, created resources). */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Last-Modified', 'Retry-After', 'X-Request-Id', 'Location'];
const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  'X-Request-Id',
  'X-Api-Key',
];

const common = {
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
};

/** The API answers JSON (and CSV/XML): nothing in it may load, run, frame or submit anything. */
const apiHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  },
});

/**
 * Swagger UI at /docs loads its own scripts and styles from /docs, sets inline styles, uses data:
 * images and calls the API on the same origin; no inline scripts, nothing from elsewhere.
 */
const docsHeaders = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
});

/**
 * The werkplek: its own scripts, styles and images only; it talks to this API and, for the OIDC
 * authorization-code flow, to the identity provider (discovery and token endpoint).
 */
const werkplekHeaders = (identityProvider: string | null) =>
  helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(identityProvider ? [identityProvider] : [])],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
  });

/** Security headers per kind of answer; `oidcIssuer` (if any) is the one other origin the werkplek calls. */
export function securityHeaders(oidcIssuer: string): RequestHandler {
  const werkplek = werkplekHeaders(oidcIssuer ? new URL(oidcIssuer).origin : null);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/docs' || req.path.startsWith('/docs/')) return docsHeaders(req, res, next);
    if (req.path.startsWith('/werkplek/')) return werkplek(req, res, next);
    return apiHeaders(req, res, next);
  };
}

/**
 * Strict CORS: only the configured origins, exactly, get CORS headers (preflight included); any other
 * origin gets none, so its browser refuses to hand the answer to the page. No cookies are used
 * (bearer tokens and API keys travel in headers), so credentials stay off.
 */
export function corsOptions(allowedOrigins: string[]): CorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  };
}

/** Answers differ per Origin once any origin is allowed: shared caches must keep them apart. */
export const varyOnOrigin: RequestHandler = (_req, res, next) => {
  res.vary('Origin');
  next();
};
