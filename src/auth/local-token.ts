import { SignJWT } from 'jose';
import type { Role } from '../common/request-context/actor';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './token-verifier';

export interface LocalTokenClaims {
  sub: string;
  roles: Role[];
  departments?: string[];
  email?: string;
  name?: string;
}

/** An HS256 token for local use and tests, accepted only where AUTH_JWT_SECRET is set. */
export function mintLocalToken(secret: string, claims: LocalTokenClaims, ttlSeconds = 8 * 3600, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ roles: claims.roles, departments: claims.departments ?? [], email: claims.email, name: claims.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
