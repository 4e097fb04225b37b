import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import { ValidationFailedError } from '../common/errors/domain-error';
import { Actor, ROLES } from '../common/request-context/actor';
import { requestContext } from '../common/request-context/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { ACCESS_KEY, AccessRule } from '../common/request-context/access';
import { scopesAllow } from './api-keys/api-key-scopes';
import { ApiKeysService } from './api-keys/api-keys.service';
import { metricsTokenAccepted } from '../metrics/metrics-token';
import { MetricsTokenRequiredError } from '../metrics/metrics.errors';
import { AuthErrorCode, CredentialFault, ForbiddenError, UnauthenticatedError } from './auth.errors';
import { RequestLimits } from './request-limits';
import { hasRole } from '../common/request-context/roles';
import { TokenVerifier } from './token-verifier';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const DEFAULT_OPEN_ACTOR = 'redactie@kennisbank.local';
const USER_CACHE_MS = 5 * 60_000;

type Credentials =
  { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'api-key'; secret: string } | { kind: 'malformed'; message: string };

/**
 * Authentication, the role half of authorisation and the rate limits, for every route, in one
 * place: each route declares `@Access(...)`; this guard verifies the bearer token or API key (401
 * when absent or untrusted), the role (403) and, for API keys, the scope (403). Department and
 * ownership rules are checked in the services (they need the resource). Public routes need no
 * credentials; presented ones are still verified (and the caller then counts as itself for rate
 * limits). Without any authentication configured (development only; production refuses to start)
 * every request acts as a local account with every role, named by `X-Kennisbank-User`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private readonly users = new Map<string, { userId: string; email: string; name: string; at: number }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    private readonly apiKeys: ApiKeysService,
    private readonly usersService: UsersService,
    private readonly limits: RequestLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    if (config.auth.open) {
      this.logger.warn('No authentication configured: every request acts as a local account with every role (development only)');
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, targets);
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    if (rule === undefined) {
      // A route without a declared rule is a programming error: closed, not open.
      this.logger.error(`${req.method} ${(req.route as { path?: string } | undefined)?.path ?? 'route'} declares no @Access rule`);
      throw new ForbiddenError('This route is not available');
    }
    this.limits.noticeProxyHeaders(req);
    if (rule === 'metrics' && this.config.metrics.token) return this.scraper(req);
    const actor = await this.identify(req, rule);
    if (actor) await this.limits.staff(actor);
    else await this.limits.anonymous(req);
    if (rule !== 'public' && rule !== 'metrics') {
      if (!actor) throw new UnauthenticatedError(AuthErrorCode.Unauthenticated, 'Sign in first: this needs a bearer token or an API key');
      if (!hasRole(actor, rule)) throw new ForbiddenError(`This needs the ${rule} role`, { requiredRole: rule });
      if (actor.apiKey) {
        const areas = this.reflector.getAllAndMerge<string[]>(DECORATORS.API_TAGS, targets) ?? [];
        if (!scopesAllow(actor.apiKey.scopes, areas, req.method)) {
          throw new ForbiddenError(`This API key has no scope for ${areas.join(', ') || 'this route'}`, {
            requiredScope: areas[0] ?? null,
          });
        }
      }
    }
    if (actor) req.actor = actor;
    return true;
  }

  /** Who is calling: null when nobody claims to be anyone (or on a public route in open mode). */
  private async identify(req: Request, rule: AccessRule): Promise<Actor | null> {
    if (this.config.auth.open) return rule === 'public' || rule === 'metrics' ? null : this.openActor(req);
    const credentials = readCredentials(req);
    if (credentials.kind === 'none') return null;
    // Credentials are always checked, also from an address over its failure budget: valid ones are
    // never refused, so one bad client cannot lock out the colleagues who share its address.
    try {
      if (credentials.kind === 'malformed') throw new UnauthenticatedError(AuthErrorCode.Unauthenticated, credentials.message);
      return credentials.kind === 'bearer' ? await this.fromToken(credentials.token) : await this.fromApiKey(credentials.secret);
    } catch (error) {
      if (error instanceof UnauthenticatedError && error.fault === CredentialFault.Untrusted)
        await this.limits.guessFailed(req, credentials);
      throw error;
    }
  }

  /**
   * The metrics token is checked before, and instead of, the JWT path: it is not a staff token, so it
   * is never verified as one nor counted as a failed sign-in against the address Prometheus shares.
   * A wrong token is a guess at it, and counts.
   */
  private async scraper(req: Request): Promise<boolean> {
    if (metricsTokenAccepted(this.config.metrics.token, req.header('authorization'))) return true;
    if (req.header('authorization')) await this.limits.guessFailed(req, { kind: 'malformed' });
    throw new MetricsTokenRequiredError();
  }

  private async fromToken(token: string): Promise<Actor> {
    const identity = await this.verifier.verify(token);
    // Known before the user row exists, so a user created on first sight is attributed to them.
    requestContext.setActor({ userId: null, subject: identity.subject, apiKeyId: null });
    const user = await this.user(identity.subject, identity.email, identity.name);
    requestContext.setActor({ userId: user.userId, subject: identity.subject, apiKeyId: null });
    return { userId: user.userId, email: user.email, name: user.name, roles: identity.roles, departments: identity.departments };
  }

  private async fromApiKey(secret: string): Promise<Actor> {
    const actor = await this.apiKeys.authenticate(secret);
    requestContext.setActor({ userId: actor.userId, subject: null, apiKeyId: actor.apiKey!.id });
    return actor;
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
    requestContext.setActor({ userId: user.userId, subject: null, apiKeyId: null });
    return { userId: user.userId, email: user.email, name: user.name, roles: [...ROLES], departments: [] };
  }
}

/** `Authorization: Bearer <jwt>`, `Authorization: ApiKey <secret>` or `X-Api-Key: <secret>`; one of them. */
function readCredentials(req: Request): Credentials {
  const authorization = req.header('authorization')?.trim() ?? '';
  const apiKeyHeader = req.header('x-api-key')?.trim() ?? '';
  if (authorization && apiKeyHeader) return { kind: 'malformed', message: 'Send either an Authorization header or X-Api-Key, not both' };
  if (apiKeyHeader) return { kind: 'api-key', secret: apiKeyHeader };
  if (!authorization) return { kind: 'none' };
  const bearer = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization);
  if (bearer) return { kind: 'bearer', token: bearer[1] };
  const apiKey = /^ApiKey\s+(\S+)$/i.exec(authorization);
  if (apiKey) return { kind: 'api-key', secret: apiKey[1] };
  return { kind: 'malformed', message: 'Use an Authorization: Bearer token or an API key' };
}
