import type { DepartmentHealth, EditorNotActing, UrgentArticle } from '../department-health';
import type { ReviewStage } from '../review-policy';
import type { DeliveryRecord } from '../review-reminders.repository';
import type { StewardshipTask } from '../stewardship-extensions';

export interface DepartmentRef {
  id: string;
  slug: string;
  name: string;
}

/** The figures of one department (or all), plus whatever extra figure sources report. */
export interface HealthResponse {
  published: number;
  withinReviewDate: number;
  withoutReviewDate: number;
  trustScore: number | null;
  opens: number;
  trustScoreByOpens: number | null;
  dueIn30Days: number;
  overdue: number;
  escalated: number;
  medianDaysOverdue: number | null;
  editorsNotActing: number;
  editorsNotActingList: EditorNotActing[];
  mostUrgent: UrgentArticle[];
  [extraFigure: string]: unknown;
}

export interface OverviewResponse {
  generatedAt: string;
  opensWindowDays: number;
  departments: (HealthResponse & { department: DepartmentRef })[];
  total: HealthResponse;
}

export interface TrendResponse {
  department: DepartmentRef | null;
  from: string;
  to: string;
  /** one point per day a scan ran */
  points: { day: string; [figure: string]: number | string | null }[];
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

export function toHealthResponse(health: DepartmentHealth, extra: Record<string, number>): HealthResponse {
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
