import { SetMetadata } from '@nestjs/common';
import type { Role } from '../common/request-context/actor';

/** Who may call a route: anyone, or staff with at least this role. Every route states one. */
export type AccessRule = 'public' | Role;

export const ACCESS_KEY = 'kennisbank:access';

export const Access = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule);
