import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { DomainError } from '../common/errors/domain-error';
import { BoundedMap } from '../common/memo/bounded-map';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthErrorCode, CredentialFault, UnauthenticatedError } from './auth.errors';
import { parseRoles } from '../common/request-context/roles';
import type { Role } from '../common/request-context/actor';

/** What a verified token tells us about the caller. */
export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  name: string;
  roles: Role[];
  departments: string[];
}

/** Issuer and audience of the HS256 tokens `npm run cli -- token` mints; a client minting its own needs them too. */
export const LOCAL_ISSUER = 'kennisbank-local';
export const LOCAL_AUDIENCE = 'kennisbank';

/**
 * A verified token is remembered (by its exact string) this long, never past its `exp`: an agent's
 * werkplek sends the same token with every keystroke, and checking its signature again each time was
 * a quarter of the CPU of a cached search. Nothing about a token can change in that time (revocation
 * is by expiry; users and roles come from the claims), and failures are never remembered.
 */
const VERIFIED_TTL_MS = 30_000;
const MAX_VERIFIED = 10_000;

/**
 * Verifies staff bearer tokens: RS/ES/PS-signed tokens against the identity provider's JWKS (keys
 * fetched and cached by `kid`, refetched when an unknown `kid` appears, so rotation just works), and
 * HS256 tokens only when AUTH_JWT_SECRET is set and, with OIDC configured, AUTH_ACCEPT_LOCAL_TOKENS
 * too: an operator who adds OIDC should not keep a second way in by accident. Expiry has a small
 * clock-skew tolerance.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret?: Uint8Array;
  private readonly verified = new BoundedMap<string, { identity: VerifiedIdentity; until: number }>(MAX_VERIFIED);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwksUrl, jwtSecret } = config.auth;
    if (jwksUrl)
      this.jwks = createRemoteJWKSet(new URL(jwksUrl), {
        cooldownDuration: config.auth.jwksCooldownSeconds * 1000,
        timeoutDuration: 5_000,
      });
    if (jwtSecret && config.auth.localTokens) this.secret = new TextEncoder().encode(jwtSecret);
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.until) return copyOf(known.identity);
    if (known) this.verified.delete(token);
    const identity = await this.verifyNow(token);
    const until = Math.min(Date.now() + VERIFIED_TTL_MS, identity.expiresAt * 1000);
    if (until > Date.now()) this.verified.set(token, { identity: identity.identity, until });
    return copyOf(identity.identity);
  }

  private async verifyNow(token: string): Promise<{ identity: VerifiedIdentity; expiresAt: number }> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw invalid('The token is not a JWT');
    }
    const tolerance = this.config.auth.clockToleranceSeconds;
    let payload: JWTPayload;
    try {
      if (alg === 'HS256') {
        if (!this.secret)
          throw invalid(
            this.jwks
              ? 'Local (HS256) tokens are not accepted here: sign in through the identity provider'
              : 'HS256 tokens are not accepted here',
          );
        ({ payload } = await jwtVerify(token, this.secret, {
          algorithms: ['HS256'],
          issuer: LOCAL_ISSUER,
          audience: LOCAL_AUDIENCE,
          clockTolerance: tolerance,
          requiredClaims: ['exp', 'sub'],
        }));
      } else {
        if (!this.jwks) throw invalid('Tokens from an identity provider are not configured here');
        ({ payload } = await jwtVerify(token, this.jwks, {
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'],
          issuer: this.config.auth.issuer,
          audience: this.config.auth.audience,
          clockTolerance: tolerance,
          requiredClaims: ['exp', 'sub'],
        }));
      }
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      const code = (error as { code?: string })?.code;
      // Our identity provider being unreachable is not the caller's fault.
      if (code === 'ERR_JWKS_TIMEOUT' || (error instanceof TypeError && /fetch/i.test(error.message))) {
        throw new DomainError('unavailable', 'IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider cannot be reached; try again shortly');
      }
      // jose checks the signature before the claims: a claim that fails (expired, another audience)
      // belongs to a token we or the identity provider really issued.
      const authentic = code === 'ERR_JWT_EXPIRED' || code === 'ERR_JWT_CLAIM_VALIDATION_FAILED';
      throw invalid(describe(error), authentic ? CredentialFault.Authentic : CredentialFault.Untrusted);
    }
    return { identity: toIdentity(payload), expiresAt: payload.exp! };
  }
}

/** The caller gets its own arrays: a remembered identity is never changed through an actor. */
const copyOf = (identity: VerifiedIdentity): VerifiedIdentity => ({
  ...identity,
  roles: [...identity.roles],
  departments: [...identity.departments],
});

function toIdentity(payload: JWTPayload): VerifiedIdentity {
  const claims = payload as JWTPayload & Record<string, unknown>;
  // Keycloak keeps roles in realm_access.roles; Entra ID and our local tokens in roles.
  const realmRoles = (claims.realm_access as { roles?: unknown } | undefined)?.roles;
  const email =
    typeof claims.email === 'string'
      ? claims.email
      : typeof claims.preferred_username === 'string' && claims.preferred_username.includes('@')
        ? claims.preferred_username
        : null;
  return {
    subject: payload.sub!,
    email: email?.toLowerCase() ?? null,
    name: typeof claims.name === 'string' ? claims.name : '',
    roles: [...new Set([...parseRoles(claims.roles), ...parseRoles(realmRoles)])],
    departments: Array.isArray(claims.departments) ? claims.departments.filter((d): d is string => typeof d === 'string') : [],
  };
}

const invalid = (message: string, fault = CredentialFault.Untrusted) =>
  new UnauthenticatedError(AuthErrorCode.InvalidToken, message, fault);

function describe(error: unknown): string {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'The token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `The token is not meant for this service (${(error as { claim?: string }).claim ?? 'claim'} mismatch)`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The token signature is not valid';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'The token was signed with a key the identity provider does not publish';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The token algorithm is not accepted';
    case 'ERR_JWKS_TIMEOUT':
      return 'The identity provider did not answer';
    default:
      return 'The token is not valid';
  }
}
