import { Env, readEnv } from './env.schema';

/** The typed, nested configuration the rest of the code depends on (never process.env). */
export interface AppConfig {
  env: Env['NODE_ENV'];
  http: { port: number; bodyLimit: number; publicBaseUrl: string; swagger: boolean };
  logLevel: Env['LOG_LEVEL'];
  database: {
    url: string;
    poolSize: number;
    embedded: { dataDir: string; port: number };
    loadFixtures: Env['LOAD_FIXTURES'];
  };
  redis: { url: string };
  search: { engine: 'postgres' | 'meilisearch'; meiliUrl: string; meiliApiKey: string; cacheSize: number };
  auth: {
    jwtSecret: string;
    issuer: string;
    audience: string;
    jwksUrl: string;
    clockToleranceSeconds: number;
    jwksCooldownSeconds: number;
    /** no authentication configured (development only): every request acts as a local account */
    open: boolean;
  };
  smtp: { url: string };
  notifications: { mailFrom: string; webhookUrl: string };
  municipality: { name: string; owmsUri: string; productUrl: string };
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
    },
    logLevel: env.LOG_LEVEL,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      embedded: { dataDir: env.DATA_DIR, port: env.EMBEDDED_DATABASE_PORT },
      loadFixtures: env.LOAD_FIXTURES,
    },
    redis: { url: env.REDIS_URL },
    search: {
      engine: env.SEARCH_ENGINE || (env.MEILI_URL ? 'meilisearch' : 'postgres'),
      meiliUrl: env.MEILI_URL,
      meiliApiKey: env.MEILI_API_KEY,
      cacheSize: env.SEARCH_CACHE_SIZE,
    },
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET,
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      jwksUrl: env.AUTH_JWKS_URL,
      clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
      jwksCooldownSeconds: env.AUTH_JWKS_COOLDOWN_SECONDS,
      open: !env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL,
    },
    smtp: { url: env.SMTP_URL },
    notifications: { mailFrom: env.MAIL_FROM, webhookUrl: env.NOTIFY_WEBHOOK_URL },
    municipality: { name: env.MUNICIPALITY_NAME, owmsUri: env.MUNICIPALITY_OWMS_URI, productUrl: env.WEBSITE_PRODUCT_URL },
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
