import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '../common/request-context/actor';
import { API_KEY_SCHEME, BEARER_SCHEME } from '../common/http/openapi-document';

/** Who may call a route: anyone, or staff with at least this role. Every route states one. */
export type AccessRule = 'public' | Role;

export const ACCESS_KEY = 'kennisbank:access';

/** The rule for the guard, and the same rule for the OpenAPI document (a bearer token or an API key). */
export const Access = (rule: AccessRule) =>
  rule === 'public'
    ? SetMetadata(ACCESS_KEY, rule)
    : applyDecorators(SetMetadata(ACCESS_KEY, rule), ApiBearerAuth(BEARER_SCHEME), ApiSecurity(API_KEY_SCHEME));
