import { loadAppConfig } from '../config/app-config';
import { mintLocalToken } from './local-token';
import { TokenVerifier } from './token-verifier';

// Beside config/local-token-settings.spec.ts, which holds the rules for the variables themselves.
const GOOD = 'q7Vx2LmR9tYc4KpW8nZs3HdF6jBg1NaE5uTo0wXy'; // random-looking, in no config or example
const OIDC = {
  AUTH_ISSUER: 'https://login.lindeveen.nl/realms/gemeente',
  AUTH_AUDIENCE: 'kennisbank',
  AUTH_JWKS_URL: 'https://login.lindeveen.nl/realms/gemeente/certs',
};

describe('local tokens with OIDC configured', () => {
  it('refuses HS256 tokens with OIDC configured, and accepts them after the opt-in', async () => {
    const token = await mintLocalToken(GOOD, { sub: 'admin-1', roles: ['admin'] });
    const oidcOnly = new TokenVerifier(loadAppConfig({ ...OIDC, AUTH_JWT_SECRET: GOOD }));
    await expect(oidcOnly.verify(token)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
      message: expect.stringContaining('sign in through the identity provider'),
    });
    const optedIn = new TokenVerifier(loadAppConfig({ ...OIDC, AUTH_JWT_SECRET: GOOD, AUTH_ACCEPT_LOCAL_TOKENS: 'true' }));
    await expect(optedIn.verify(token)).resolves.toMatchObject({ subject: 'admin-1', roles: ['admin'] });
  });
});

describe('remembered tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token it verified from memory, but never past its expiry', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const verifier = new TokenVerifier(loadAppConfig({ AUTH_JWT_SECRET: GOOD, AUTH_CLOCK_TOLERANCE_SECONDS: '0' }));
    const token = await mintLocalToken(GOOD, { sub: 'agent-1', roles: ['agent'] }, 20);
    const first = await verifier.verify(token);
    first.roles.push('admin');
    // The caller's arrays are its own: a change to them does not reach the next request.
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'agent-1', roles: ['agent'] });
    jest.setSystemTime(new Date('2026-03-02T09:00:21Z'));
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'INVALID_TOKEN', message: 'The token has expired' });
  });
});
