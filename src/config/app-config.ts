import { Env, readEnv } from './env.schema';
import { acceptsLocalTokens } from './local-token-settings';

/** Meilisearch beyond URL and key: index, timeouts, optional hybrid search (null = off). */
/** Hybrid search: Meilisearch embeds documents and queries itself with this source (MEILI_EMBEDDER_*). */
export interface MeilisearchEmbedder {
  source: 'rest' | 'ollama' | 'huggingFace' | 'openAi';
  url?: string;
  model?: string;
  apiKey?: string;
  dimensions?: number;
  /** rest only: the request and response shapes, with `{{text}}` / `{{embedding}}` placeholders */
  request?: unknown;
  response?: unknown;
  /** 0 = lexical only, 1 = semantic only */
  semanticRatio: number;
}

export interface MeilisearchConfig {
  index: string;
  searchTimeoutMs: number;
  writeTimeoutMs: number;
  taskTimeoutMs: number;
  embedder: MeilisearchEmbedder | null;
}

/** The typed, nested configuration the rest of the code depends on (never process.env). */
export interface AppConfig {
  env: Env['NODE_ENV'];
  http: {
    port: number;
    bodyLimit: number;
    publicBaseUrl: string;
    swagger: boolean;
    /** exact origins that get CORS headers; empty: no cross-origin browser access */
    corsOrigins: string[];
    /** Express "trust proxy" */
    trustProxy: false | number | string[];
  };
  /** Per-process fixed windows; a limit of 0 is off. */
  rateLimits: { windowSeconds: number; anonymous: number; staff: number; authFailures: number; authFailureWindowSeconds: number };
  logLevel: Env['LOG_LEVEL'];
  database: {
    url: string;
    poolSize: number;
    connectTimeoutMs: number;
    embedded: { dataDir: string; port: number };
    loadFixtures: Env['LOAD_FIXTURES'];
  };
  redis: { url: string };
  /** METRICS_TOKEN: when set, /metrics needs it as a bearer token */
  metrics: { token: string };
  worker: { healthPort: number; heartbeatSeconds: number };
  search: {
    engine: 'postgres' | 'meilisearch';
    meiliUrl: string;
    meiliApiKey: string;
    cacheSize: number;
    meilisearch: MeilisearchConfig;
    /** SEARCH_ENGINE_CONCURRENCY, SEARCH_ENGINE_QUEUE: the engine gate (see EngineGate) */
    engineConcurrency: number;
    engineQueue: number;
  };
  auth: {
    jwtSecret: string;
    /** HS256 tokens signed with jwtSecret are accepted (with OIDC only after AUTH_ACCEPT_LOCAL_TOKENS=true) */
    localTokens: boolean;
    issuer: string;
    audience: string;
    jwksUrl: string;
    clockToleranceSeconds: number;
    jwksCooldownSeconds: number;
    /** no authentication configured (development only): every request acts as a local account */
    open: boolean;
    /** the werkplek's OIDC client */
    uiClientId: string;
    /** the werkplek's development login (local tokens for a chosen role) */
    devLogin: boolean;
  };
  smtp: { url: string };
  notifications: { mailFrom: string; webhookUrl: string };
  municipality: { name: string; owmsUri: string; productUrl: string };
  catalog: { maxAgeSeconds: number; staleWhileRevalidateSeconds: number; maxPageSize: number };
  contentGaps: { cron: string; windowDays: number; minSearches: number };
  searchLearning: { cron: string; windowDays: number; minSearchers: number; minDays: number };
  linkCheck: { cron: string; timeoutMs: number; retries: number; retryDelayMs: number; concurrency: number; allowPrivate: boolean };
  stewardship: {
    /** cron patterns (Europe/Amsterdam); null: not scheduled */
    scanCron: string | null;
    digestCron: string | null;
    kennisregisseurEmail: string;
    retry: { attempts: number; baseMs: number };
    storm: { weeklyCap: number; spreadDays: number };
  };
}

