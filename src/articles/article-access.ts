import type { Actor } from '../common/request-context/actor';
import { type ArticleAccessSubject, articleAccess } from '../auth/article-access.policy';
import type { Article } from './article.entity';

// Who may write an article, in one place: each command hands one of these to the runner as its
// `authorize`. The rules themselves are the authorisation matrix in auth/article-access.policy.ts.

/** The facts the authorisation rules look at. */
export const accessSubject = (article: Article): ArticleAccessSubject => ({
  departmentSlug: article.department!.slug,
  ownerId: article.ownerId,
  revisionAuthorId: article.revisionAuthorId,
});

/** Editors of the department, or a coordinator: a new article there, or one moving there. */
export function assertCanEditIn(actor: Actor, departmentSlug: string): void {
  articleAccess.assertCanEditIn(actor, departmentSlug);
}

/** Editors of the article's department, or a coordinator: edit, submit, archive, restore, import. */
export const canEdit =
  (actor: Actor) =>
  (article: Article): void =>
    assertCanEditIn(actor, article.department!.slug);

/** A coordinator, never one's own revision unless the department allows self-approval (four eyes). */
export const canApprove =
  (actor: Actor, allowSelfApproval: (article: Article) => Promise<boolean>, fourEyes: boolean) =>
  async (article: Article): Promise<void> =>
    articleAccess.assertCanApprove(actor, accessSubject(article), await allowSelfApproval(article), fourEyes);

/** Sending a change back is the reviewer's: a coordinator. */
export const canReject = (actor: Actor) => (): void => articleAccess.assertCanReject(actor);

/** "Inhoud gecontroleerd": the article's owner, or a coordinator. */
export const canConfirmReview =
  (actor: Actor) =>
  (article: Article): void =>
    articleAccess.assertCanConfirmReview(actor, accessSubject(article));
