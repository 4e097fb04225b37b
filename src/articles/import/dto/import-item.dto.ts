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
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ARTICLE_KINDS, AUDIENCES, type ArticleKind, type Audience, TARGET_GROUPS, type TargetGroup } from '../../article-content';
import { SectionsDto } from '../../dto/article-input.dto';

const MARKDOWN_MAX = 100_000;

/** One item of an import file: the shape of content-fixtures/articles/*.json. */
export class ImportItemDto {
  /** the source system's id; re-importing the same id updates instead of duplicating */
  @IsString() @MinLength(1) @MaxLength(200) externalId: string;
  @IsIn(ARTICLE_KINDS) kind: ArticleKind;
  @IsString() @MinLength(1) @MaxLength(300) title: string;
  @IsOptional() @IsString() @MaxLength(1000) summary?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SectionsDto) sections?: SectionsDto;
  /** Markdown; for products its `##` headings are mapped to sections */
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) body?: string;
  @IsOptional() @IsString() @MaxLength(1000) question?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) answer?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) explanation?: string;
  @IsOptional() @IsString() @MaxLength(MARKDOWN_MAX) kccNotes?: string;
  @IsOptional() @IsIn(AUDIENCES) audience?: Audience;
  /** department name or slug; created when new */
  @IsString() @MinLength(1) @MaxLength(200) department: string;
  /** owner's e-mail address */
  @IsOptional() @IsEmail() @MaxLength(320) owner?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) themes?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) lifeEvents?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(2) @IsIn(TARGET_GROUPS, { each: true }) targetGroups?: TargetGroup[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) synonyms?: string[];
  @IsOptional() @IsString() @MaxLength(300) uplName?: string;
  @IsOptional() @IsString() @MaxLength(300) uplUri?: string;
  /** externalIds of related articles (in this file or imported before) */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) related?: string[];
  @IsOptional() @IsIn(['draft', 'published', 'archived']) status?: 'draft' | 'published' | 'archived';
  @IsOptional() @IsDateString({ strict: true }) reviewDueAt?: string;
  /** review date relative to the import, in days (negative: overdue); used only when the article is new */
  @IsOptional() @IsInt() @Min(-3650) @Max(3650) reviewDueInDays?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3650) reviewIntervalDays?: number;
}
