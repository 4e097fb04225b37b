import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../../../common/http/omittable';
import { SLUG_PATTERN } from '../../../common/http/slug';
import type { ApiKey } from '../api-key.entity';
import { API_KEY_ROLES, type ApiKeyRole, SCOPE_PATTERN } from '../api-key-scopes';

export class CreateApiKeyDto {
  /** who uses it, e.g. `Website gemeente` or `KISS-koppeling` */
  @IsString() @MinLength(1) @MaxLength(100) name: string;
  /** the most the key may do: agent, editor or coordinator (never admin) */
  @IsIn(API_KEY_ROLES) role: ApiKeyRole;
  /** API areas (the sections of /docs) the key may call, e.g. `search`, `articles:read` */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @Matches(SCOPE_PATTERN, { each: true }) scopes: string[];
  /** department slugs, for an editor key */
  @IsOmittable() @IsArray() @ArrayMaxSize(50) @Matches(SLUG_PATTERN, { each: true }) @MaxLength(80, { each: true }) departments?: string[];
  /** ISO 8601; the key stops working then */
  @IsOmittable() @IsDateString({ strict: true }) expiresAt?: string;
}

export class ApiKeyIdParams {
  @ApiProperty({ description: 'API key id' }) @IsString() @MaxLength(100) id: string;
}

export interface ApiKeyResponse {
  id: string;
  name: string;
  role: ApiKeyRole;
  scopes: string[];
  departments: string[];
  /** the first characters of the secret */
  prefix: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  createdById: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Only in the answer to POST: the secret is not stored and cannot be shown again. */
export interface CreatedApiKeyResponse extends ApiKeyResponse {
  secret: string;
}

export function toApiKeyResponse(key: ApiKey, now: Date): ApiKeyResponse {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    scopes: key.scopes,
    departments: key.departments,
    prefix: key.prefix,
    status: key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt <= now ? 'expired' : 'active',
    createdAt: key.createdAt.toISOString(),
    createdById: key.createdById,
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
    lastUsedAt: iso(key.lastUsedAt),
  };
}
