import { randomBytes } from 'node:crypto';

/**
 * The secrets docker-compose.yml needs and ships no value for, each with a fresh random value.
 * Hex and base64url only: the Postgres password is embedded in DATABASE_URL.
 */
export function freshSecrets(): Record<string, string> {
  return {
    POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
    MEILI_MASTER_KEY: randomBytes(32).toString('base64url'),
    AUTH_JWT_SECRET: randomBytes(48).toString('base64url'),
    METRICS_TOKEN: randomBytes(32).toString('base64url'),
  };
}

/**
 * An .env with fresh secrets for the ones `existing` (the current .env, or '') does not set yet.
 * Existing values are kept: a new POSTGRES_PASSWORD would lock the API out of a database volume that
 * was initialised with the old one.
 */
export function completeEnvFile(existing: string): { text: string; added: string[] } {
  const set = (name: string) => new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=[ \\t]*\\S`, 'm').test(existing);
  const empty = (name: string) => new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=[ \\t]*$`, 'm');
  const missing = Object.entries(freshSecrets()).filter(([name]) => !set(name));
  let text = existing;
  const appended: string[] = [];
  for (const [name, value] of missing) {
    // An empty `NAME=` is filled in place, so the file never names a variable twice.
    if (empty(name).test(text)) text = text.replace(empty(name), `${name}=${value}`);
    else appended.push(`${name}=${value}`);
  }
  if (appended.length) {
    const stamp = `# Fresh random secrets written by \`npm run env:init\` on ${new Date().toISOString().slice(0, 10)}. Never commit this file.`;
    const before = text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    text = `${text}${before}${[stamp, ...appended].join('\n')}\n`;
  }
  return { text, added: missing.map(([name]) => name) };
}
