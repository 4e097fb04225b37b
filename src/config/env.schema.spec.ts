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
    ['STEWARDSHIP_SCAN_CRON', '30 25 * * *'],
    ['STEWARDSHIP_DIGEST_CRON', '@weekly'],
    ['KENNISREGISSEUR_EMAIL', 'kennisregisseur'],
    ['REVIEW_SPREAD_DAYS', '3'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => readEnv({ [name]: value })).toThrow(InvalidConfigurationError);
  });

  it('reads the stewardship schedule, "off" included, and the kennisregisseur', () => {
    const defaults = loadAppConfig({}).stewardship;
    expect(defaults).toMatchObject({ scanCron: '30 6 * * *', digestCron: '0 7 * * 1', kennisregisseurEmail: '', retry: { attempts: 6, baseMs: 60_000 } });
    const set = loadAppConfig({ STEWARDSHIP_SCAN_CRON: ' 0 5 * * 1-5 ', STEWARDSHIP_DIGEST_CRON: 'off', KENNISREGISSEUR_EMAIL: 'Regie@Lindeveen.nl' }).stewardship;
    expect(set).toMatchObject({ scanCron: '0 5 * * 1-5', digestCron: null, kennisregisseurEmail: 'regie@lindeveen.nl' });
  });

  it('strips a trailing slash from the public base URL', () => {
    expect(loadAppConfig({ PUBLIC_BASE_URL: 'https://kennisbank.lindeveen.nl/' }).http.publicBaseUrl).toBe('https://kennisbank.lindeveen.nl');
  });
});
