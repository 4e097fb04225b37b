import { isIP } from 'node:net';

// The only place that reads process.env. Every variable is declared once, with a description (used
// in the start-up error and mirrored in the README), a default and a parser that rejects bad values.

import { parseCron } from '../common/time/cron';
import { localTokenProblems } from './local-token-settings';

export interface EnvVariable<T> {
  description: string;
  default?: string;
  parse(raw: string): T;
}

class EnvParseError extends Error {}

const fail = (message: string): never => {
  throw new EnvParseError(message);
};

const str = (): ((raw: string) => string) => (raw) => raw;

/** Checked as JSON, kept as text. */
const json = (raw: string): string => {
  try {
    JSON.parse(raw);
  } catch {
    fail('must be JSON');
  }
  return raw;
};

const int =
  (min: number, max: number) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      fail(`must be a whole number from ${min} to ${max}`);
    }
    return n;
  };

const bool =
  () =>
  (raw: string): boolean => {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    return fail('must be true or false');
  };

const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T =>
    (values as string[]).includes(raw) ? (raw as T) : fail(`must be one of: ${values.join(', ')}`);

const url =
  (...protocols: string[]) =>
  (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return fail(`must be a URL (${protocols.join(', ')})`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      fail(`must use one of the protocols ${protocols.join(', ')}`);
    }
    return raw;
  };

/** A cron pattern (5 fields, Europe/Amsterdam), spacing normalised; "off" where a job may be switched off. */
const cron =
  (options: { off?: boolean } = {}) =>
  (raw: string): string => {
    if (options.off && raw.trim() === 'off') return 'off';
    try {
      parseCron(raw);
    } catch (error) {
      fail(
        `must be a five-field cron pattern (minute hour day-of-month month day-of-week)${options.off ? ' or "off"' : ''}: ${(error as Error).message}`,
      );
    }
    return raw.trim().split(/\s+/).join(' ');
  };

const email =
  () =>
  (raw: string): string =>
    raw === '' || /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(raw.trim()) ? raw.trim().toLowerCase() : fail('must be an e-mail address');

const secret =
  (minLength: number) =>
  (raw: string): string =>
    raw.length >= minLength ? raw : fail(`must be at least ${minLength} characters`);

const list =
  <T>(item: (raw: string) => T) =>
  (raw: string): T[] =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map(item);

/** An origin as browsers send it: scheme, host and port, no path (a trailing slash is forgiven). */
const origin = (raw: string): string => {
  const candidate = raw.replace(/\/$/, '');
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return fail(`"${raw}" is not an origin such as https://www.lindeveen.nl`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== candidate) {
    return fail(`"${raw}" is not an origin such as https://www.lindeveen.nl (scheme and host only, no path or wildcard)`);
  }
  return candidate;
};

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Express "trust proxy": off, a number of hops, or the addresses (IP, CIDR or a named range) of the proxies. */
const trustProxy = (raw: string): false | number | string[] => {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return int(1, 10)(value);
  return list((part) => {
    if (PROXY_NAMES.includes(part)) return part;
    const [address, bits, ...extra] = part.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      fail(`"${part}" is not a proxy address: use false, a number of hops, or IPs/CIDRs/${PROXY_NAMES.join('/')} separated by commas`);
    }
    return part;
  })(value);
};

