// The only place that reads process.env. Every variable is declared once, in the file of its area, with
// a description (used in the start-up error and mirrored in the README), a default and a parser that
// rejects bad values. The areas are composed here in a fixed order: the order of the start-up errors.

import { authEnv } from './env-auth';
import { catalogEnv } from './env-catalog';
import { httpEnv } from './env-http';
import { jobsEnv } from './env-jobs';
import { EnvParseError, EnvVariable } from './env-parsers';
import { searchEnv } from './env-search';
import { storageEnv } from './env-storage';
import { localTokenProblems } from './local-token-settings';

export const envSchema = {
  ...storageEnv,
  ...searchEnv,
  ...authEnv,
  ...jobsEnv,
  ...catalogEnv,
  ...httpEnv,
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
  if (
    typeof env.MEILI_EMBEDDER_SOURCE === 'string' &&
    ['ollama', 'huggingFace', 'openAi'].includes(env.MEILI_EMBEDDER_SOURCE) &&
    !env.MEILI_EMBEDDER_MODEL
  ) {
    problems.push(`MEILI_EMBEDDER_SOURCE=${env.MEILI_EMBEDDER_SOURCE} needs MEILI_EMBEDDER_MODEL`);
  }
  if (env.SEARCH_ENGINE === 'meilisearch' && !env.MEILI_URL) {
    problems.push('SEARCH_ENGINE="meilisearch" needs MEILI_URL (the Meilisearch server)');
  }
  if (problems.length > 0) throw new InvalidConfigurationError(problems);
  return env as Env;
}
