import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { AuditAction } from '../audit-log.entity';

export class AuditQueryDto {
  /** the table written to, e.g. `articles`, `departments`, `api_keys` */
  @IsOptional() @Matches(/^[a-z_][a-z0-9_]{0,62}$/) entityType?: string;
  /** the row's primary key */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) entityId?: string;
  /** a user id, an API key id or an identity-provider subject */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(320) actor?: string;
  /** ISO 8601, inclusive */
  @IsOptional() @IsDateString({ strict: true }) from?: string;
  /** ISO 8601, exclusive */
  @IsOptional() @IsDateString({ strict: true }) to?: string;
  /** `nextCursor` from the previous page */
  @IsOptional() @IsString() @MaxLength(100) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export interface AuditEntryResponse {
  id: string;
  at: string;
  action: AuditAction;
  entityType: string;
  entityId: string;
  actor: { userId: string | null; email: string | null; name: string | null; subject: string | null; apiKeyId: string | null };
  origin: string;
  requestId: string | null;
  beforeHash: string | null;
  afterHash: string | null;
  changedFields: string[] | null;
}

export interface AuditPageResponse {
  items: AuditEntryResponse[];
  nextCursor: string | null;
}
