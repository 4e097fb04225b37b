// The only place that reads process.env. Every variable is declared once, with a description (used
// in the start-up error and mirrored in the README), a default and a parser that rejects bad values.

import { parseCron } from '../common/time/cron';

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

const int =
  (min: number, max: number) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      fail(`must be a whole number from ${min} to ${max}`);
    }
    return n;
  };

const bool = () => (raw: string): boolean => {
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

const cron = () => (raw: string): string => {
  if (raw.trim() === 'off') return 'off';
  try {
    parseCron(raw);
  } catch (error) {
    fail(`must be a five-field cron pattern (minute hour day-of-month month day-of-week) or "off": ${(error as Error).message}`);
  }
  return raw.trim();
};

const email = () => (raw: string): string =>
  raw === '' || /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(raw.trim()) ? raw.trim().toLowerCase() : fail('must be an e-mail address');

const secret =
  (minLength: number) =>
  (raw: string): string =>
    raw.length >= minLength ? raw : fail(`must be at least ${minLength} characters`);

export const envSchema = {
  NODE_ENV: {
    description: 'production, development or test',
    default: 'development',
    parse: oneOf('production', 'development', 'test'),
  },
  PORT: { description: 'HTTP port of the API', default: '3000', parse: int(1, 65535) },
  DATABASE_URL: {
    description:
      'PostgreSQL connection string; when empty an embedded PostgreSQL is started with its data under DATA_DIR',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : url('postgres', 'postgresql')(raw)),
  },
  DATABASE_POOL_SIZE: { description: 'maximum PostgreSQL connections per process', default: '10', parse: int(1, 200) },
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
  MEILI_URL: { description: 'Meilisearch base URL', default: '', parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)) },
  MEILI_API_KEY: { description: 'Meilisearch API key', default: '', parse: str() },
  AUTH_JWT_SECRET: {
    description: 'HS256 secret for local/test tokens; only when set are such tokens accepted',
    default: '',
    parse: (raw: string) => (raw === '' ? '' : secret(32)(raw)),
  },
  AUTH_ISSUER: { description: 'OIDC issuer of staff tokens', default: '', parse: (raw: string) => (raw === '' ? '' : url('http', 'https')(raw)) },
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
  STEWARDSHIP_SCAN_CRON: {
    description: 'when the daily review scan runs (cron, Europe/Amsterdam); "off": only when started by hand',
    default: '30 6 * * *',
    parse: cron(),
  },
  STEWARDSHIP_DIGEST_CRON: {
    description: 'when the weekly digest goes to editors who chose it (cron, Europe/Amsterdam); "off": never',
    default: '0 7 * * 1',
    parse: cron(),
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
    parse: (raw: string) => (raw.includes('{slug}') ? url('http', 'https')(raw.replace('{slug}', 'x')) && raw : fail('must contain {slug}')),
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
  SWAGGER_ENABLED: { description: 'serve Swagger UI at /docs and the spec at /api/openapi.json', default: 'true', parse: bool() },
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
      problems.push(`${name}=${JSON.stringify(raw)} ${error.message} (${variable.description})`);
    }
  }
  const oidc = [env.AUTH_ISSUER, env.AUTH_AUDIENCE, env.AUTH_JWKS_URL].filter(Boolean).length;
  if (oidc > 0 && oidc < 3) problems.push('AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL go together (OIDC): set all three or none');
  if (env.NODE_ENV === 'production' && oidc === 0 && !env.AUTH_JWT_SECRET) {
    problems.push('NODE_ENV=production needs authentication: the OIDC settings (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL) or AUTH_JWT_SECRET');
  }
  if (env.SEARCH_ENGINE === 'meilisearch' && !env.MEILI_URL) {
    problems.push('SEARCH_ENGINE="meilisearch" needs MEILI_URL (the Meilisearch server)');
  }
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  return env as Env;
}
