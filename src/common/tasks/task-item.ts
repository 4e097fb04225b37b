/**
 * One thing an editor (or coordinator) should act on, as the module that owns the work reports it
 * for the stewardship task list (`GET /api/stewardship/tasks`). Each module's `TaskSource` answers
 * `tasksFor(actor)` with these; stewardship merges, sorts and renders them. There is no second shape.
 */
export interface TaskItem {
  kind: TaskKind;
  /** id of the item in its module (feedback id, source-change task id, content gap id, article id for links) */
  id: string;
  /** the article concerned; null for content gaps that no article answers yet */
  articleId: string | null;
  /** article title, or the searched words of a content gap */
  title: string;
  departmentId: string | null;
  /** since when the task is open (ISO 8601) */
  since: string;
  /** one line in Dutch for the task list */
  summary: string;
  /** the API resource to open or act on */
  link: string;
  /** overrides the source's urgency for this item (a review's stage) */
  urgency?: number;
  /** kind-specific facts; without them the list shows the item id, a gap's searched words and the department */
  details?: Record<string, unknown>;
  /** links to show instead of `{ self: link }` */
  links?: Record<string, string>;
}

export type TaskKind = 'review' | 'feedback' | 'source_change' | 'content_gap' | 'broken_links' | 'missing_upl';
