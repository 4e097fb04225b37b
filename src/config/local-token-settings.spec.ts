import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadAppConfig } from './app-config';
import { InvalidConfigurationError, readEnv } from './env.schema';
import { publicSecretProblem } from './local-token-settings';

const GOOD = 'q7Vx2LmR9tYc4KpW8nZs3HdF6jBg1NaE5uTo0wXy'; // random-looking, in no config or example
const OIDC = {
  AUTH_ISSUER: 'https://login.lindeveen.nl/realms/gemeente',
  AUTH_AUDIENCE: 'kennisbank',
  AUTH_JWKS_URL: 'https://login.lindeveen.nl/realms/gemeente/certs',
};

/** The start-up problems for these variables (none: []). */
function problems(env: Record<string, string>): string[] {
  try {
    readEnv(env);
    return [];
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
}

describe('production secrets and local tokens', () => {
  it('starts in production with a fresh secret', () => {
    expect(problems({ NODE_ENV: 'production', AUTH_JWT_SECRET: GOOD })).toEqual([]);
  });

  it.each([
    ['missing', {}, /needs authentication.*npm run env:init/],
    ['short', { AUTH_JWT_SECRET: 'a-short-but-random-Xq7' }, /AUTH_JWT_SECRET=\(value hidden\) must be at least 32 characters/],
    [
      'from the old compose default',
      { AUTH_JWT_SECRET: 'compose-local-only-secret-change-me-0123456789' },
      /published in the kennisbank repository.*npm run env:init/,
    ],
    ['a test secret', { AUTH_JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnop' }, /published in the kennisbank repository/],
    ['a placeholder', { AUTH_JWT_SECRET: 'please-change-me-to-something-long-0123' }, /placeholder/],
    ['not random', { AUTH_JWT_SECRET: 'a'.repeat(40) }, /not random/],
  ])('refuses to start in production with a %s secret, saying what to do', (_case, env, message) => {
    const found = problems({ NODE_ENV: 'production', ...env });
    expect(found).toContainEqual(expect.stringMatching(message));
    const secret = (env as Record<string, string>).AUTH_JWT_SECRET;
    if (secret) expect(found.join('\n')).not.toContain(secret); // never echoed into the log
  });

  it('accepts the repository secrets outside production (tests, development)', () => {
    expect(problems({ NODE_ENV: 'test', AUTH_JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnop' })).toEqual([]);
  });

  it('refuses AUTH_DEV_LOGIN=true in production, also with OIDC, and explains the alternative', () => {
    const found = problems({ NODE_ENV: 'production', AUTH_JWT_SECRET: GOOD, AUTH_DEV_LOGIN: 'true' });
    expect(found).toEqual([expect.stringMatching(/^AUTH_DEV_LOGIN=true is refused with NODE_ENV=production.*Remove it/)]);
    expect(
      problems({ NODE_ENV: 'production', ...OIDC, AUTH_JWT_SECRET: GOOD, AUTH_ACCEPT_LOCAL_TOKENS: 'true', AUTH_DEV_LOGIN: 'true' }),
    ).toEqual([expect.stringMatching(/^AUTH_DEV_LOGIN=true is refused/)]);
    expect(loadAppConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: GOOD }).auth.devLogin).toBe(false); // auto
  });

  it('turns local tokens off once OIDC is configured, unless AUTH_ACCEPT_LOCAL_TOKENS=true', () => {
    expect(loadAppConfig({ AUTH_JWT_SECRET: GOOD }).auth.localTokens).toBe(true);
    expect(loadAppConfig({ ...OIDC, AUTH_JWT_SECRET: GOOD }).auth).toMatchObject({ localTokens: false, devLogin: false });
    expect(loadAppConfig({ ...OIDC, AUTH_JWT_SECRET: GOOD, AUTH_ACCEPT_LOCAL_TOKENS: 'true' }).auth.localTokens).toBe(true);
    expect(problems({ ...OIDC, AUTH_ACCEPT_LOCAL_TOKENS: 'true' })).toEqual([expect.stringMatching(/needs AUTH_JWT_SECRET/)]);
  });
});

describe('secrets in the repository', () => {
  const root = join(__dirname, '..', '..');
  const skip = new Set(['node_modules', 'dist', 'coverage', '.git', 'content-fixtures', 'package-lock.json']);
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      if (skip.has(name) || name === '.env') return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.(ts|js|mjs|md|ya?ml|json|sh|env\.example)$|^run$|^Dockerfile$/.test(name) ? [path] : [];
    });
  // Where a signing secret is written down: env assignments, compose defaults, SECRET constants, mint calls.
  const patterns = [
    /AUTH_JWT_SECRET\s*[:=]\s*['"]?(?:\$\{AUTH_JWT_SECRET:-)?([^\s'"`,;})\\]{8,})/g,
    /\b\w*(?:SECRET|[sS]ecret)\w*\s*[:=]\s*['"`]([^'"`\s]{16,})['"`]/g,
    /mintLocalToken\(\s*['"`]([^'"`]{16,})['"`]/g,
  ];

  it('refuses in production every secret the repository contains', () => {
    const found = new Map<string, string>();
    for (const file of files(root)) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns)
        for (const match of text.matchAll(pattern)) if (!match[1].includes('${')) found.set(match[1], relative(root, file));
    }
    expect(found.has('test-secret-0123456789-abcdefghijklmnop')).toBe(true); // the scan finds what tests use
    const accepted = [...found].filter(([secret]) => secret.length >= 32 && secret !== GOOD && !publicSecretProblem(secret));
    expect(accepted).toEqual([]);
  });

  it('ships docker-compose.yml with no secret values', () => {
    const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
    const defaults = [...compose.matchAll(/\$\{(\w*(?:SECRET|KEY|PASSWORD|TOKEN)):-([^}]*)\}/g)].map(([, name, value]) => [name, value]);
    expect(defaults.length).toBeGreaterThanOrEqual(4);
    expect(defaults.filter(([, value]) => value !== '')).toEqual([]);
  });
});
