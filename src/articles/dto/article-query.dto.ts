import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ARTICLE_KINDS, type ArticleKind } from '../article-content';
import { ARTICLE_STATUSES, type ArticleStatus } from '../article-workflow';

export class ListArticlesQueryDto {
  /** department slug or id */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) department?: string;
  @IsOptional() @IsIn(ARTICLE_STATUSES) status?: ArticleStatus;
  @IsOptional() @IsIn(ARTICLE_KINDS) kind?: ArticleKind;
  /** owner's e-mail address */
  @IsOptional() @IsEmail() @MaxLength(320) owner?: string;
  /** overdue: review date passed; soon: due within 14 days */
  @IsOptional() @IsIn(['overdue', 'soon']) reviewDue?: 'overdue' | 'soon';
  /** words in the title or summary */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** `nextCursor` from the previous page */
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class ArticleIdParams {
  @ApiProperty({ description: 'Article id or slug' }) @IsString() @MaxLength(200) id: string;
}

export class VersionParams extends ArticleIdParams {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Version number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  n: number;
}

export class DiffQueryDto {
  @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000) from: number;
  /** a version number, or `draft` for the working copy */
  @IsString() @MaxLength(10) to: string;
}
