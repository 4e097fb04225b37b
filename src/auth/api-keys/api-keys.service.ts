import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/request-context/actor';
import { Clock } from '../../common/time/clock';
import { DepartmentsService } from '../../departments/departments.service';
import { UsersService } from '../../users/users.service';
import { AuthErrorCode, CredentialFault, UnauthenticatedError } from '../auth.errors';
import { ApiKey } from './api-key.entity';
import { ApiKeyInvalidError, ApiKeyNotFoundError } from './api-keys.errors';
import { ApiKeyResponse, CreateApiKeyDto, CreatedApiKeyResponse, toApiKeyResponse } from './dto/api-key.dto';

const SECRET_PREFIX = 'kb_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** lastUsedAt is a hint, not a log: written at most once a minute per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * API keys for machine clients: created by admins (the secret is returned once and only its
 * SHA-256 is stored), listed, revoked; verified on every request that presents one.
 */
@Injectable()
export class ApiKeysService {
  private areas?: Set<string>;
  private readonly lastUsedWrites = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly discovery: DiscoveryService,
  ) {}

  async create(actor: Actor, dto: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const now = this.clock.now();
    await this.validate(dto, now);
    const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const key = await this.dataSource.transaction(async (manager) => {
      const account = await this.users.createServiceAccount(id, `API-sleutel: ${dto.name.trim()}`, manager);
      const repo = manager.getRepository(ApiKey);
      return repo.save(
        repo.create({
          id,
          name: dto.name.trim(),
          role: dto.role,
          scopes: [...new Set(dto.scopes)],
          departments: [...new Set(dto.departments ?? [])],
          secretHash: hashSecret(secret),
          prefix: secret.slice(0, SECRET_PREFIX.length + 6),
          userId: account.id,
          createdById: actor.userId,
          expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
        }),
      );
    });
    return { ...toApiKeyResponse(key, now), secret };
  }

  async list(): Promise<ApiKeyResponse[]> {
    const keys = await this.dataSource.getRepository(ApiKey).find({ order: { createdAt: 'DESC', id: 'ASC' } });
    const now = this.clock.now();
    return keys.map((k) => toApiKeyResponse(k, now));
  }

  /** Revoking is immediate and final; revoking a revoked key changes nothing. */
  async revoke(id: string): Promise<void> {
    const repo = this.dataSource.getRepository(ApiKey);
    const key = UUID.test(id) ? await repo.findOneBy({ id }) : null;
    if (!key) throw new ApiKeyNotFoundError(id);
    if (key.revokedAt) return;
    await repo.update({ id }, { revokedAt: this.clock.now() });
  }

  /** The actor a presented secret stands for; 401 when unknown, revoked or expired. */
  async authenticate(secret: string): Promise<Actor> {
    const now = this.clock.now();
    const key = secret.startsWith(SECRET_PREFIX)
      ? await this.dataSource.getRepository(ApiKey).findOne({ where: { secretHash: hashSecret(secret) }, relations: { user: true } })
      : null;
    if (!key) throw new UnauthenticatedError(AuthErrorCode.InvalidApiKey, 'The API key is not valid');
    // A key we issued that is no longer valid is a client to fix, not a guess.
    if (key.revokedAt)
      throw new UnauthenticatedError(AuthErrorCode.InvalidApiKey, 'The API key has been revoked', CredentialFault.Authentic);
    if (key.expiresAt && key.expiresAt <= now)
      throw new UnauthenticatedError(AuthErrorCode.InvalidApiKey, 'The API key has expired', CredentialFault.Authentic);
    await this.touch(key, now);
    return {
      userId: key.userId,
      email: key.user?.email ?? '',
      name: key.name,
      roles: [key.role],
      departments: key.departments,
      apiKey: { id: key.id, scopes: key.scopes },
    };
  }

  private async touch(key: ApiKey, now: Date): Promise<void> {
    const last = this.lastUsedWrites.get(key.id) ?? key.lastUsedAt?.getTime() ?? 0;
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWrites.set(key.id, now.getTime());
    await this.dataSource.getRepository(ApiKey).update({ id: key.id }, { lastUsedAt: now });
  }

  private async validate(dto: CreateApiKeyDto, now: Date): Promise<void> {
    const areas = this.knownAreas();
    const unknown = dto.scopes.find((scope) => !areas.has(scope.replace(/:read$/, '')));
    if (unknown)
      throw new ApiKeyInvalidError(
        'scopes',
        'UNKNOWN_SCOPE',
        `"${unknown}" is not an API area; use one of ${[...areas].sort().join(', ')} (optionally with :read)`,
      );
    const departments = dto.departments ?? [];
    if (dto.role === 'editor' && departments.length === 0)
      throw new ApiKeyInvalidError('departments', 'REQUIRED', 'an editor key works for at least one department');
    if (dto.role !== 'editor' && departments.length > 0)
      throw new ApiKeyInvalidError('departments', 'EDITOR_ONLY', 'only editor keys work for departments');
    for (const slug of departments) {
      if (!(await this.departments.find(slug))) throw new ApiKeyInvalidError('departments', 'UNKNOWN_DEPARTMENT', `no department ${slug}`);
    }
    if (dto.expiresAt && new Date(dto.expiresAt) <= now) throw new ApiKeyInvalidError('expiresAt', 'IN_THE_PAST', 'must be in the future');
  }

  /** The API areas: the OpenAPI tags of the routes, so a new module's area is known without a list. */
  private knownAreas(): Set<string> {
    if (this.areas) return this.areas;
    const areas = new Set<string>();
    for (const { metatype } of this.discovery.getControllers()) {
      if (!metatype) continue;
      const tagsOf = (target: object): string[] => (Reflect.getMetadata(DECORATORS.API_TAGS, target) as string[] | undefined) ?? [];
      tagsOf(metatype).forEach((t) => areas.add(t));
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const method = (metatype.prototype as Record<string, unknown>)[name];
        if (typeof method === 'function') tagsOf(method).forEach((t) => areas.add(t));
      }
    }
    this.areas = areas;
    return areas;
  }
}
