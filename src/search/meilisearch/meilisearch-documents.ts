import type { Logger } from '@nestjs/common';
import { MeiliSearchTaskTimeOutError } from 'meilisearch';
import type { EnqueuedTaskPromise, Task } from 'meilisearch';
import type { ArticleKind, Audience } from '../../articles/article-content';
import type { SearchDocument } from '../search-document';

/** A search document as Meilisearch stores it: display fields, facets and the analysed keys it searches. */
export interface MeiliDocument {
  id: string;
  version: number;
  slug: string;
  kind: ArticleKind;
  audience: Audience;
  department: string;
  departmentId: string;
  departmentName: string;
  themes: string[];
  lifeEvents: string[];
  targetGroups: string[];
  title: string;
  summary: string;
  synonyms: string[];
  /** display only: their analysed keys are searched in terms_synonyms */
  alternativeQuestions: string[];
  bodyText: string;
  reviewDueAt: number | null;
  reviewDueAtIso: string | null;
  terms_title: string;
  terms_synonyms: string;
  terms_summary: string;
  terms_body: string;
  terms_kcc: string;
}

/** A Meilisearch task that failed, was canceled or did not finish in time; `code` is Meilisearch's error code. */
export class MeilisearchTaskError extends Error {
  constructor(
    readonly code: string,
    readonly taskUid: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Awaits a task and checks its outcome: failed, canceled or unfinished in time all throw. */
export async function awaitTask(enqueued: EnqueuedTaskPromise, what: string, timeoutMs: number, logger: Logger): Promise<Task> {
  let task: Task;
  try {
    task = await enqueued.waitTask({ timeout: timeoutMs, interval: 50 });
  } catch (error) {
    if (error instanceof MeiliSearchTaskTimeOutError) {
      throw new MeilisearchTaskError('task_timeout', null, `${what}: the task did not finish within ${timeoutMs} ms`);
    }
    throw error;
  }
  if (task.status !== 'succeeded') {
    const code = task.error?.code ?? task.status;
    const error = new MeilisearchTaskError(
      code,
      task.uid,
      `${what}: task ${task.uid} ${task.status} (${code}: ${task.error?.message ?? 'no error'})`,
    );
    logger.warn(error.message);
    throw error;
  }
  return task;
}

export function toMeili(d: SearchDocument): MeiliDocument {
  return {
    id: d.id,
    version: d.version,
    slug: d.slug,
    kind: d.kind,
    audience: d.audience,
    department: d.department.slug,
    departmentId: d.department.id,
    departmentName: d.department.name,
    themes: d.themes,
    lifeEvents: d.lifeEvents,
    targetGroups: d.targetGroups,
    title: d.title,
    summary: d.summary,
    synonyms: d.synonyms,
    alternativeQuestions: d.alternativeQuestions,
    bodyText: d.bodyText,
    reviewDueAt: d.reviewDueAt ? Date.parse(d.reviewDueAt) : null,
    reviewDueAtIso: d.reviewDueAt,
    terms_title: d.terms.title,
    terms_synonyms: d.terms.synonyms,
    terms_summary: d.terms.summary,
    terms_body: d.terms.body,
    terms_kcc: d.terms.kcc,
  };
}
