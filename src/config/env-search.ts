import { EnvVariable, fail, int, json, oneOf, optional, str, url } from './env-parsers';

/** Search: the engine, its cache and concurrency, and Meilisearch (hybrid search included). */
export const searchEnv = {
  SEARCH_ENGINE: {
    description: 'postgres or meilisearch; default meilisearch when MEILI_URL is set, else postgres',
    default: '',
    parse: optional(oneOf('postgres', 'meilisearch')),
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
  MEILI_URL: { description: 'Meilisearch base URL', default: '', parse: optional(url('http', 'https')) },
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
    parse: optional(oneOf('rest', 'ollama', 'huggingFace', 'openAi')),
  },
  MEILI_EMBEDDER_URL: {
    description: 'embedding service URL (rest: required; ollama: e.g. http://ollama:11434/api/embed)',
    default: '',
    parse: optional(url('http', 'https')),
  },
  MEILI_EMBEDDER_MODEL: { description: 'embedding model (ollama, huggingFace, openAi)', default: '', parse: str() },
  MEILI_EMBEDDER_API_KEY: { description: 'API key of the embedding service, if it needs one', default: '', parse: str() },
  MEILI_EMBEDDER_DIMENSIONS: { description: 'embedding dimensions; 0 = as the model reports', default: '0', parse: int(0, 8192) },
  MEILI_EMBEDDER_REQUEST: {
    description: 'rest only: JSON request template with "{{text}}"',
    default: '',
    parse: optional(json),
  },
  MEILI_EMBEDDER_RESPONSE: {
    description: 'rest only: JSON response template with "{{embedding}}"',
    default: '',
    parse: optional(json),
  },
  MEILI_EMBEDDER_SEMANTIC_RATIO: {
    description: 'share of semantic ranking in hybrid search, 0 to 1',
    default: '0.5',
    parse: (raw: string) => (/^(0(\.\d+)?|1(\.0+)?)$/.test(raw.trim()) ? Number(raw) : fail('must be a number from 0 to 1')),
  },
} satisfies Record<string, EnvVariable<unknown>>;
