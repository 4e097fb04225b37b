import type { LiveArticle } from '../articles/published-articles.service';
import type { DutchAnalyzer } from './dutch/dutch-analyzer';
import type { SearchDocument } from './search-document';

/** The one way a live article becomes a search document (pure: same input, same document). */
export function buildSearchDocument({ article, version }: LiveArticle, analyzer: DutchAnalyzer): SearchDocument {
  const content = version.content;
  const synonyms = [...content.synonyms, ...(content.uplName ? [content.uplName] : [])];
  const alternativeQuestions = content.alternativeQuestions ?? [];
  const publicParts = version.rendered.parts.filter((p) => !p.internal).map((p) => p.text);
  const bodyText = [content.question ?? '', ...publicParts].filter((t) => t.trim()).join('\n\n');
  const kccText = version.rendered.parts
    .filter((p) => p.internal)
    .map((p) => p.text)
    .join('\n\n');
  const department = article.department!;
  return {
    id: article.id,
    version: version.number,
    slug: article.slug,
    kind: article.kind,
    audience: content.audience,
    department: { id: department.id, slug: department.slug, name: department.name },
    themes: content.themes,
    lifeEvents: content.lifeEvents,
    targetGroups: content.targetGroups,
    title: content.title,
    summary: content.summary,
    synonyms,
    alternativeQuestions,
    bodyText,
    kccText,
    reviewDueAt: article.reviewDueAt?.toISOString() ?? null,
    publishedAt: version.createdAt.toISOString(),
    terms: {
      title: analyzer.indexTerms(content.title),
      // A FAQ's question is as telling as a synonym, and so (for now: the relevance work gives them a
      // weight of their own) are its question variants.
      synonyms: analyzer.indexTerms([...synonyms, content.question ?? '', ...alternativeQuestions].join(' \n ')),
      summary: analyzer.indexTerms(content.summary),
      body: analyzer.indexTerms(publicParts.join('\n')),
      kcc: analyzer.indexTerms(kccText),
    },
  };
}
