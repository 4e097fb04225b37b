import { IsDateString, IsEmail, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength, ArrayMaxSize, IsArray } from 'class-validator';
import { IsOmittable } from '../../../common/http/omittable';
import { ARTICLE_KINDS, type ArticleKind } from '../../article-content';
import { ArticleTextFieldsDto, MARKDOWN_MAX } from '../../dto/article-input.dto';

/** One item of an import file: the shape of content-fixtures/articles/*.json. */
export class ImportItemDto extends ArticleTextFieldsDto {
  /** the source system's id; re-importing the same id updates instead of duplicating */
  @IsString() @MinLength(1) @MaxLength(200) externalId: string;
  @IsIn(ARTICLE_KINDS) kind: ArticleKind;
  @IsString() @MinLength(1) @MaxLength(300) title: string;
  /** Markdown; for products its `##` headings are mapped to sections */
  @IsOmittable() @IsString() @MaxLength(MARKDOWN_MAX) body?: string;
  /** department name or slug; created when new */
  @IsString() @MinLength(1) @MaxLength(200) department: string;
  /** owner's e-mail address */
  @IsOmittable() @IsEmail() @MaxLength(320) owner?: string;
  /** externalIds of related articles (in this file or imported before) */
  @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) related?: string[];
  @IsOmittable() @IsIn(['draft', 'published', 'archived']) status?: 'draft' | 'published' | 'archived';
  @IsOmittable() @IsDateString({ strict: true }) reviewDueAt?: string;
  /** review date relative to the import, in days (negative: overdue); used only when the article is new */
  @IsOmittable() @IsInt() @Min(-3650) @Max(3650) reviewDueInDays?: number;
  @IsOmittable() @IsInt() @Min(1) @Max(3650) reviewIntervalDays?: number;
}
