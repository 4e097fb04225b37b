import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeText } from '../dutch/dutch-analyzer';
import type { QueryGroup, QueryPlan } from '../query/query-plan';
import type { SearchDocument } from '../search-document';
import { EngineQuery, EngineResult, Facets, SearchEngine, Suggestion, emptyFacets } from '../search-engine';
import { groupTsquery, looseTsquery } from './tsquery';

/** Field weights for ts_rank in {D, C, B, A} order: body, summary, synonyms, title. */
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
const MIN_CORRECTABLE_LENGTH = 4;
/** pg_trgm similarity a correction needs (pasport/paspord 0.6); lower lets unrelated compounds in. */
const MIN_CORRECTION_SIMILARITY = 0.45;

interface HitRow {
  article_id: string;
  slug: string;
  kind: SearchDocument['kind'];
  audience: SearchDocument['audience'];
  title: string;
  summary: string;
  body_text: string;
  department_id: string;
  department_slug: string;
  department_name: string;
  review_due_at: string | null;
  score: number;
}

/**
 * PostgreSQL full-text engine: the embedded default, and the index search falls back to. Stored
 * weighted tsvectors of the analysed keys (title A, synonyms and question B, summary C, body D; KCC
 * notes in a vector of their own) with GIN indexes; OR retrieval over query groups, ranked by how
 * many groups match and where, then ts_rank; pg_trgm over the term vocabulary corrects typos.
 */
