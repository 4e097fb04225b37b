import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { FeedbackKind } from '../../notifications/templates/feedback-received.template';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, type FeedbackStatus } from '../feedback-workflow';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const COMMENT_MIN = 3;
export const COMMENT_MAX = 4000;

export class CreateFeedbackDto {
  @IsIn(FEEDBACK_KINDS) kind: FeedbackKind;
  /** the part of the article: `kosten`, `voorwaarden` (products), `answer` (FAQs), `body`, `title`, `summary`, `kccNotes` */
  @IsOptional() @IsString() @MaxLength(50) section?: string;
  /** what is wrong or missing */
  @Transform(trim) @IsString() @MinLength(COMMENT_MIN) @MaxLength(COMMENT_MAX) comment: string;
  /** what the agent searched for; personal data is scrubbed before it is stored */
  @IsOptional() @IsString() @MaxLength(500) searchQuery?: string;
}

export class FeedbackReplyDto {
  /** the answer the agent sees; required to resolve or reject */
  @IsOptional() @Transform(trim) @IsString() @MaxLength(COMMENT_MAX) reply?: string;
}

export class FeedbackIdParams {
  @ApiProperty({ format: 'uuid', description: 'Feedback id' }) @IsUUID() id: string;
}

export class ArticleFeedbackParams {
  @ApiProperty({ format: 'uuid', description: 'Article id' }) @IsUUID() id: string;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  /** `nextCursor` from the previous page */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class ListFeedbackQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(FEEDBACK_STATUSES) status?: FeedbackStatus;
  /** department slug or id */
  @IsOptional() @IsString() @MaxLength(200) department?: string;
  /** article id */
  @IsOptional() @IsUUID() article?: string;
}

export class FeedbackSummaryQueryDto {
  /** department slug or id */
  @IsOptional() @IsString() @MaxLength(200) department?: string;
}