export function toAppConfig(env: Env): AppConfig {
  return {
    env: env.NODE_ENV,
    http: {
      port: env.PORT,
      bodyLimit: env.BODY_LIMIT,
      publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, ''),
      swagger: env.SWAGGER_ENABLED,
      corsOrigins: env.CORS_ALLOWED_ORIGINS,
      trustProxy: env.TRUST_PROXY,
    },
    rateLimits: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      anonymous: env.RATE_LIMIT_ANONYMOUS,
      staff: env.RATE_LIMIT_STAFF,
      authFailures: env.RATE_LIMIT_AUTH_FAILURES,
      authFailureWindowSeconds: env.RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      embedded: { dataDir: env.DATA_DIR, port: env.EMBEDDED_DATABASE_PORT },
      loadFixtures: env.LOAD_FIXTURES,
    },
    redis: { url: env.REDIS_URL },
    metrics: { token: env.METRICS_TOKEN },
    worker: { healthPort: env.WORKER_HEALTH_PORT, heartbeatSeconds: env.WORKER_HEARTBEAT_SECONDS },
    search: {
      engine: env.SEARCH_ENGINE || (env.MEILI_URL ? 'meilisearch' : 'postgres'),
      meiliUrl: env.MEILI_URL,
      meiliApiKey: env.MEILI_API_KEY,
      cacheSize: env.SEARCH_CACHE_SIZE,
      meilisearch: {
        index: env.MEILI_INDEX,
        searchTimeoutMs: env.MEILI_SEARCH_TIMEOUT_MS,
        writeTimeoutMs: env.MEILI_WRITE_TIMEOUT_MS,
        taskTimeoutMs: env.MEILI_TASK_TIMEOUT_MS,
        embedder: env.MEILI_EMBEDDER_SOURCE
          ? {
              source: env.MEILI_EMBEDDER_SOURCE,
              url: env.MEILI_EMBEDDER_URL || undefined,
              model: env.MEILI_EMBEDDER_MODEL || undefined,
              apiKey: env.MEILI_EMBEDDER_API_KEY || undefined,
              dimensions: env.MEILI_EMBEDDER_DIMENSIONS || undefined,
              request: env.MEILI_EMBEDDER_REQUEST ? JSON.parse(env.MEILI_EMBEDDER_REQUEST) : undefined,
              response: env.MEILI_EMBEDDER_RESPONSE ? JSON.parse(env.MEILI_EMBEDDER_RESPONSE) : undefined,
              semanticRatio: env.MEILI_EMBEDDER_SEMANTIC_RATIO,
            }
          : null,
      },
      engineConcurrency: env.SEARCH_ENGINE_CONCURRENCY,
      engineQueue: env.SEARCH_ENGINE_QUEUE,
    },
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      localTokens: acceptsLocalTokens(env),
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
      jwksCooldownSeconds: env.AUTH_JWKS_COOLDOWN_SECONDS,
      open: !env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL,
      uiClientId: env.AUTH_UI_CLIENT_ID,
      devLogin: env.AUTH_DEV_LOGIN === 'auto' ? acceptsLocalTokens(env) && env.NODE_ENV !== 'production' : env.AUTH_DEV_LOGIN === 'true',
    },
    smtp: { url: env.SMTP_URL },
    notifications: { mailFrom: env.MAIL_FROM, webhookUrl: env.NOTIFY_WEBHOOK_URL },
    municipality: { name: env.MUNICIPALITY_NAME, owmsUri: env.MUNICIPALITY_OWMS_URI, productUrl: env.WEBSITE_PRODUCT_URL },
    catalog: {
      maxAgeSeconds: env.CATALOG_MAX_AGE_SECONDS,
      staleWhileRevalidateSeconds: env.CATALOG_STALE_WHILE_REVALIDATE_SECONDS,
      maxPageSize: env.CATALOG_MAX_PAGE_SIZE,
    },
    contentGaps: { cron: env.CONTENT_GAPS_CRON, windowDays: env.CONTENT_GAPS_WINDOW_DAYS, minSearches: env.CONTENT_GAPS_MIN_SEARCHES },
    searchLearning: {
      cron: env.SEARCH_LEARNING_CRON,
      windowDays: env.SEARCH_LEARNING_WINDOW_DAYS,
      minSearchers: env.SEARCH_LEARNING_MIN_SEARCHERS,
      minDays: env.SEARCH_LEARNING_MIN_DAYS,
    },
    linkCheck: {
      cron: env.LINK_CHECK_CRON,
      timeoutMs: env.LINK_CHECK_TIMEOUT_MS,
      retries: env.LINK_CHECK_RETRIES,
      retryDelayMs: env.LINK_CHECK_RETRY_DELAY_MS,
      concurrency: env.LINK_CHECK_CONCURRENCY,
      allowPrivate: env.LINK_CHECK_ALLOW_PRIVATE,
    },
    stewardship: {
      scanCron: env.STEWARDSHIP_SCAN_CRON === 'off' ? null : env.STEWARDSHIP_SCAN_CRON,
      digestCron: env.STEWARDSHIP_DIGEST_CRON === 'off' ? null : env.STEWARDSHIP_DIGEST_CRON,
      kennisregisseurEmail: env.KENNISREGISSEUR_EMAIL,
      retry: { attempts: env.STEWARDSHIP_RETRY_ATTEMPTS, baseMs: env.STEWARDSHIP_RETRY_BASE_SECONDS * 1000 },
      storm: { weeklyCap: env.REVIEW_STORM_WEEKLY_CAP, spreadDays: env.REVIEW_SPREAD_DAYS },
    },
  };
}

export const loadAppConfig = (source?: NodeJS.ProcessEnv): AppConfig => toAppConfig(readEnv(source));

/** DI token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
