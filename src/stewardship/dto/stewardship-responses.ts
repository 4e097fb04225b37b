import type { ContentHealthFigures, DepartmentContentHealth, EditorNotActing, UrgentArticle } from '../department-content-health';
import type { ReviewStage } from '../review-policy';
import type { DeliveryRecord } from '../review-reminders.repository';

export interface DepartmentRef {
  id: string;
  slug: string;
  name: string;
}

/** The figures of one department (or all), plus whatever extra figure sources report. */
export interface ContentHealthResponse extends ContentHealthFigures {
  editorsNotActingList: EditorNotActing[];
  mostUrgent: UrgentArticle[];
  [extraFigure: string]: unknown;
}

export interface OverviewResponse {
  generatedAt: string;
  opensWindowDays: number;
  departments: (ContentHealthResponse & { department: DepartmentRef })[];
  total: ContentHealthResponse;
}

export interface TrendResponse {
  department: DepartmentRef | null;
  from: string;
  to: string;
  /** one point per day a scan ran */
  points: { day: string; [figure: string]: number | string | null }[];
}

/** One thing an editor should do, as `GET /api/stewardship/tasks` shows it (rendered from a `TaskItem`). */
export interface StewardshipTask {
  /** `review`, `feedback`, `source_change`, `content_gap`, `broken_links`, `missing_upl` */
  kind: string;
  /** higher is more urgent; tasks are listed by urgency, then by `since` */
  urgency: number;
  title: string;
  article: { id: string; title: string; department: { slug: string; name: string } } | null;
  /** when the task became due (ISO date-time) */
  since: string | null;
  /** kind-specific facts, e.g. the review stage and days overdue */
  details: Record<string, unknown>;
  links: Record<string, string>;
}

export interface TasksResponse {
  tasks: StewardshipTask[];
  counts: Record<string, number>;
}

export interface DeliveryResponse {
  id: string;
  kind: 'reminder' | 'digest';
  status: string;
  /** why it is dead (or was cancelled): permanent, exhausted, interrupted, no_recipient, … */
  outcome: string | null;
  recipient: string | null;
  role: string;
  attempts: number;
  channelsDone: string[];
  lastError: string | null;
  nextAttemptAt: string;
  reminder: { articleId: string; departmentId: string; stage: ReviewStage; cycle: string } | null;
  digestWeek: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toContentHealthResponse(health: DepartmentContentHealth, extra: Record<string, number>): ContentHealthResponse {
  return { ...health, ...extra };
}

export function toDeliveryResponse(d: DeliveryRecord): DeliveryResponse {
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    outcome: d.outcome,
    recipient: d.recipient || null,
    role: d.role,
    attempts: d.attempts,
    channelsDone: d.channelsDone,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    reminder: d.reminderId
      ? { articleId: d.articleId!, departmentId: d.departmentId!, stage: d.stage!, cycle: d.cycle!.toISOString() }
      : null,
    digestWeek: d.digestWeek,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}
