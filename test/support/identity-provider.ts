import { JWK, KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const OIDC_ISSUER = 'https://idp.lindeveen.test/realms/kcc';
export const OIDC_AUDIENCE = 'kennisbank-api';

interface Key {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

/** A real JWKS endpoint on localhost with RSA keys that can be rotated, and a token signer. */
export class TestIdentityProvider {
  private readonly server = http.createServer((req, res) => {
    this.fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
  });
  private published: Key[] = [];
  fetches = 0;

  async start(): Promise<string> {
    this.published = [await newKey('key-1')];
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/protocol/openid-connect/certs`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  /** Publishes a new key next to the old one and returns its id. */
  async rotate(kid: string): Promise<string> {
    this.published = [await newKey(kid), ...this.published];
    return kid;
  }

  async token(
    claims: Record<string, unknown>,
    options: { kid?: string; audience?: string; issuer?: string; expiresIn?: number; key?: Key } = {},
  ): Promise<string> {
    const key = options.key ?? this.published.find((k) => k.kid === (options.kid ?? this.published[this.published.length - 1].kid))!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(options.issuer ?? OIDC_ISSUER)
      .setAudience(options.audience ?? OIDC_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 300))
      .sign(key.privateKey);
  }

  /** A key the provider never published. */
  unpublishedKey(kid: string): Promise<Key> {
    return newKey(kid);
  }
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwk };
}
