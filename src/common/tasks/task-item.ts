/**
 * One thing an editor (or coordinator) should act on, as the modules that own the work report it
 * for the stewardship task list (`GET /api/stewardship/tasks`). Each module answers
 * `tasksFor(actor)` with these; the dashboard merges and sorts them.
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
}

export type TaskKind = 'feedback' | 'source_change' | 'content_gap' | 'broken_links' | 'missing_upl';
