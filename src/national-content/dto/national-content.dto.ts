import { Transform, Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const NATIONAL_BODY_MAX = 200_000;
export const MAX_FEED_ITEMS = 5_000;
/** http(s) URL or URN: how national content identifies its texts */
const SOURCE_URI = /^(https?:\/\/\S+|urn:[a-z0-9][a-z0-9-]{0,31}:\S+)$/i;

/** One item of the national update feed. */
export class NationalItemDto {
  @IsString() @MaxLength(2000) @Matches(SOURCE_URI, { message: 'must be an http(s) URL or a URN' }) uri: string;
  @IsString() @MinLength(1) @MaxLength(500) title: string;
  /** the national text (Markdown or plain text) */
  @IsString() @MaxLength(NATIONAL_BODY_MAX) body: string;
  /** the publisher's version label; a number is read as text */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  version: string;
  @IsDateString({ strict: true }) changedAt: string;
}

export class LinkNationalSourceDto {
  @IsString() @MaxLength(2000) sourceUri: string;
  /** the version the article agrees with; default the current one */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  sourceVersion?: string;
}

export class ListNationalItemsQueryDto {
  /** words in the title or URI */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class SourceChangesQueryDto {
  /** department slug or id */
  @IsOptional() @IsString() @MaxLength(200) department?: string;
}
