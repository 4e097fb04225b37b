import { SetMetadata } from '@nestjs/common';
import type { Role } from '../common/request-context/actor';

/**
 * Who may call a route: anyone, staff with at least this role, or (`metrics`) the Prometheus scraper,
 * which presents METRICS_TOKEN when one is set and anything without it. Every route states one.
 */
export type AccessRule = 'public' | 'metrics' | Role;

export const ACCESS_KEY = 'kennisbank:access';

export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);
