import { bool, EnvVariable, int, oneOf, optional, secret, str, url } from './env-parsers';

/** Authentication of staff: local HS256 tokens, OIDC, the werkplek client and its development login. */
export const authEnv = {
  AUTH_JWT_SECRET: {
    description:
      'HS256 secret for local/test tokens (iss kennisbank-local, aud kennisbank); only when set are such tokens accepted. Production refuses a secret published in the repository',
    default: '',
    parse: optional(secret(32)),
  },
  AUTH_ACCEPT_LOCAL_TOKENS: {
    description:
      'with OIDC configured, also accept the HS256 tokens AUTH_JWT_SECRET signs (off: only the identity provider signs staff in)',
    default: 'false',
    parse: bool(),
  },
  AUTH_ISSUER: {
    description: 'OIDC issuer of staff tokens',
    default: '',
    parse: optional(url('http', 'https')),
  },
  AUTH_AUDIENCE: { description: 'expected audience (aud) of staff tokens', default: '', parse: str() },
  AUTH_JWKS_URL: {
    description: "the issuer's JWKS endpoint",
    default: '',
    parse: optional(url('http', 'https')),
  },
  AUTH_CLOCK_TOLERANCE_SECONDS: {
    description: 'leeway for exp/nbf of tokens, for clocks that drift',
    default: '60',
    parse: int(0, 600),
  },
  AUTH_JWKS_COOLDOWN_SECONDS: {
    description: 'after fetching the JWKS, wait this long before fetching again for an unknown key id (rotation)',
    default: '30',
    parse: int(0, 3600),
  },
  AUTH_UI_CLIENT_ID: {
    description: 'OIDC client id of the werkplek (web interface): a public client using the authorization-code flow with PKCE',
    default: 'kennisbank-werkplek',
    parse: str(),
  },
  AUTH_DEV_LOGIN: {
    description:
      'development login in the werkplek (pick a role, get a local token): auto = on when local tokens are accepted and NODE_ENV is not production; production refuses true',
    default: 'auto',
    parse: oneOf('auto', 'true', 'false'),
  },
} satisfies Record<string, EnvVariable<unknown>>;
