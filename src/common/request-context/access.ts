import { Controller, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Role } from './actor';
import { API_KEY_SCHEME, BEARER_SCHEME, METRICS_TOKEN_SCHEME } from '../http/openapi-document';

/**
 * Who may call a route: anyone, staff with at least this role, or (`metrics`) the Prometheus scraper,
 * which presents METRICS_TOKEN when one is set and anything without it. Every route states one.
 */
export type AccessRule = 'public' | 'metrics' | Role;

export const ACCESS_KEY = 'kennisbank:access';

/** The rule for the guard, and the same rule for the OpenAPI document (which credentials it takes). */
export function Access(rule: AccessRule) {
  const forGuard = SetMetadata(ACCESS_KEY, rule);
  if (rule === 'public') return forGuard;
  if (rule === 'metrics') return applyDecorators(forGuard, ApiBearerAuth(METRICS_TOKEN_SCHEME));
  return applyDecorators(forGuard, ApiBearerAuth(BEARER_SCHEME), ApiSecurity(API_KEY_SCHEME));
}

/**
 * The head of every controller: its path, its OpenAPI tag and the access rule its routes share (a route
 * states its own `@Access` where it differs; without a shared rule, every route states one).
 */
export function ApiController({ path, tag, access }: { path: string; tag: string; access?: AccessRule }) {
  return applyDecorators(ApiTags(tag), Controller(path), ...(access ? [Access(access)] : []));
}
