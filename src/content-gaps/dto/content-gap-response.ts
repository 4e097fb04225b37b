import { ApiProperty } from '@nestjs/swagger';
import type { Department } from '../../departments/department.entity';
import type { ContentGap } from '../content-gap.entity';
import { ContentGapAction, type ContentGapStatus, contentGapWorkflow } from '../content-gap-workflow';

type DepartmentRef = { id: string; slug: string; name: string } | null;

export class ContentGapResponse {
  id: string;
  /** how agents typed it most often */
  query: string;
  intentKey: string;
  /** failed searches in the window: zero results plus no click */
  searches: number;
  zeroResults: number;
  noClicks: number;
  firstSeenAt: string;
  lastSeenAt: string;
  @ApiProperty({ enum: ['open', 'assigned', 'resolved', 'dismissed'] })
  status: ContentGapStatus;
  /** the department whose articles agents opened next */
  suggestedDepartment: DepartmentRef;
  department: DepartmentRef;
  assignedAt: string | null;
  resolvedArticleId: string | null;
  dismissedReason: string | null;
  closedAt: string | null;
  allowedActions: ContentGapAction[];
  etag: string;
}

export class ContentGapListResponse {
  items: ContentGapResponse[];
  /** when the job last ran (null: never) */
  refreshedAt: string | null;
}

export const contentGapEtag = (gap: Pick<ContentGap, 'rowVersion'>): string => `"v${gap.rowVersion}"`;

export function toContentGapResponse(gap: ContentGap, departments: Map<string, Department>): ContentGapResponse {
  const ref = (id: string | null): DepartmentRef => {
    const d = id ? departments.get(id) : undefined;
    return d ? { id: d.id, slug: d.slug, name: d.name } : null;
  };
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: gap.id,
    query: gap.query,
    intentKey: gap.intentKey,
    searches: gap.searches,
    zeroResults: gap.zeroResults,
    noClicks: gap.noClicks,
    firstSeenAt: gap.firstSeenAt.toISOString(),
    lastSeenAt: gap.lastSeenAt.toISOString(),
    status: gap.status,
    suggestedDepartment: ref(gap.suggestedDepartmentId),
    department: ref(gap.departmentId),
    assignedAt: iso(gap.assignedAt),
    resolvedArticleId: gap.resolvedArticleId,
    dismissedReason: gap.dismissedReason,
    closedAt: iso(gap.closedAt),
    allowedActions: contentGapWorkflow.allowedActions(gap.status),
    etag: contentGapEtag(gap),
  };
}
