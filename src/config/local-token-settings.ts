import type { Env } from './env.schema';

/**
 * Secrets that are public because they are (or were) in this repository: compose defaults, examples,
 * tests and benchmarks. Anyone can sign an admin token with them, so production refuses them.
 * `known-secrets.spec.ts` scans the repository and fails when a secret there is not refused.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  // docker-compose.yml's default until it shipped none
  'compose-local-only-secret-change-me-0123456789',
  'test-secret-0123456789-abcdefghijklmnop',
  'another-secret-0123456789-abcdefghijkl',
  'bench-only-secret-0123456789abcdefghijklmnop',
  'bench-secret-0123456789-abcdefghijklmn',
]);

/** Words a generated secret does not contain, but a hand-written placeholder does. */
const PLACEHOLDER = /secret|change-?me|example|placeholder/i;

/** Why a signing secret must not guard a production installation, or null when it may. */
export function publicSecretProblem(secret: string): string | null {
  if (PUBLISHED_SECRETS.has(secret)) return 'is published in the kennisbank repository, so anyone can sign tokens with it';
  if (PLACEHOLDER.test(secret)) return 'looks like a placeholder, not a random value';
  if (new Set(secret).size < 10) return 'is not random (fewer than 10 different characters)';
  return null;
}

const GENERATE = 'generate your own: `npm run env:init` writes fresh random values to .env (or use `openssl rand -hex 32`)';

/** Cross-variable rules for local (HS256) tokens and the development login. */
export function localTokenProblems(env: Env): string[] {
  const problems: string[] = [];
  const oidc = Boolean(env.AUTH_JWKS_URL);
  const production = env.NODE_ENV === 'production';
  const secretProblem = env.AUTH_JWT_SECRET ? publicSecretProblem(env.AUTH_JWT_SECRET) : null;
  if (production && secretProblem) problems.push(`AUTH_JWT_SECRET ${secretProblem}: ${GENERATE}`);
  if (production && env.AUTH_DEV_LOGIN === 'true') {
    problems.push(
      'AUTH_DEV_LOGIN=true is refused with NODE_ENV=production: the development login hands a token for any role, admin included, to whoever asks. ' +
        'Remove it; staff sign in through OIDC, scripts use tokens from `npm run cli -- token`',
    );
  }
  if (env.AUTH_ACCEPT_LOCAL_TOKENS && !env.AUTH_JWT_SECRET)
    problems.push('AUTH_ACCEPT_LOCAL_TOKENS=true needs AUTH_JWT_SECRET (it verifies the local tokens)');
  if (env.AUTH_DEV_LOGIN === 'true' && oidc && !env.AUTH_ACCEPT_LOCAL_TOKENS)
    problems.push('AUTH_DEV_LOGIN=true with OIDC needs AUTH_ACCEPT_LOCAL_TOKENS=true: the development login hands out local tokens');
  return problems;
}

/** Whether HS256 tokens signed with AUTH_JWT_SECRET are accepted: with a secret, and with OIDC only when asked for. */
export const acceptsLocalTokens = (env: Env): boolean =>
  Boolean(env.AUTH_JWT_SECRET) && (!env.AUTH_JWKS_URL || env.AUTH_ACCEPT_LOCAL_TOKENS);
