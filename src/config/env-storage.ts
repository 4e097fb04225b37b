import { EnvVariable, int, oneOf, optional, str, url } from './env-parsers';

/** Runtime and storage: the process, PostgreSQL (external or embedded) and Redis. */
export const storageEnv = {
  NODE_ENV: {
    description: 'production, development or test',
    default: 'development',
    parse: oneOf('production', 'development', 'test'),
  },
  PORT: { description: 'HTTP port of the API', default: '3000', parse: int(1, 65535) },
  DATABASE_URL: {
    description: 'PostgreSQL connection string; when empty an embedded PostgreSQL is started with its data under DATA_DIR',
    default: '',
    parse: optional(url('postgres', 'postgresql')),
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
    parse: optional(url('redis', 'rediss')),
  },
} satisfies Record<string, EnvVariable<unknown>>;
