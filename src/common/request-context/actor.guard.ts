import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UsersService } from '../../users/users.service';
import { ValidationFailedError } from '../errors/domain-error';
import { Actor } from './actor';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const DEFAULT_ACTOR_EMAIL = 'redactie@kennisbank.local';

/**
 * Resolves the acting user for every request into `req.actor`, the single place the authentication
 * issue replaces (OIDC/JWT). Until then the acting user is named by the `X-Kennisbank-User` header
 * (an e-mail address), defaulting to a local editorial account with every role.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  private readonly cache = new Map<string, Actor>();

  constructor(private readonly users: UsersService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const email = (req.header('x-kennisbank-user') ?? DEFAULT_ACTOR_EMAIL).trim().toLowerCase();
    if (!EMAIL.test(email)) {
      throw new ValidationFailedError([{ field: 'header:x-kennisbank-user', code: 'IS_EMAIL', message: 'must be an e-mail address' }]);
    }
    req.actor = this.cache.get(email) ?? (await this.resolve(email));
    return true;
  }

  private async resolve(email: string): Promise<Actor> {
    const user = await this.users.ensureByEmail(email);
    const actor: Actor = { userId: user.id, email: user.email, name: user.name, roles: ['agent', 'editor', 'coordinator', 'admin'], departments: [] };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(email, actor);
    return actor;
  }
}
