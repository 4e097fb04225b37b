import { ApiProperty } from '@nestjs/swagger';
import type { Department } from '../../departments/department.entity';
import { FEEDBACK_KIND_LABELS, type FeedbackKind } from '../../notifications/templates/feedback-received.template';
import type { User } from '../../users/user.entity';
import type { Feedback } from '../feedback.entity';
import { type FeedbackAction, type FeedbackStatus, feedbackWorkflow } from '../feedback-workflow';

export class FeedbackResponse {
  id: string;
  article: { id: string; title: string; version: number };
  department: { id: string; slug: string; name: string } | null;
  kind: FeedbackKind;
  /** Dutch label of the kind */
  kindLabel: string;
  section: string | null;
  @ApiProperty({ enum: ['open', 'in_progress', 'resolved', 'rejected'] })
  status: FeedbackStatus;
  comment: string;
  searchQuery: string | null;
  /** the reply the agent sees */
  reply: string | null;
  reporter: { id: string; email: string; name: string } | null;
  handledBy: { id: string; email: string; name: string } | null;
  /** who was told when it came in */
  routedTo: string[];
  notifiedAt: string | null;
  allowedActions: FeedbackAction[];
  etag: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  closedAt: string | null;
}

export class FeedbackListResponse {
  items: FeedbackResponse[];
  nextCursor: string | null;
}

export class FeedbackCountsResponse {
  departments: { departmentId: string; slug: string; name: string; open: number; inProgress: number }[];
  articles: { articleId: string; title: string; departmentId: string; open: number; inProgress: number }[];
}

export const feedbackEtag = (feedback: Pick<Feedback, 'rowVersion'>): string => `"v${feedback.rowVersion}"`;

const userRef = (user: User | undefined) => (user ? { id: user.id, email: user.email, name: user.name } : null);
const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toFeedbackResponse(
  f: Feedback,
  refs: { departments: Map<string, Department>; users: Map<string, User> },
): FeedbackResponse {
  const department = refs.departments.get(f.departmentId);
  return {
    id: f.id,
    article: { id: f.articleId, title: f.articleTitle, version: f.articleVersion },
    department: department ? { id: department.id, slug: department.slug, name: department.name } : null,
    kind: f.kind,
    kindLabel: FEEDBACK_KIND_LABELS[f.kind],
    section: f.section,
    status: f.status,
    comment: f.comment,
    searchQuery: f.searchQuery,
    reply: f.reply,
    reporter: userRef(f.reporterId ? refs.users.get(f.reporterId) : undefined),
    handledBy: userRef(f.handledById ? refs.users.get(f.handledById) : undefined),
    routedTo: f.routedTo,
    notifiedAt: iso(f.notifiedAt),
    allowedActions: feedbackWorkflow.allowedActions(f.status),
    etag: feedbackEtag(f),
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
    startedAt: iso(f.startedAt),
    closedAt: iso(f.closedAt),
  };
}
