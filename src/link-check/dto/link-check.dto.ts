import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { LinkCheckRun } from '../link-check.entity';
import type { LinkStatus } from '../url-checker';

export class LinkReportQueryDto {
  /** department slug or id */
  @IsOptional() @IsString() @MaxLength(200) department?: string;
}

export class LinkArticleParams {
  @ApiProperty({ format: 'uuid', description: 'Article id' }) @IsUUID() id: string;
}

export class LinkCheckRunResponse {
  id: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] })
  status: LinkCheckRun['status'];
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  articles: number;
  links: number;
  broken: number;
  error: string | null;
}

export class LinkResultResponse {
  url: string;
  /** where in the article: `sections.kosten`, `answer`, ... */
  part: string;
  @ApiProperty({ enum: ['ok', 'redirected', 'broken', 'unreachable', 'blocked'] })
  status: LinkStatus;
  httpStatus: number | null;
  finalUrl: string | null;
  error: string | null;
}

export class LinkReportResponse {
  /** the run reported on: the latest completed one */
  run: LinkCheckRunResponse;
  /** the latest run when it is newer (still running, or failed) */
  latest: LinkCheckRunResponse | null;
  departments: { department: { id: string; slug: string; name: string }; brokenLinks: number; articles: number }[];
  articles: { articleId: string; title: string; departmentId: string; brokenLinks: LinkResultResponse[] }[];
}

export class ArticleLinksResponse {
  articleId: string;
  run: LinkCheckRunResponse;
  links: LinkResultResponse[];
}

export function toRunResponse(run: LinkCheckRun): LinkCheckRunResponse {
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    articles: run.articles,
    links: run.links,
    broken: run.broken,
    error: run.error,
  };
}
