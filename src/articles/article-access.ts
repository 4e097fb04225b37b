import type { ArticleAccessSubject } from '../auth/article-access.policy';
import type { Article } from './article.entity';

/** The facts the authorisation rules look at. */
export const accessSubject = (article: Article): ArticleAccessSubject => ({
  departmentSlug: article.department!.slug,
  ownerId: article.ownerId,
  revisionAuthorId: article.revisionAuthorId,
});
