import type { CloseReason } from './source-change-task.entity';

/** What the policy needs to know about an article (from its live state). */
export interface ArticleState {
  publishedVersion: number | null;
  lastReviewedAt: Date | null;
}

/**
 * Whether the article itself has dealt with an open bronwijziging: a newer version was approved
 * after the change came in, or an editor recorded "inhoud gecontroleerd" after it (the source-change
 * mail asks for exactly that). Pure, so the rule is read at query time without the articles module
 * having to know about national content.
 */
export function settledBy(
  task: { createdAt: Date; articleVersion: number | null },
  article: ArticleState,
): Extract<CloseReason, 'new_version' | 'reviewed'> | null {
  if (article.publishedVersion !== null && (task.articleVersion === null || article.publishedVersion > task.articleVersion))
    return 'new_version';
  if (article.lastReviewedAt !== null && article.lastReviewedAt.getTime() > task.createdAt.getTime()) return 'reviewed';
  return null;
}
