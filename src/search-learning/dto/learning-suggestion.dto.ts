import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  type LearningSuggestion,
  SUGGESTION_KINDS,
  SUGGESTION_STATUSES,
  type SuggestionExample,
  type SuggestionKind,
  type SuggestionStatus,
} from '../learning-suggestion.entity';

export class ListSuggestionsQueryDto {
  /** default: open */
  @IsOptional() @IsIn(SUGGESTION_STATUSES) status?: SuggestionStatus;
  @IsOptional() @IsIn(SUGGESTION_KINDS) kind?: SuggestionKind;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class SuggestionIdParams {
  @ApiProperty({ format: 'uuid', description: 'Suggestion id' }) @IsUUID() id: string;
}

export class RejectSuggestionDto {
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

type ArticleRef = { id: string; slug: string; title: string } | null;

export class SuggestionResponse {
  id: string;
  @ApiProperty({ enum: SUGGESTION_KINDS })
  kind: SuggestionKind;
  /** question variants: the article agents opened after the failed search */
  article: ArticleRef;
  /** question variants: the failed search, as the variant to add */
  question: string | null;
  /** synonyms: the two terms */
  terms: string[] | null;
  /** distinct daily pseudonyms behind it */
  searchers: number;
  days: number;
  reformulations: number;
  examples: SuggestionExample[];
  firstSeenAt: string;
  lastSeenAt: string;
  @ApiProperty({ enum: SUGGESTION_STATUSES })
  status: SuggestionStatus;
  decidedBy: { id: string; email: string | null } | null;
  decidedAt: string | null;
  rejectReason: string | null;
  /** question variants: the article version that took it in */
  appliedVersion: number | null;
}

export class SuggestionListResponse {
  items: SuggestionResponse[];
  /** when the job last ran (null: never) */
  refreshedAt: string | null;
}

export function toSuggestionResponse(s: LearningSuggestion, people: Map<string, { email: string }>): SuggestionResponse {
  return {
    id: s.id,
    kind: s.kind,
    article: s.article ? { id: s.article.id, slug: s.article.slug, title: s.article.title } : null,
    question: s.question,
    terms: s.terms,
    searchers: s.searchers,
    days: s.days,
    reformulations: s.reformulations,
    examples: s.examples,
    firstSeenAt: s.firstSeenAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    status: s.status,
    decidedBy: s.decidedById ? { id: s.decidedById, email: people.get(s.decidedById)?.email ?? null } : null,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    rejectReason: s.rejectReason,
    appliedVersion: s.appliedVersion,
  };
}
