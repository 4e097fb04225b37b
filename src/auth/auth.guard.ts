import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ValidationFailedError } from '../common/errors/domain-error';
import { Actor, ROLES } from '../common/request-context/actor';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { ACCESS_KEY, AccessRule } from './access.decorator';
import { AuthErrorCode, ForbiddenError, UnauthenticatedError } from './auth.errors';
import { hasRole } from './roles';
import { TokenVerifier } from './token-verifier';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const DEFAULT_OPEN_ACTOR = 'redactie@kennisbank.local';
const USER_CACHE_MS = 5 * 60_000;

/**
 * Authentication and the role half of authorisation, for every route, in one place: each route
 * declares `@Access(...)`; this guard verifies the bearer token (401 when absent or untrusted) and
 * the role (403). Department and ownership rules are checked in the services (they need the
 * resource). Without any authentication configured (development only; production refuses to
 * start) every request acts as a local account with every role, named by `X-Kennisbank-User`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private readonly users = new Map<string, { userId: string; email: string; name: string; at: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly usersService: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.auth.open) {
      this.logger.warn('No authentication configured: every request acts as a local account with every role (development only)');
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    if (rule === undefined) {
      // A route without a declared rule is a programming error: closed, not open.
      this.logger.error(`${req.method} ${req.path} declares no @Access rule`);
      throw new ForbiddenError('This route is not available');
    }
    if (rule === 'public') return true;
    const actor = this.config.auth.open ? await this.openActor(req) : await this.authenticate(req);
    if (!hasRole(actor, rule)) throw new ForbiddenError(`This needs the ${rule} role`, { requiredRole: rule });
    req.actor = actor;
    return true;
  }

  private async authenticate(req: Request): Promise<Actor> {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
    if (!match) {
      throw new UnauthenticatedError(AuthErrorCode.Unauthenticated, header ? 'Use an Authorization: Bearer token' : 'Sign in first: this needs a bearer token');
    }
    const identity = await this.verifier.verify(match[1]);
    const user = await this.user(identity.subject, identity.email, identity.name);
    return { userId: user.userId, email: user.email, name: user.name, roles: identity.roles, departments: identity.departments };
  }

  private async user(subject: string, email: string | null, name: string, open = false) {
    const key = open ? `open:${email}` : subject;
    const cached = this.users.get(key);
    if (cached && Date.now() - cached.at < USER_CACHE_MS && (!email || cached.email === email)) return cached;
    const user = open ? await this.usersService.ensureByEmail(email!) : await this.usersService.upsertFromClaims({ subject, email, name });
    const entry = { userId: user.id, email: user.email, name: user.name, at: Date.now() };
    if (this.users.size > 10_000) this.users.clear();
    this.users.set(key, entry);
    return entry;
  }

  private async openActor(req: Request): Promise<Actor> {
    const email = (req.header('x-kennisbank-user') ?? DEFAULT_OPEN_ACTOR).trim().toLowerCase();
    if (!EMAIL.test(email)) {
      throw new ValidationFailedError([{ field: 'header:x-kennisbank-user', code: 'IS_EMAIL', message: 'must be an e-mail address' }]);
    }
    const user = await this.user('', email, '', true);
    return { userId: user.userId, email: user.email, name: user.name, roles: [...ROLES], departments: [] };
  }
}
