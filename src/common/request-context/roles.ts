import { ROLES, Role } from './actor';
import type { Actor } from './actor';

/** Each role includes the ones before it: an editor is also an agent, an admin everything. */
const RANK: Record<Role, number> = { agent: 1, editor: 2, coordinator: 3, admin: 4 };

export function hasRole(actor: Pick<Actor, 'roles'>, role: Role): boolean {
  return actor.roles.some((r) => RANK[r] >= RANK[role]);
}

export function parseRoles(value: unknown): Role[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
}
