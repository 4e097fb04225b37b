import type { Role } from '../../common/request-context/actor';

/** A key acts with at most one of these roles; never admin (keys cannot manage keys). */
export const API_KEY_ROLES = ['agent', 'editor', 'coordinator'] as const satisfies readonly Role[];
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const SCOPE_PATTERN = /^[a-z][a-z0-9-]*(:read)?$/;
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Whether a key with `scopes` may call a route of the API areas `areas` (the route's OpenAPI tags)
 * with `method`: `<area>` opens the whole area, `<area>:read` only its GET routes. The route's role
 * (@Access) is checked separately against the key's role; a scope never adds rights.
 */
export function scopesAllow(scopes: readonly string[], areas: readonly string[], method: string): boolean {
  const read = READ_METHODS.has(method.toUpperCase());
  return areas.some((area) => scopes.includes(area) || (read && scopes.includes(`${area}:read`)));
}
