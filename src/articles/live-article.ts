import type { ArticleStatus } from './article-workflow';

/**
 * The one definition of "live": an article is live when it has a published version and is not
 * archived. A pending revision (a draft or review on top of a published version) does not change
 * that: readers keep seeing the published version. Every query and check on liveness uses these two.
 */
export function isLive<T extends { publishedVersion: number | null; status: ArticleStatus }>(
  article: T,
): article is T & { publishedVersion: number } {
  return article.publishedVersion !== null && article.status !== 'archived';
}

/** `isLive` as a SQL condition on the `articles` row named `alias` (none for an unaliased `FROM articles`). */
export function LIVE_ARTICLE_SQL(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `${column('published_version')} IS NOT NULL AND ${column('status')} <> 'archived'`;
}
