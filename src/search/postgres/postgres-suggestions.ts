import { DataSource } from 'typeorm';
import type { QueryPlan } from '../query/query-plan';
import type { Suggestion } from '../search-engine';

/**
 * Suggestions as the user types: whole-phrase prefix first, then a word inside the phrase, then
 * trigram similarity (typos); one suggestion per article, its best phrase (a title over a synonym).
 */
export async function suggestPhrases(
  dataSource: DataSource,
  plan: QueryPlan,
  scope: 'staff' | 'public',
  limit: number,
): Promise<Suggestion[]> {
  const q = plan.normalized.replace(/-/g, ' ');
  if (q.length < 2) return [];
  const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  // Whole-phrase prefix first, then a word inside the phrase, then trigram similarity (typos);
  // one suggestion per article, its best phrase (a title over a synonym).
  const rows: { phrase: string; article_id: string; slug: string; title: string; kind: Suggestion['kind'] }[] = await dataSource.query(
    `SELECT phrase, article_id, slug, title, kind FROM (
       SELECT DISTINCT ON (article_id) * FROM (
         SELECT p.phrase, p.article_id, d.slug, d.title, d.kind, p.source,
           CASE WHEN p.norm LIKE $2 || '%' THEN 0 WHEN p.norm LIKE '% ' || $2 || '%' THEN 1 ELSE 2 END AS rank_order,
           similarity(p.norm, $1) AS sim
         FROM search_phrases p JOIN search_documents d USING (article_id)
         WHERE (p.norm LIKE $2 || '%' OR p.norm LIKE '% ' || $2 || '%' OR p.norm % $1) ${scope === 'public' ? `AND d.audience = 'public'` : ''}
       ) candidates
       ORDER BY article_id, rank_order, (source = 'title') DESC, sim DESC
     ) best
     ORDER BY rank_order, sim DESC, title, article_id
     LIMIT $3`,
    [q, like, limit],
  );
  return rows.map((r) => ({ text: r.phrase, id: r.article_id, slug: r.slug, title: r.title, kind: r.kind }));
}
