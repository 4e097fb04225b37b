import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/http/omittable';
import { SLUG_PATTERN } from '../../common/http/slug';
import {
  ALTERNATIVE_QUESTIONS_MAX,
  ALTERNATIVE_QUESTION_MAX_LENGTH,
  ARTICLE_KINDS,
  AUDIENCES,
  type ArticleKind,
  type Audience,
  TARGET_GROUPS,
  type TargetGroup,
} from '../article-content';

export const MARKDOWN_MAX = 100_000;
const TAG_MAX = 100;
const TAGS_MAX = 50;

/** Product sections in Markdown, keyed as KISS shows them. */
export class SectionsDto {
  /** Wat is het? */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) inleiding?: string;
  /** Hoe aanvragen? */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) aanvraag?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) voorwaarden?: string;
  /** Wat moet u meenemen? */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) bewijs?: string;
  /** Wat kost het? */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) kosten?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) termijn?: string;
  /** Bezwaar en beroep */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) bezwaar?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) bijzonderheden?: string;
  /** Wat als de gemeente niet op tijd reageert? */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) geenReactie?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) contact?: string;
}

/** The editorial fields an article and an import item share. */
export class ArticleTextFieldsDto {
  @IsOmittable() @IsString() @MaxLength(1000) summary?: string;
  @IsOmittable() @IsIn(AUDIENCES) audience?: Audience;
  @IsOmittable() @IsObject() @ValidateNested() @Type(() => SectionsDto) sections?: SectionsDto;
  @IsOptional() @IsString() @MaxLength(1000) question?: string | null;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) answer?: string | null;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) explanation?: string | null;
  /** internal notes for KCC staff; never published */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) kccNotes?: string | null;
  @IsOmittable() @IsArray() @ArrayMaxSize(TAGS_MAX) @IsString({ each: true }) @MaxLength(TAG_MAX, { each: true }) themes?: string[];
  @IsOmittable() @IsArray() @ArrayMaxSize(TAGS_MAX) @IsString({ each: true }) @MaxLength(TAG_MAX, { each: true }) lifeEvents?: string[];
  @IsOmittable() @IsArray() @ArrayMaxSize(2) @IsIn(TARGET_GROUPS, { each: true }) targetGroups?: TargetGroup[];
  /** words citizens use for this (ID-kaart, milieupas) */
  @IsOmittable() @IsArray() @ArrayMaxSize(TAGS_MAX) @IsString({ each: true }) @MaxLength(TAG_MAX, { each: true }) synonyms?: string[];
  /**
   * question variants: how callers and agents ask this ("mag de verhuurder mijn id kopiëren"); matched
   * by search, never published. Trimmed; empty entries and duplicates (ignoring case, spacing and a
   * closing "?") are dropped.
   */
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(ALTERNATIVE_QUESTIONS_MAX)
  @IsString({ each: true })
  @MaxLength(ALTERNATIVE_QUESTION_MAX_LENGTH, { each: true })
  alternativeQuestions?: string[];
  /** name from the Uniforme Productnamenlijst */
  @IsOptional() @IsString() @MaxLength(300) uplName?: string | null;
  @IsOptional() @IsString() @MaxLength(300) uplUri?: string | null;
}

/** Fields an editor changes through review (a version snapshots them). */
export class ArticleContentFieldsDto extends ArticleTextFieldsDto {
  /** instruction text (Markdown) */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) body?: string | null;
  @IsOmittable() @IsArray() @ArrayMaxSize(TAGS_MAX) @IsUUID('all', { each: true }) relatedIds?: string[];
  /** why this change was made; kept with the version */
  @IsOmittable() @IsString() @MaxLength(1000) changeNote?: string;
}

export class CreateArticleDto extends ArticleContentFieldsDto {
  @IsIn(ARTICLE_KINDS) kind: ArticleKind;
  @IsString() @MinLength(1) @MaxLength(300) title: string;
  /** department slug or id */
  @IsString() @MinLength(1) @MaxLength(200) department: string;
  @IsOmittable()
  @Matches(SLUG_PATTERN, { message: 'slug may contain lower-case letters, digits and single hyphens' })
  @MaxLength(80)
  slug?: string;
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) externalId?: string;
  /** owner's e-mail address (the editor who keeps this article current) */
  @IsOmittable() @IsEmail() @MaxLength(320) owner?: string;
  @IsOmittable() @IsInt() @Min(1) @Max(3650) reviewIntervalDays?: number;
}

export class UpdateArticleDto extends ArticleContentFieldsDto {
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(300) title?: string;
  @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) department?: string;
  @IsOmittable()
  @Matches(SLUG_PATTERN, { message: 'slug may contain lower-case letters, digits and single hyphens' })
  @MaxLength(80)
  slug?: string;
  @IsOptional() @IsEmail() @MaxLength(320) owner?: string | null;
  @IsOptional() @IsInt() @Min(1) @Max(3650) reviewIntervalDays?: number | null;
  @IsOptional() @IsDateString({ strict: true }) reviewDueAt?: string | null;
}

/** Unsaved editor input to render with the server's own Markdown pipeline (live preview). */
export class PreviewArticleDto extends ArticleTextFieldsDto {
  @IsIn(ARTICLE_KINDS) kind: ArticleKind;
  @IsOptional() @IsString() @MaxLength(300) title?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) body?: string | null;
}

export class RejectDto {
  @IsString() @MaxLength(2000) reason: string;
}

export class WorkflowNoteDto {
  @IsOmittable() @IsString() @MaxLength(2000) note?: string;
}
