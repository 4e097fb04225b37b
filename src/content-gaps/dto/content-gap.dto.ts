import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CONTENT_GAP_STATUSES, type ContentGapStatus } from '../content-gap-workflow';

export class ListContentGapsQueryDto {
  /** default: open and assigned */
  @IsOptional() @IsIn(CONTENT_GAP_STATUSES) status?: ContentGapStatus;
  /** department slug or id (assigned to) */
  @IsOptional() @IsString() @MaxLength(200) department?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ContentGapIdParams {
  @ApiProperty({ format: 'uuid', description: 'Content gap id' }) @IsUUID() id: string;
}

export class AssignContentGapDto {
  /** department slug or id */
  @IsString() @MaxLength(200) department: string;
}

export class ResolveContentGapDto {
  /** the published article that answers the question */
  @IsUUID() articleId: string;
}

export class DismissContentGapDto {
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}
