import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import type { Confidence } from '../query/confidence';
import { ARTICLE_KINDS, AUDIENCES, type ArticleKind, type Audience, TARGET_GROUPS, type TargetGroup } from '../../articles/article-content';

export class SearchQueryDto {
  /** what the agent typed; a trailing space means the last word is complete */
  @IsString() @MinLength(1) @MaxLength(500) q: string;
  @IsOptional() @IsIn(ARTICLE_KINDS) kind?: ArticleKind;
  /** department slug */
  @IsOptional() @Matches(/^[a-z0-9-]{1,80}$/) department?: string;
  @IsOptional() @IsString() @MaxLength(100) theme?: string;
  @IsOptional() @IsString() @MaxLength(100) lifeEvent?: string;
  @IsOptional() @IsIn(TARGET_GROUPS) targetGroup?: TargetGroup;
  @IsOptional() @IsIn(AUDIENCES) audience?: Audience;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1000) offset?: number;
}

export class SuggestQueryDto {
  @IsString() @MinLength(1) @MaxLength(200) q: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20) limit?: number;
}

export class ClickParams {
  @ApiProperty({ format: 'uuid', description: 'The search (queryId from its answer)' }) @IsUUID() queryId: string;
}

export class ClickDto {
  @IsUUID() articleId: string;
  /** 1-based position of the hit in the result list */
  @IsInt() @Min(1) @Max(1000) position: number;
}

@ValidatorConstraint({ name: 'termGroups' })
class TermGroupsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.every(
        (g) =>
          Array.isArray(g) &&
          g.length >= 2 &&
          g.length <= 30 &&
          g.every((t) => typeof t === 'string' && t.trim().length > 0 && t.length <= 100),
      )
    );
  }
  defaultMessage(): string {
    return 'groups must be an array of groups, each 2 to 30 non-empty terms of at most 100 characters';
  }
}

export class SynonymsDto {
  /** every synonym group (each a list of equivalent terms); replaces the current set */
  @IsArray() @ArrayMaxSize(2000) @Validate(TermGroupsConstraint) groups: string[][];
}

export interface SearchHitResponse {
  id: string;
  slug: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  /** a passage of the text with the matching words in <mark> (HTML-escaped otherwise) */
  snippet: string;
  department: { id: string; slug: string; name: string };
  reviewDueAt: string | null;
  /** the review date has passed: read with care and check */
  stale: boolean;
  score: number;
}

export interface SearchResponse {
  queryId: string | null;
  engine: 'postgres' | 'meilisearch';
  /** true when the configured engine failed and PostgreSQL answered instead */
  fallback: boolean;
  tookMs: number;
  total: number;
  /**
   * How sure search is that the first hit answers the question (docs/search.md, "Confidence"):
   * low and none mean no good answer was found.
   */
  confidence: Confidence;
  hits: SearchHitResponse[];
  facets: Record<string, Record<string, number>>;
}