export const envSchema = {
  NODE_ENV: {
    description: 'production, development or test',
    default: 'development',
    parse: oneOf('production', 'development', 'test'),
  },
  PORT: { description: 'HTTP port of the API', default: '3000', parse: int(1, 65535) },
  DATABASE_URL: {
    description: 'PostgreSQL connection string; when empty an embedded PostgreSQL is started with its data under DATA_DIR',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('postgres', 'postgresql')(raw)),
  },
  DATABASE_POOL_SIZE: { description: 'maximum PostgreSQL connections per process', default: '10', parse: int(1, 200) },
  DATABASE_CONNECT_TIMEOUT_MS: {
    description: 'how long a request waits for a PostgreSQL connection before it fails with 503 DATABASE_UNAVAILABLE',
    default: '3000',
    parse: int(100, 60_000),
  },
  DATA_DIR: {
    description: 'where the embedded PostgreSQL keeps its data (only without DATABASE_URL)',
    default: '.data',
    parse: str(),
  },
  EMBEDDED_DATABASE_PORT: {
    description: 'port of the embedded PostgreSQL (only without DATABASE_URL)',
    default: '5499',
    parse: int(1024, 65535),
  },
  LOAD_FIXTURES: {
    description: 'auto: load content-fixtures/ when the database holds no articles; true: always (idempotent); false: never',
    default: 'auto',
    parse: oneOf('auto', 'true', 'false'),
  },
  REDIS_URL: {
    description: 'Redis for background jobs (BullMQ); when empty, jobs are disabled and the API still serves',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('redis', 'rediss')(raw)),
  },
  SEARCH_ENGINE: {
    description: 'postgres or meilisearch; default meilisearch when MEILI_URL is set, else postgres',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : oneOf('postgres', 'meilisearch')(raw)),
  },
  SEARCH_CACHE_SIZE: {
    description: 'search results kept in memory per process (dropped on every index change); 0 turns the cache off',
    default: '5000',
    parse: int(0, 1_000_000),
  },
  SEARCH_ENGINE_CONCURRENCY: {
    description: 'search engine queries one process runs at once (cache hits are not counted); keep it below DATABASE_POOL_SIZE',
    default: '4',
    parse: int(1, 200),
  },
  SEARCH_ENGINE_QUEUE: {
    description: 'engine queries that may wait for a slot (each at most 1 s); beyond that search answers 503 with Retry-After',
    default: '64',
    parse: int(0, 100_000),
  },
  MEILI_URL: { description: 'Meilisearch base URL', default: '', parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)) },
  MEILI_API_KEY: { description: 'Meilisearch API key', default: '', parse: str() },
  MEILI_INDEX: {
    description: 'Meilisearch index uid (tests use their own per run)',
    default: 'kennisbank_articles',
    parse: (raw: string) => (/^[A-Za-z0-9_-]{1,400}$/.test(raw) ? raw : fail('must be letters, digits, - or _')),
  },
  MEILI_SEARCH_TIMEOUT_MS: {
    description: 'a Meilisearch search answers within this, or PostgreSQL answers instead',
    default: '1500',
    parse: int(50, 60_000),
  },
  MEILI_WRITE_TIMEOUT_MS: {
    description: 'one Meilisearch write request (documents, settings, swap)',
    default: '30000',
    parse: int(100, 600_000),
  },
  MEILI_TASK_TIMEOUT_MS: {
    description: 'how long a Meilisearch task may take to finish; a later one counts as failed and is retried',
    default: '120000',
    parse: int(100, 3_600_000),
  },
  MEILI_EMBEDDER_SOURCE: {
    description: 'hybrid search (off by default): rest, ollama, huggingFace or openAi; Meilisearch embeds documents and queries itself',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : oneOf('rest', 'ollama', 'huggingFace', 'openAi')(raw)),
  },
  MEILI_EMBEDDER_URL: {
    description: 'embedding service URL (rest: required; ollama: e.g. http://ollama:11434/api/embed)',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)),
  },
  MEILI_EMBEDDER_MODEL: { description: 'embedding model (ollama, huggingFace, openAi)', default: '', parse: str() },
  MEILI_EMBEDDER_API_KEY: { description: 'API key of the embedding service, if it needs one', default: '', parse: str() },
  MEILI_EMBEDDER_DIMENSIONS: { description: 'embedding dimensions; 0 = as the model reports', default: '0', parse: int(0, 8192) },
  MEILI_EMBEDDER_REQUEST: {
    description: 'rest only: JSON request template with "{{text}}"',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : json(raw)),
  },
  MEILI_EMBEDDER_RESPONSE: {
    description: 'rest only: JSON response template with "{{embedding}}"',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : json(raw)),
  },
  MEILI_EMBEDDER_SEMANTIC_RATIO: {
    description: 'share of semantic ranking in hybrid search, 0 to 1',
    default: '0.5',
    parse: (raw: string) => (/^(0(\.\d+)?|1(\.0+)?)$/.test(raw.trim()) ? Number(raw) : fail('must be a number from 0 to 1')),
  },
  AUTH_JWT_SECRET: {
    description:
      'HS256 secret for local/test tokens (iss kennisbank-local, aud kennisbank); only when set are such tokens accepted. Production refuses a secret published in the repository',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : secret(32)(raw)),
  },
  AUTH_ACCEPT_LOCAL_TOKENS: {
    description:
      'with OIDC configured, also accept the HS256 tokens AUTH_JWT_SECRET signs (off: only the identity provider signs staff in)',
    default: 'false',
    parse: bool(),
  },
  AUTH_ISSUER: {
    description: 'OIDC issuer of staff tokens',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)),
  },
  AUTH_AUDIENCE: { description: 'expected audience (aud) of staff tokens', default: '', parse: str() },
  AUTH_JWKS_URL: {
    description: "the issuer's JWKS endpoint",
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)),
  },
  AUTH_CLOCK_TOLERANCE_SECONDS: {
    description: 'leeway for exp/nbf of tokens, for clocks that drift',
    default: '60',
    parse: int(0, 600),
  },
  AUTH_JWKS_COOLDOWN_SECONDS: {
    description: 'after fetching the JWKS, wait this long before fetching again for an unknown key id (rotation)',
    default: '30',
    parse: int(0, 3600),
  },
  AUTH_UI_CLIENT_ID: {
    description: 'OIDC client id of the werkplek (web interface): a public client using the authorization-code flow with PKCE',
    default: 'kennisbank-werkplek',
    parse: str(),
  },
  AUTH_DEV_LOGIN: {
    description:
      'development login in the werkplek (pick a role, get a local token): auto = on when local tokens are accepted and NODE_ENV is not production; production refuses true',
    default: 'auto',
    parse: oneOf('auto', 'true', 'false'),
  },
  SMTP_URL: {
    description: 'SMTP server for reminder e-mails, e.g. smtp://user:pass@mail:587',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('smtp', 'smtps')(raw)),
  },
  MAIL_FROM: {
    description: 'sender of reminder e-mails',
    default: 'Kennisbank <kennisbank@gemeente.local>',
    parse: str(),
  },
  NOTIFY_WEBHOOK_URL: {
    description: 'optional webhook (JSON POST, e.g. a Teams/Slack bridge) that receives every notification too',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)),
  },
  CONTENT_GAPS_CRON: {
    description: 'when the worker turns failed searches into content gaps (cron, Europe/Amsterdam)',
    default: '30 5 * * *',
    parse: cron(),
  },
  CONTENT_GAPS_WINDOW_DAYS: {
    description: 'content gaps count the failed searches of this many past days',
    default: '30',
    parse: int(1, 365),
  },
  CONTENT_GAPS_MIN_SEARCHES: {
    description: 'failed searches (per intent, within the window) before they count as a content gap',
    default: '2',
    parse: int(1, 10_000),
  },
  SEARCH_LEARNING_CRON: {
    description: "when the worker turns agents' reformulations into suggested question variants and synonyms (cron, Europe/Amsterdam)",
    default: '45 5 * * *',
    parse: cron(),
  },
  SEARCH_LEARNING_WINDOW_DAYS: {
    description: 'the learning job reads the search log of this many past days',
    default: '30',
    parse: int(1, 365),
  },
  SEARCH_LEARNING_MIN_SEARCHERS: {
    description: 'distinct daily pseudonyms behind a reformulation before it is suggested (two of them on one day as well)',
    default: '3',
    parse: int(1, 10_000),
  },
  SEARCH_LEARNING_MIN_DAYS: {
    description: 'distinct days a reformulation must be seen on before it is suggested',
    default: '2',
    parse: int(1, 365),
  },
  LINK_CHECK_CRON: {
    description: 'when the worker checks the external links of published content (cron, Europe/Amsterdam)',
    default: '0 3 * * 1',
    parse: cron(),
  },
  LINK_CHECK_TIMEOUT_MS: {
    description: 'time allowed per link request before it counts as a timeout',
    default: '10000',
    parse: int(50, 120_000),
  },
  LINK_CHECK_RETRIES: { description: 'retries of a link after a timeout, network error or 5xx/429', default: '2', parse: int(0, 10) },
  LINK_CHECK_RETRY_DELAY_MS: {
    description: 'first backoff before retrying a link; doubles per retry',
    default: '1000',
    parse: int(0, 60_000),
  },
  LINK_CHECK_CONCURRENCY: { description: 'links checked at the same time', default: '8', parse: int(1, 64) },
  LINK_CHECK_ALLOW_PRIVATE: {
    description: 'also check links to private, loopback and link-local addresses (off: such links are reported as blocked)',
    default: 'false',
    parse: bool(),
  },
  STEWARDSHIP_SCAN_CRON: {
    description: 'when the daily review scan runs (cron, Europe/Amsterdam); "off": only when started by hand',
    default: '30 6 * * *',
    parse: cron({ off: true }),
  },
  STEWARDSHIP_DIGEST_CRON: {
    description: 'when the weekly digest goes to editors who chose it (cron, Europe/Amsterdam); "off": never',
    default: '0 7 * * 1',
    parse: cron({ off: true }),
  },
  KENNISREGISSEUR_EMAIL: {
    description: "the KCC's kennisregisseur: receives every escalation, and reminders nobody else can receive",
    default: '',
    parse: email(),
  },
  STEWARDSHIP_RETRY_ATTEMPTS: {
    description: 'attempts per reminder e-mail before it goes to the dead-letter list',
    default: '6',
    parse: int(1, 30),
  },
  STEWARDSHIP_RETRY_BASE_SECONDS: {
    description: 'wait before the first retry of a failed reminder e-mail; doubles with every further attempt',
    default: '60',
    parse: int(1, 86_400),
  },
  REVIEW_STORM_WEEKLY_CAP: {
    description: 'review dates per department per week above which levelling spreads them out (review storms)',
    default: '40',
    parse: int(1, 100_000),
  },
  REVIEW_SPREAD_DAYS: {
    description: 'how far levelling may move a review date (earlier; later only when asked, and reported)',
    default: '56',
    parse: int(7, 365),
  },
  MUNICIPALITY_NAME: { description: 'name of the municipality, as citizens know it', default: 'Lindeveen', parse: str() },
  MUNICIPALITY_OWMS_URI: {
    description: 'OWMS URI of the municipality (Samenwerkende Catalogi spatial/authority)',
    default: 'http://standaarden.overheid.nl/owms/terms/Lindeveen_(gemeente)',
    parse: url('http', 'https'),
  },
  WEBSITE_PRODUCT_URL: {
    description: "URL of a product page on the municipality's website; {slug} is replaced (Samenwerkende Catalogi identifier)",
    default: 'https://www.lindeveen.nl/producten/{slug}',
    parse: (raw: string) =>
      raw.includes('{slug}') ? url('http', 'https')(raw.replace('{slug}', 'x')) && raw : fail('must contain {slug}'),
  },
  CATALOG_MAX_AGE_SECONDS: {
    description: 'Cache-Control max-age of public catalogue answers (how long a website or CDN may reuse one unasked)',
    default: '300',
    parse: int(0, 31_536_000),
  },
  CATALOG_STALE_WHILE_REVALIDATE_SECONDS: {
    description: 'Cache-Control stale-while-revalidate of public catalogue answers',
    default: '3600',
    parse: int(0, 31_536_000),
  },
  CATALOG_MAX_PAGE_SIZE: {
    description: 'largest page of the catalogue lists, the change feed and the KISS endpoints; bigger limits are capped',
    default: '100',
    parse: int(1, 1000),
  },
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
    parse: (raw: string) => (raw === '' ? '' : secret(16)(raw)),
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

