import { bool, EnvVariable, int, list, oneOf, optional, origin, secret, trustProxy, url } from './env-parsers';

/** HTTP and operations: public URL, limits, logging, metrics, the worker endpoint, CORS, proxies and rate limits. */
export const httpEnv = {
  PUBLIC_BASE_URL: {
    description: 'public URL of this service, used in links in e-mails and exports',
    default: 'http://localhost:3000',
    parse: url('http', 'https'),
  },
  BODY_LIMIT: {
    description: 'largest accepted request body in bytes (imports included)',
    default: '5242880',
    parse: int(1024, 512 * 1024 * 1024),
  },
  LOG_LEVEL: {
    description: 'error, warn, log, debug or verbose',
    default: 'log',
    parse: oneOf('error', 'warn', 'log', 'debug', 'verbose'),
  },
  METRICS_TOKEN: {
    description: 'bearer token Prometheus must send to /metrics (API and worker); empty: /metrics is open, keep it on a private network',
    default: '',
    parse: optional(secret(16)),
  },
  WORKER_HEALTH_PORT: {
    description: "port of the worker's own HTTP endpoint (/health/live, /health/ready, /metrics); 0 turns it off",
    default: '3001',
    parse: int(0, 65535),
  },
  WORKER_HEARTBEAT_SECONDS: {
    description: 'how often the worker writes its heartbeat to Redis (and re-creates lost schedules); the API reports its age',
    default: '10',
    parse: int(1, 300),
  },
  SWAGGER_ENABLED: { description: 'serve Swagger UI at /docs and the spec at /api/openapi.json', default: 'true', parse: bool() },
  CORS_ALLOWED_ORIGINS: {
    description: 'browser origins allowed to call the API cross-origin, comma-separated (e.g. https://www.lindeveen.nl); empty: none',
    default: '',
    parse: list(origin),
  },
  TRUST_PROXY: {
    description: "behind a load balancer: false, the number of proxy hops, or the proxies' IPs/CIDRs (client address from X-Forwarded-For)",
    default: 'false',
    parse: trustProxy,
  },
  RATE_LIMIT_WINDOW_SECONDS: {
    description: 'length of the rate-limit window for anonymous and staff requests',
    default: '60',
    parse: int(1, 3600),
  },
  RATE_LIMIT_ANONYMOUS: {
    description: 'requests per window per client address without credentials (public routes); 0 turns the limit off',
    default: '300',
    parse: int(0, 1_000_000),
  },
  RATE_LIMIT_STAFF: {
    description: 'requests per window per signed-in user or API key; 0 turns the limit off',
    default: '1200',
    parse: int(0, 1_000_000),
  },
  RATE_LIMIT_AUTH_FAILURES: {
    description:
      'failed sign-ins that look like guessing (bad signatures, unknown keys, garbage) per client address and per claimed identity per failure window; over it they get 429, valid credentials are still served; 0 turns the limit off',
    default: '50',
    parse: int(0, 1_000_000),
  },
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: {
    description: 'window for RATE_LIMIT_AUTH_FAILURES',
    default: '600',
    parse: int(1, 86_400),
  },
} satisfies Record<string, EnvVariable<unknown>>;
