import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { TARGET_GROUPS, type TargetGroup } from '../../articles/article-content';
import { SLUG_PATTERN } from '../../common/http/slug';

/** Filters and paging of the public product and FAQ lists; unknown parameters are a 400. */
export class CatalogListQueryDto {
  /** theme slug, as in GET /api/catalog/themes */
  @IsOptional() @MaxLength(80) @Matches(SLUG_PATTERN) theme?: string;
  /** life-event slug, as in GET /api/catalog/life-events */
  @IsOptional() @MaxLength(80) @Matches(SLUG_PATTERN) lifeEvent?: string;
  @IsOptional() @IsIn(TARGET_GROUPS) targetGroup?: TargetGroup;
  /** department slug */
  @IsOptional() @MaxLength(80) @Matches(SLUG_PATTERN) department?: string;
  /** free text, ranked by the search engine */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) q?: string;
  /** page size; values above the maximum are capped */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
  /** the `next` token of the previous page */
  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class CatalogSlugParams {
  @ApiProperty({ description: 'Product or FAQ slug' }) @MaxLength(200) @Matches(SLUG_PATTERN) slug: string;
}

export class CatalogChangesQueryDto {
  /** the `since` token of the previous answer; absent: from the beginning */
  @IsOptional() @IsString() @MaxLength(200) since?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) limit?: number;
}