export type EnvSchema = typeof envSchema;
export type Env = { [K in keyof EnvSchema]: ReturnType<EnvSchema[K]['parse']> };

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidConfigurationError';
  }
}

/** Parses and validates the environment; throws one error that lists every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const problems: string[] = [];
  const env: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(envSchema) as [string, EnvVariable<unknown>][]) {
    const raw = source[name] ?? variable.default ?? '';
    try {
      env[name] = variable.parse(raw);
    } catch (error) {
      if (!(error instanceof EnvParseError)) throw error;
      // Never echo a secret into the start-up log.
      const shown = /SECRET|TOKEN|KEY|PASSWORD/.test(name) ? '(value hidden)' : JSON.stringify(raw);
      problems.push(`${name}=${shown} ${error.message} (${variable.description})`);
    }
  }
  const oidc = [env.AUTH_ISSUER, env.AUTH_AUDIENCE, env.AUTH_JWKS_URL].filter(Boolean).length;
  if (oidc > 0 && oidc < 3) problems.push('AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL go together (OIDC): set all three or none');
  if (env.NODE_ENV === 'production' && oidc === 0 && !env.AUTH_JWT_SECRET) {
    problems.push(
      'NODE_ENV=production needs authentication: the OIDC settings (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL) or AUTH_JWT_SECRET (`npm run env:init` writes a fresh one to .env)',
    );
  }
  if (env.AUTH_DEV_LOGIN === 'true' && !env.AUTH_JWT_SECRET)
    problems.push('AUTH_DEV_LOGIN=true needs AUTH_JWT_SECRET (it signs the development tokens)');
  problems.push(...localTokenProblems(env as Env));
  if (env.MEILI_EMBEDDER_SOURCE === 'rest' && (!env.MEILI_EMBEDDER_URL || !env.MEILI_EMBEDDER_REQUEST || !env.MEILI_EMBEDDER_RESPONSE)) {
    problems.push('MEILI_EMBEDDER_SOURCE=rest needs MEILI_EMBEDDER_URL, MEILI_EMBEDDER_REQUEST and MEILI_EMBEDDER_RESPONSE');
  }
  if (['ollama', 'huggingFace', 'openAi'].includes(env.MEILI_EMBEDDER_SOURCE as string) && !env.MEILI_EMBEDDER_MODEL) {
    problems.push(`MEILI_EMBEDDER_SOURCE=${env.MEILI_EMBEDDER_SOURCE} needs MEILI_EMBEDDER_MODEL`);
  }
  if (env.SEARCH_ENGINE === 'meilisearch' && !env.MEILI_URL) {
    problems.push('SEARCH_ENGINE="meilisearch" needs MEILI_URL (the Meilisearch server)');
  }
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  return env as Env;
}
