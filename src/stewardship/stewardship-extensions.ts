import type { Actor } from '../common/request-context/actor';

/**
 * Extension points of the regie dashboard. Other parts of issue 4 (feedback, national-content
 * source changes, content gaps, link checks) plug in here: add a provider to the matching list in
 * stewardship.module.ts and its figures appear in the overview and the daily snapshots, its tasks
 * in every editor's task list. Nothing else changes.
 */

/** Extra numbers per department, e.g. `openFeedback`, `openSourceChanges`, `brokenLinks`. */
export abstract class DepartmentFigureSource {
  /** figure name → value, per department id; a department left out counts as 0 for every figure */
  abstract figures(now: Date): Promise<Map<string, Record<string, number>>>;
}

export const DEPARTMENT_FIGURE_SOURCES = Symbol('DEPARTMENT_FIGURE_SOURCES');

/** One thing an editor should do. */
export interface StewardshipTask {
  /** `review`, later `feedback`, `source_change`, `broken_link`, … */
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

export abstract class TaskSource {
  abstract tasksFor(actor: Actor, now: Date): Promise<StewardshipTask[]>;
}

export const TASK_SOURCES = Symbol('TASK_SOURCES');
