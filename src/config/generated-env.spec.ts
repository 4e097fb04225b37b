import { completeEnvFile, freshSecrets } from './generated-env';
import { localTokenProblems, publicSecretProblem } from './local-token-settings';
import { readEnv } from './env.schema';

describe('generated .env', () => {
  it('has fresh, long, URL-safe values each time', () => {
    const [a, b] = [freshSecrets(), freshSecrets()];
    for (const name of Object.keys(a)) {
      expect(a[name]).not.toBe(b[name]);
      expect(a[name]).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    }
  });

  it('writes every secret into an empty .env, and production accepts the JWT secret', () => {
    const { text, added } = completeEnvFile('');
    expect(added).toEqual(['POSTGRES_PASSWORD', 'MEILI_MASTER_KEY', 'AUTH_JWT_SECRET', 'METRICS_TOKEN']);
    const secret = /^AUTH_JWT_SECRET=(.+)$/m.exec(text)![1];
    expect(publicSecretProblem(secret)).toBeNull();
    expect(localTokenProblems(readEnv({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret }))).toEqual([]);
  });

  it('keeps the values an existing .env has and adds only the missing ones', () => {
    const existing = 'POSTGRES_PASSWORD=kept-from-first-install\nAUTH_JWT_SECRET=\nPUBLIC_BASE_URL=https://kb.lindeveen.nl';
    const { text, added } = completeEnvFile(existing);
    expect(added).toEqual(['MEILI_MASTER_KEY', 'AUTH_JWT_SECRET', 'METRICS_TOKEN']);
    expect(text).toMatch(
      /^POSTGRES_PASSWORD=kept-from-first-install\nAUTH_JWT_SECRET=[\w-]{64}\nPUBLIC_BASE_URL=https:\/\/kb\.lindeveen\.nl\n\n#/,
    );
    for (const name of ['POSTGRES_PASSWORD', 'AUTH_JWT_SECRET', 'MEILI_MASTER_KEY'])
      expect(text.match(new RegExp(`^${name}=`, 'gm'))).toHaveLength(1);
    expect(completeEnvFile(text)).toEqual({ text, added: [] });
  });
});