@Injectable()
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres' as const;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  upsert(documents: SearchDocument[]): Promise<void> {
    return this.dataSource.transaction((manager) => this.write(manager, documents, []));
  }

  remove(ids: string[]): Promise<void> {
    return this.dataSource.transaction((manager) => this.write(manager, [], ids));
  }

  /** Index writes inside the caller's transaction, so the indexer commits them with its outbox claim. */
  async write(manager: EntityManager, documents: SearchDocument[], removeIds: string[]): Promise<void> {
    if (removeIds.length) await manager.query('DELETE FROM search_documents WHERE article_id = ANY($1::uuid[])', [removeIds]);
    if (documents.length === 0) return;
    const rows = documents.map((d) => ({
      article_id: d.id,
      version: d.version,
      slug: d.slug,
      kind: d.kind,
      audience: d.audience,
      department_id: d.department.id,
      department_slug: d.department.slug,
      department_name: d.department.name,
      themes: d.themes,
      life_events: d.lifeEvents,
      target_groups: d.targetGroups,
      title: d.title,
      summary: d.summary,
      synonyms: d.synonyms,
      body_text: d.bodyText,
      kcc_text: d.kccText,
      review_due_at: d.reviewDueAt,
      published_at: d.publishedAt,
      t_title: d.terms.title,
      t_synonyms: d.terms.synonyms,
      t_summary: d.terms.summary,
      t_body: d.terms.body,
      t_kcc: d.terms.kcc,
    }));
    await manager.query(
      `INSERT INTO search_documents (article_id, version, slug, kind, audience, department_id, department_slug, department_name,
         themes, life_events, target_groups, title, summary, synonyms, body_text, kcc_text, review_due_at, published_at,
         vector, kcc_vector, indexed_at)
       SELECT r.article_id, r.version, r.slug, r.kind, r.audience, r.department_id, r.department_slug, r.department_name,
         r.themes, r.life_events, r.target_groups, r.title, r.summary, r.synonyms, r.body_text, r.kcc_text, r.review_due_at,
         r.published_at,
         setweight(to_tsvector('simple', r.t_title), 'A') || setweight(to_tsvector('simple', r.t_synonyms), 'B') ||
         setweight(to_tsvector('simple', r.t_summary), 'C') || setweight(to_tsvector('simple', r.t_body), 'D'),
         to_tsvector('simple', r.t_kcc), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, version int, slug text, kind text, audience text,
         department_id uuid, department_slug text, department_name text, themes text[], life_events text[],
         target_groups text[], title text, summary text, synonyms text[], body_text text, kcc_text text,
         review_due_at timestamptz, published_at timestamptz, t_title text, t_synonyms text, t_summary text, t_body text,
         t_kcc text)
       ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, slug = EXCLUDED.slug, kind = EXCLUDED.kind,
         audience = EXCLUDED.audience, department_id = EXCLUDED.department_id, department_slug = EXCLUDED.department_slug,
         department_name = EXCLUDED.department_name, themes = EXCLUDED.themes, life_events = EXCLUDED.life_events,
         target_groups = EXCLUDED.target_groups, title = EXCLUDED.title, summary = EXCLUDED.summary,
         synonyms = EXCLUDED.synonyms, body_text = EXCLUDED.body_text, kcc_text = EXCLUDED.kcc_text,
         review_due_at = EXCLUDED.review_due_at, published_at = EXCLUDED.published_at, vector = EXCLUDED.vector,
         kcc_vector = EXCLUDED.kcc_vector, indexed_at = now()`,
      [JSON.stringify(rows)],
    );
    const terms = [...new Set(documents.flatMap((d) => Object.values(d.terms).join(' ').split(' ')).filter(Boolean))];
    await manager.query('INSERT INTO search_terms (term) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING', [terms]);
    const phrases = documents.flatMap((d) => [
      { article_id: d.id, phrase: d.title, source: 'title' },
      ...d.synonyms.map((s) => ({ article_id: d.id, phrase: s, source: 'synonym' })),
    ]);
    await manager.query('DELETE FROM search_phrases WHERE article_id = ANY($1::uuid[])', [documents.map((d) => d.id)]);
    const phraseRows = dedupePhrases(phrases.map((p) => ({ ...p, norm: normalizeText(p.phrase) })).filter((p) => p.norm));
    await manager.query(
      `INSERT INTO search_phrases (article_id, phrase, norm, source)
       SELECT article_id, phrase, norm, source FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, phrase text, norm text, source text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(phraseRows)],
    );
  }

  async replaceAll(pages: AsyncIterable<SearchDocument[]>): Promise<number> {
    // One transaction: readers keep seeing the old index until the new one is committed.
    return this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM search_documents');
      let count = 0;
      for await (const page of pages) {
        await this.write(manager, page, []);
        count += page.length;
      }
      return count;
    });
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const groups = await this.lookupTerms(query.plan.groups);
    const any = groups
      .flatMap(({ group, corrections }) => [groupTsquery(group, corrections), looseTsquery(group)])
      .filter((q): q is string => q !== null);
    if (any.length === 0) return { total: 0, hits: [], facets: emptyFacets() };

    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const vector = query.scope === 'staff' ? '(d.vector || d.kcc_vector)' : 'd.vector';
    const anyQ = `to_tsquery('simple', ${param(any.map((q) => `(${q})`).join(' | '))})`;
    const coverage = groups
      .map(({ group, corrections, weight }) => {
        const w = (level: number) => (level * weight).toFixed(4);
        const strict = groupTsquery(group, corrections);
        const titleOrSynonym = groupTsquery(group, corrections, 'AB');
        const loose = looseTsquery(group);
        const cases = [
          titleOrSynonym && `WHEN ${vector} @@ to_tsquery('simple', ${param(titleOrSynonym)}) THEN ${w(1)}`,
          strict && `WHEN ${vector} @@ to_tsquery('simple', ${param(strict)}) THEN ${w(0.6)}`,
          loose && `WHEN ${vector} @@ to_tsquery('simple', ${param(loose)}) THEN ${w(0.3)}`,
        ].filter(Boolean);
        return cases.length ? `(CASE ${cases.join(' ')} ELSE 0 END)` : '0';
      })
      .join(' + ');

    const where = [query.scope === 'staff' ? `(d.vector @@ q.any_q OR d.kcc_vector @@ q.any_q)` : `d.vector @@ q.any_q`];
    if (query.scope === 'public') where.push(`d.audience = 'public'`);
    const f = query.filters;
    if (f.audience) where.push(`d.audience = ${param(f.audience)}`);
    if (f.kind) where.push(`d.kind = ${param(f.kind)}`);
    if (f.department) where.push(`d.department_slug = ${param(f.department)}`);
    if (f.theme) where.push(`${param(f.theme)} = ANY(d.themes)`);
    if (f.lifeEvent) where.push(`${param(f.lifeEvent)} = ANY(d.life_events)`);
    if (f.targetGroup) where.push(`${param(f.targetGroup)} = ANY(d.target_groups)`);

    const sql = `
      WITH q AS (SELECT ${anyQ} AS any_q),
      m AS MATERIALIZED (
        SELECT d.article_id, d.slug, d.kind, d.audience, d.title, d.summary, d.department_id, d.department_slug,
          d.department_name, d.review_due_at, d.themes, d.life_events, d.target_groups,
          (${coverage}) + 0.5 * ts_rank('${RANK_WEIGHTS}', ${vector}, q.any_q, 1) AS score
        FROM search_documents d, q
        WHERE ${where.join(' AND ')}
      ),
      page AS (
        SELECT m.*, d.body_text FROM m JOIN search_documents d USING (article_id)
        ORDER BY m.score DESC, m.title, m.article_id LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}
      )
      SELECT
        (SELECT count(*) FROM m)::int AS total,
        (SELECT coalesce(jsonb_agg(to_jsonb(page) - 'themes' - 'life_events' - 'target_groups' ORDER BY score DESC, title, article_id), '[]') FROM page) AS hits,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT kind AS k, count(*) AS n FROM m GROUP BY kind) x) AS f_kind,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT department_slug AS k, count(*) AS n FROM m GROUP BY department_slug) x) AS f_department,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT audience AS k, count(*) AS n FROM m GROUP BY audience) x) AS f_audience,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, count(*) AS n FROM m, unnest(m.themes) t GROUP BY t) x) AS f_themes,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, count(*) AS n FROM m, unnest(m.life_events) t GROUP BY t) x) AS f_life_events,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, count(*) AS n FROM m, unnest(m.target_groups) t GROUP BY t) x) AS f_target_groups`;
    const [row] = await this.dataSource.query(sql, params);
    const facets: Facets = {
      kind: row.f_kind,
      department: row.f_department,
      audience: row.f_audience,
      themes: row.f_themes,
      lifeEvents: row.f_life_events,
      targetGroups: row.f_target_groups,
    };
    return {
      total: row.total,
      facets,
      hits: (row.hits as HitRow[]).map((h) => ({
        id: h.article_id,
        score: Number(h.score),
        document: {
          slug: h.slug,
          kind: h.kind,
          audience: h.audience,
          title: h.title,
          summary: h.summary,
          bodyText: h.body_text,
          department: { id: h.department_id, slug: h.department_slug, name: h.department_name },
          reviewDueAt: h.review_due_at ? new Date(h.review_due_at).toISOString() : null,
        },
      })),
    };
  }

  async suggest(plan: QueryPlan, scope: 'staff' | 'public', limit: number): Promise<Suggestion[]> {
    const q = plan.normalized.replace(/-/g, ' ');
    if (q.length < 2) return [];
    const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    // Whole-phrase prefix first, then a word inside the phrase, then trigram similarity (typos);
    // one suggestion per article, its best phrase (a title over a synonym).
    const rows: { phrase: string; article_id: string; slug: string; title: string; kind: Suggestion['kind'] }[] = await this.dataSource.query(
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

  async applySynonyms(): Promise<void> {
    // Synonyms are expanded in the query plan; nothing is stored in the index.
  }

  async isHealthy(): Promise<boolean> {
    await this.dataSource.query('SELECT 1 FROM search_documents LIMIT 1');
    return true;
  }

  /**
   * Per group: typo corrections for words the index has never seen (nearest terms by pg_trgm), and a
   * weight from how rare the group's words are (BM25-style idf), so "klimrek" counts for more than
   * "kapot". One round trip.
   */
  private async lookupTerms(groups: QueryGroup[]): Promise<{ group: QueryGroup; corrections: string[]; weight: number }[]> {
    const keys = [...new Set(groups.flatMap((g) => g.alternatives.flat()))];
    const correctable = [...new Set(groups.map((g) => g.correctable).filter((k): k is string => !!k && k.length >= MIN_CORRECTABLE_LENGTH))];
    const [row]: { documents: number; df: Record<string, number> | null; corrections: { key: string; term: string; df: number }[] | null }[] =
      await this.dataSource.query(
        `SELECT
           (SELECT documents FROM search_index_stats WHERE id = 1) AS documents,
           (SELECT jsonb_object_agg(term, df) FROM search_terms WHERE term = ANY($1::text[])) AS df,
           (SELECT jsonb_agg(jsonb_build_object('key', c.key, 'term', t.term, 'df', t.df)) FROM unnest($2::text[]) AS c(key)
              CROSS JOIN LATERAL (
                SELECT term, df FROM search_terms WHERE term % c.key AND similarity(term, c.key) >= ${MIN_CORRECTION_SIMILARITY} AND term <> c.key
                  AND NOT EXISTS (SELECT 1 FROM search_terms e WHERE e.term = c.key)
                ORDER BY similarity(term, c.key) DESC, term LIMIT 2
              ) t) AS corrections`,
        [keys, correctable],
      );
    const df = new Map(Object.entries(row.df ?? {}));
    const corrections = new Map<string, string[]>();
    for (const c of row.corrections ?? []) {
      corrections.set(c.key, [...(corrections.get(c.key) ?? []), c.term]);
      df.set(c.term, c.df);
    }
    const n = row.documents;
    return groups.map((group) => {
      const extra = group.correctable ? (corrections.get(group.correctable) ?? []) : [];
      // A group is as common as its commonest way to match; an alternative as its rarest word.
      const alternativeDf = [...group.alternatives, ...extra.map((k) => [k])].map((alt) => Math.min(...alt.map((k) => df.get(k) ?? 0)));
      const groupDf = Math.max(0, ...alternativeDf);
      return { group, corrections: extra, weight: idf(groupDf, n) };
    });
  }

  /** Refreshes document frequencies (ts_stat over all vectors); cheap enough to run every few minutes. */
  async refreshStatistics(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE search_terms t SET df = coalesce(s.ndoc, 0)
         FROM search_terms t2 LEFT JOIN ts_stat('SELECT vector || kcc_vector FROM search_documents') s ON s.word = t2.term
         WHERE t.term = t2.term AND t.df IS DISTINCT FROM coalesce(s.ndoc, 0)`,
      );
      await manager.query(`UPDATE search_index_stats SET documents = (SELECT count(*) FROM search_documents), refreshed_at = now() WHERE id = 1`);
    });
  }

  async statisticsAgeMs(): Promise<number> {
    const [row]: { age: number | null }[] = await this.dataSource.query(
      `SELECT extract(epoch FROM now() - refreshed_at) * 1000 AS age FROM search_index_stats WHERE id = 1`,
    );
    return row?.age ?? Number.POSITIVE_INFINITY;
  }
}

/** BM25 idf; before statistics exist (n = 0) every group weighs the same. */
export function idf(df: number, n: number): number {
  if (n <= 0) return 1;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function dedupePhrases<T extends { article_id: string; norm: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = `${r.article_id} ${r.norm}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
