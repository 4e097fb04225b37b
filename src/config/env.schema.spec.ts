import { loadAppConfig } from './app-config';
import { InvalidConfigurationError, readEnv } from './env.schema';

describe('configuration', () => {
  it('has sensible embedded defaults', () => {
    const config = loadAppConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe('');
    expect(config.database.embedded).toEqual({ dataDir: '.data', port: 5499 });
    expect(config.search.engine).toBe('postgres');
    expect(config.http.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('chooses Meilisearch when MEILI_URL is set and no engine is named', () => {
    expect(loadAppConfig({ MEILI_URL: 'http://meili:7700' }).search.engine).toBe('meilisearch');
    expect(loadAppConfig({ MEILI_URL: 'http://meili:7700', SEARCH_ENGINE: 'postgres' }).search.engine).toBe('postgres');
  });

  it('Meilisearch: separate timeouts, an index uid, hybrid search off unless an embedder is configured and complete', () => {
    const plain = loadAppConfig({ MEILI_URL: 'http://meili:7700' }).search.meilisearch;
    expect(plain).toEqual({
      index: 'kennisbank_articles',
      searchTimeoutMs: 1500,
      writeTimeoutMs: 30000,
      taskTimeoutMs: 120000,
      embedder: null,
    });
    const hybrid = loadAppConfig({
      MEILI_URL: 'http://meili:7700',
      MEILI_EMBEDDER_SOURCE: 'ollama',
      MEILI_EMBEDDER_URL: 'http://ollama:11434/api/embed',
      MEILI_EMBEDDER_MODEL: 'nomic-embed-text',
      MEILI_EMBEDDER_SEMANTIC_RATIO: '0.3',
    }).search.meilisearch.embedder;
    expect(hybrid).toMatchObject({ source: 'ollama', model: 'nomic-embed-text', semanticRatio: 0.3 });
    const problems = (env: Record<string, string>) => {
      try {
        readEnv(env);
        return [];
      } catch (e) {
        return (e as InvalidConfigurationError).problems;
      }
    };
    expect(problems({ MEILI_EMBEDDER_SOURCE: 'ollama' })).toEqual([expect.stringContaining('needs MEILI_EMBEDDER_MODEL')]);
    expect(problems({ MEILI_EMBEDDER_SOURCE: 'rest', MEILI_EMBEDDER_URL: 'https://e.example' })).toEqual([
      expect.stringContaining('MEILI_EMBEDDER_REQUEST and MEILI_EMBEDDER_RESPONSE'),
    ]);
    expect(
      problems({ MEILI_EMBEDDER_SOURCE: 'cohere', MEILI_EMBEDDER_SEMANTIC_RATIO: '1.5', MEILI_EMBEDDER_REQUEST: '{', MEILI_INDEX: 'a b' })
        .map((p) => p.split('=')[0])
        .sort(),
    ).toEqual(['MEILI_EMBEDDER_REQUEST', 'MEILI_EMBEDDER_SEMANTIC_RATIO', 'MEILI_EMBEDDER_SOURCE', 'MEILI_INDEX']);
    expect(problems({ MEILI_TASK_TIMEOUT_MS: '5' })).toEqual([expect.stringContaining('MEILI_TASK_TIMEOUT_MS')]);
  });

  it('lists every bad variable in one error, with what is expected', () => {
    let error: unknown;
    try {
      readEnv({ PORT: '70000', DATABASE_URL: 'mysql://x', SEARCH_ENGINE: 'elastic', AUTH_JWT_SECRET: 'short', SWAGGER_ENABLED: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    const problems = (error as InvalidConfigurationError).problems;
    expect(problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'DATABASE_URL', 'SEARCH_ENGINE', 'AUTH_JWT_SECRET', 'SWAGGER_ENABLED']);
    expect(problems[0]).toContain('must be a whole number from 1 to 65535');
    expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}- PORT="70000"/);
  });

  it.each([
    ['PORT', '3000abc'],
    ['PORT', '-1'],
    ['BODY_LIMIT', '1.5'],
    ['PUBLIC_BASE_URL', 'localhost:3000'],
    ['REDIS_URL', 'http://redis'],
    ['LOAD_FIXTURES', 'yes'],
    ['LOG_LEVEL', 'trace'],
    ['CORS_ALLOWED_ORIGINS', '*'],
    ['CORS_ALLOWED_ORIGINS', 'https://www.lindeveen.nl/producten'],
    ['CORS_ALLOWED_ORIGINS', 'www.lindeveen.nl'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'load-balancer'],
    ['RATE_LIMIT_STAFF', '-5'],
    ['METRICS_TOKEN', 'short'],
    ['WORKER_HEALTH_PORT', '70000'],
    ['WORKER_HEARTBEAT_SECONDS', '0'],
    ['DATABASE_CONNECT_TIMEOUT_MS', '10'],
    ['LINK_CHECK_CRON', 'weekly'],
    ['CONTENT_GAPS_CRON', '0 3 * *'],
    ['LINK_CHECK_CONCURRENCY', '0'],
    ['LINK_CHECK_ALLOW_PRIVATE', 'sometimes'],
    ['STEWARDSHIP_SCAN_CRON', '30 25 * * *'],
    ['STEWARDSHIP_DIGEST_CRON', '@weekly'],
    ['KENNISREGISSEUR_EMAIL', 'kennisregisseur'],
    ['REVIEW_SPREAD_DAYS', '3'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => readEnv({ [name]: value })).toThrow(InvalidConfigurationError);
  });

  it('reads CORS origins and proxies as lists', () => {
    const config = loadAppConfig({
      CORS_ALLOWED_ORIGINS: 'https://www.lindeveen.nl/, http://localhost:8080',
      TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8',
    });
    expect(config.http.corsOrigins).toEqual(['https://www.lindeveen.nl', 'http://localhost:8080']);
    expect(config.http.trustProxy).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8']);
    expect(loadAppConfig({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadAppConfig({}).http).toMatchObject({ corsOrigins: [], trustProxy: false });
  });

  it('has operations defaults: open metrics, worker health on 3001, a 10 s heartbeat, a 3 s connect timeout', () => {
    const config = loadAppConfig({});
    expect(config.metrics).toEqual({ token: '' });
    expect(config.worker).toEqual({ healthPort: 3001, heartbeatSeconds: 10 });
    expect(config.database.connectTimeoutMs).toBe(3000);
    expect(loadAppConfig({ WORKER_HEALTH_PORT: '0' }).worker.healthPort).toBe(0);
  });

  it('reads the job schedules and link-check limits, normalising cron spacing', () => {
    const config = loadAppConfig({ LINK_CHECK_CRON: ' 15  4 * * 0 ', LINK_CHECK_ALLOW_PRIVATE: 'true' });
    expect(config.linkCheck).toEqual({
      cron: '15 4 * * 0',
      timeoutMs: 10_000,
      retries: 2,
      retryDelayMs: 1000,
      concurrency: 8,
      allowPrivate: true,
    });
    expect(config.contentGaps).toEqual({ cron: '30 5 * * *', windowDays: 30, minSearches: 2 });
  });

  it('reads the stewardship schedule, "off" included, and the kennisregisseur', () => {
    const defaults = loadAppConfig({}).stewardship;
    expect(defaults).toMatchObject({
      scanCron: '30 6 * * *',
      digestCron: '0 7 * * 1',
      kennisregisseurEmail: '',
      retry: { attempts: 6, baseMs: 60_000 },
    });
    const set = loadAppConfig({
      STEWARDSHIP_SCAN_CRON: ' 0 5 * * 1-5 ',
      STEWARDSHIP_DIGEST_CRON: 'off',
      KENNISREGISSEUR_EMAIL: 'Regie@Lindeveen.nl',
    }).stewardship;
    expect(set).toMatchObject({ scanCron: '0 5 * * 1-5', digestCron: null, kennisregisseurEmail: 'regie@lindeveen.nl' });
  });

  it('strips a trailing slash from the public base URL', () => {
    expect(loadAppConfig({ PUBLIC_BASE_URL: 'https://kennisbank.lindeveen.nl/' }).http.publicBaseUrl).toBe(
      'https://kennisbank.lindeveen.nl',
    );
  });
});
