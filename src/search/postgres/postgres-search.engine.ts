import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { normalizeText } from '../dutch/dutch-analyzer';
import type { QueryGroup, QueryPlan } from '../query/query-plan';
import type { SearchDocument } from '../search-document';
import { EngineQuery, EngineResult, Facets, SearchEngine, Suggestion, emptyFacets } from '../search-engine';
import { SearchCancelledError } from '../query/engine-gate';
import { RERANK_DEPTH, ScoredGroup, groupScoreSql, groupWeight, refineScoreSql } from './ranking';
import { groupTsquery, looseTsquery } from './tsquery';
import type { HitText, WeightedGroup } from '../query/confidence';

/** A group found in more than this share of documents does not by itself make a document match. */
const COMMON_SHARE = 0.1;
/** …and in at least this many: in a small collection every word may retrieve. */
const COMMON_MIN_DOCUMENTS = 1000;
/** Widen from "every group" to "any group" when fewer documents than this have every group. */
const WIDEN_BELOW = 10;
/** Most documents a query considers (bounds the work, and the counts, of very broad queries). */
const MATCH_CAP = 2000;
/** Time bound per search statement: past it, the search is answered again with DEGRADED_CAP candidates. */
const STATEMENT_TIMEOUT_MS = 1500;
const DEGRADED_CAP = 200;
/**
 * Every search runs in a read-only transaction with the time bound; the planner prefers a sequential
 * scan for broad queries, which unpacks every document vector, while the GIN index answers them
 * without touching a vector.
 */
const BEGIN_SEARCH = `BEGIN READ ONLY; SET LOCAL enable_seqscan = off; SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`;

interface PlannedGroup extends Omit<ScoredGroup, 'strict' | 'titleOnly'> {
  strict: string | null;
  titleOnly: string | null;
  df: number;
  /** indexed terms a typo in this group was corrected to */
  corrections: string[];
}

/** Runs statements on one pooled connection (lookups and search share it: one checkout per search). */
type Run = <T>(sql: string, params?: unknown[]) => Promise<T[]>;
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
    if (removeIds.length === 0 && documents.length === 0) return;
    if (removeIds.length) await manager.query('DELETE FROM search_documents WHERE article_id = ANY($1::uuid[])', [removeIds]);
    if (documents.length) await this.writeDocuments(manager, documents);
    // Last: the one row every writer updates is locked only for the end of the transaction, so two
    // indexers (or an indexer's next batch) write documents in parallel.
    await manager.query('UPDATE search_index_stats SET generation = generation + 1, changes = changes + $1 WHERE id = 1', [
      documents.length + removeIds.length,
    ]);
  }

  private async writeDocuments(manager: EntityManager, documents: SearchDocument[]): Promise<void> {
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
         vector, kcc_vector, title_vector, indexed_at)
       SELECT r.article_id, r.version, r.slug, r.kind, r.audience, r.department_id, r.department_slug, r.department_name,
         r.themes, r.life_events, r.target_groups, r.title, r.summary, r.synonyms, r.body_text, r.kcc_text, r.review_due_at,
         r.published_at, v.title_vector || setweight(to_tsvector('simple', r.t_body), 'D'), to_tsvector('simple', r.t_kcc),
         v.title_vector, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, version int, slug text, kind text, audience text,
         department_id uuid, department_slug text, department_name text, themes text[], life_events text[],
         target_groups text[], title text, summary text, synonyms text[], body_text text, kcc_text text,
         review_due_at timestamptz, published_at timestamptz, t_title text, t_synonyms text, t_summary text, t_body text,
         t_kcc text)
       -- title, synonyms and summary analysed once, for both vectors
       CROSS JOIN LATERAL (SELECT setweight(to_tsvector('simple', r.t_title), 'A') || setweight(to_tsvector('simple', r.t_synonyms), 'B') ||
         setweight(to_tsvector('simple', r.t_summary), 'C') AS title_vector) v
       ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, slug = EXCLUDED.slug, kind = EXCLUDED.kind,
         audience = EXCLUDED.audience, department_id = EXCLUDED.department_id, department_slug = EXCLUDED.department_slug,
         department_name = EXCLUDED.department_name, themes = EXCLUDED.themes, life_events = EXCLUDED.life_events,
         target_groups = EXCLUDED.target_groups, title = EXCLUDED.title, summary = EXCLUDED.summary,
         synonyms = EXCLUDED.synonyms, body_text = EXCLUDED.body_text, kcc_text = EXCLUDED.kcc_text,
         review_due_at = EXCLUDED.review_due_at, published_at = EXCLUDED.published_at, vector = EXCLUDED.vector,
         kcc_vector = EXCLUDED.kcc_vector, title_vector = EXCLUDED.title_vector,
         indexed_at = now()`,
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
      await manager.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');
      let count = 0;
      for await (const page of pages) {
        await this.write(manager, page, []);
        count += page.length;
      }
      return count;
    });
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.withConnection(query.signal, async (run) => {
      const { groups, documents } = await this.lookupTerms(query.plan.groups, run);
      const usable = groups.filter((g): g is PlannedGroup & ScoredGroup => g.strict !== null && g.titleOnly !== null);
      if (usable.length === 0) return { total: 0, hits: [], facets: emptyFacets() };
      try {
        return await this.rank(query, usable, documents, MATCH_CAP, run);
      } catch (error) {
        // Over the time bound (a very broad query on a busy machine): a narrower answer beats none.
        if (!isStatementTimeout(error) || query.signal?.aborted) throw error;
        await run(`ROLLBACK; ${BEGIN_SEARCH}`);
        return this.rank(query, usable, documents, DEGRADED_CAP, run);
      }
    });
  }

  private async rank(
    query: EngineQuery,
    usable: (PlannedGroup & ScoredGroup)[],
    documents: number,
    matchCap: number,
    run: Run,
  ): Promise<EngineResult> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const tsq = (text: string) => `to_tsquery('simple', ${param(text)})`;
    const staff = query.scope === 'staff';
    const matches = (q: string) => (staff ? `(d.vector @@ ${q} OR d.kcc_vector @@ ${q})` : `d.vector @@ ${q}`);

    // AND first: documents that have every group. Only when those are too few, widen to documents
    // with any group, where words in more than COMMON_SHARE of documents (and at least
    // COMMON_MIN_DOCUMENTS) do not by themselves make a match: "paspoort aanvragen" widens on
    // paspoort, and aanvragen only ranks.
    const commonFrom = Math.max(COMMON_MIN_DOCUMENTS, COMMON_SHARE * documents);
    const rare = usable.filter((g) => g.df > 0 && g.df <= commonFrom);
    const widening = rare.length ? rare : usable;
    const all = tsq(usable.map((g) => `(${g.strict})`).join(' & '));
    const any = tsq(
      widening
        .flatMap((g) => [g.strict, g.loose])
        .filter(Boolean)
        .map((q) => `(${q})`)
        .join(' | '),
    );

    const where: string[] = [];
    if (query.scope === 'public') where.push(`d.audience = 'public'`);
    const f = query.filters;
    if (f.audience) where.push(`d.audience = ${param(f.audience)}`);
    if (f.kind) where.push(`d.kind = ${param(f.kind)}`);
    if (f.department) where.push(`d.department_slug = ${param(f.department)}`);
    if (f.theme) where.push(`${param(f.theme)} = ANY(d.themes)`);
    if (f.lifeEvent) where.push(`${param(f.lifeEvent)} = ANY(d.life_events)`);
    if (f.targetGroup) where.push(`${param(f.targetGroup)} = ANY(d.target_groups)`);
    const filters = where.map((w) => ` AND ${w}`).join('');

    // Per group, by where it matched. In the AND set every group matched somewhere, so only the
    // (small, inline) title vector is looked at; widened documents are checked against the document
    // vector too, unpacked once per row (x.v) rather than once per test.
    const vector = staff ? '(d.vector || d.kcc_vector)' : 'd.vector';
    const narrow = { titleVector: 'd.title_vector', vector: 'x.v' };
    const anyQuery = usable
      .flatMap((g) => [g.strict, g.loose])
      .filter(Boolean)
      .map((q) => `(${q})`)
      .join(' | ');
    const cap = param(matchCap);

    const columns = `d.article_id, d.title, d.kind, d.audience, d.department_slug, d.themes, d.life_events, d.target_groups`;
    // Scored in the same scan that finds them: no second pass over the documents.
    const sql = `
      WITH and_m AS MATERIALIZED (
        SELECT ${columns}, ${usable.map((g) => groupScoreSql(g, true, tsq, narrow)).join(' + ')} AS score
        FROM search_documents d WHERE ${matches(all)}${filters} LIMIT ${cap}
      ),
      wide_m AS MATERIALIZED (
        SELECT ${columns}, ${usable.map((g) => groupScoreSql(g, false, tsq, narrow)).join(' + ')} AS score
        FROM search_documents d CROSS JOIN LATERAL (SELECT ${vector} || ''::tsvector AS v OFFSET 0) x
        WHERE (SELECT count(*) FROM and_m) < ${param(WIDEN_BELOW)} AND ${matches(any)}${filters}
          AND d.article_id NOT IN (SELECT article_id FROM and_m)
        LIMIT ${cap}
      ),
      m AS (SELECT * FROM and_m UNION ALL SELECT * FROM wide_m),
      -- Density and length (ts_rank) refine the order, computed only for the best candidates.
      top AS (
        SELECT m.article_id, m.title, ${refineScoreSql('m.score', vector, tsq(anyQuery))} AS score
        FROM (SELECT * FROM m ORDER BY score DESC, title, article_id LIMIT ${param(RERANK_DEPTH)}) m
        JOIN search_documents d USING (article_id)
      ),
      page AS (
        SELECT top.article_id, top.score, d.slug, d.kind, d.audience, d.title, d.summary, d.body_text, d.department_id,
          d.department_slug, d.department_name, d.review_due_at
        FROM top JOIN search_documents d USING (article_id)
        ORDER BY top.score DESC, top.title, top.article_id LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}
      )
      SELECT
        (SELECT count(*) FROM m)::int AS total,
        (SELECT coalesce(jsonb_agg(to_jsonb(page) ORDER BY score DESC, title, article_id), '[]') FROM page) AS hits,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT kind AS k, count(*) AS n FROM m GROUP BY kind) x) AS f_kind,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT department_slug AS k, count(*) AS n FROM m GROUP BY department_slug) x) AS f_department,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT audience AS k, count(*) AS n FROM m GROUP BY audience) x) AS f_audience,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, count(*) AS n FROM m, unnest(m.themes) t GROUP BY t) x) AS f_themes,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, count(*) AS n FROM m, unnest(m.life_events) t GROUP BY t) x) AS f_life_events,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, count(*) AS n FROM m, unnest(m.target_groups) t GROUP BY t) x) AS f_target_groups`;
    const [row] = await run<{
      total: number;
      hits: HitRow[];
      f_kind: Record<string, number>;
      f_department: Record<string, number>;
      f_audience: Record<string, number>;
      f_themes: Record<string, number>;
      f_life_events: Record<string, number>;
      f_target_groups: Record<string, number>;
    }>(sql, params);
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
      hits: row.hits.map((h) => ({
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
    const rows: { phrase: string; article_id: string; slug: string; title: string; kind: Suggestion['kind'] }[] =
      await this.dataSource.query(
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

  /** Moves on with every write to the index: results cached under an older generation are stale. */
  async generation(): Promise<string> {
    const [row]: { generation: string }[] = await this.dataSource.query('SELECT generation FROM search_index_stats WHERE id = 1');
    return row?.generation ?? '0';
  }

  /** Marks results of other engines as stale too (they are updated after PostgreSQL). */
  async bumpGeneration(): Promise<void> {
    await this.dataSource.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');
  }

  async isHealthy(): Promise<boolean> {
    await this.dataSource.query('SELECT 1 FROM search_documents LIMIT 1');
    return true;
  }

  /**
   * One pooled connection for the whole search (BEGIN_SEARCH). When `signal` aborts (the client went away), the running
   * statement is cancelled on the server (pg_cancel_backend from another connection) and the search
   * ends with SearchCancelledError; the connection goes back to the pool only after the cancel
   * request is answered, so it cannot hit the next user's statement.
   */
  private async withConnection<T>(signal: AbortSignal | undefined, work: (run: Run) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new SearchCancelledError();
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    const pid = (runner as unknown as { databaseConnection?: { processID?: number } }).databaseConnection?.processID;
    let cancelling: Promise<unknown> | undefined;
    const onAbort = () => {
      if (pid) cancelling = this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let open = false;
    try {
      await runner.query(BEGIN_SEARCH);
      open = true;
      const result = await work(<R>(sql: string, params?: unknown[]) => runner.query(sql, params) as Promise<R[]>);
      if (signal?.aborted) throw new SearchCancelledError();
      return result;
    } catch (error) {
      if (signal?.aborted) throw new SearchCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await cancelling;
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * Per group: typo corrections for words the index has never seen (nearest terms by pg_trgm), its
   * document frequency (for a prefix: of the terms it opens), and from that a weight (BM25-style
   * idf), so "klimrek" counts for more than "kapot". One round trip.
   */
  private async lookupTerms(groups: QueryGroup[], run: Run): Promise<{ groups: PlannedGroup[]; documents: number }> {
    const keys = [...new Set(groups.flatMap((g) => [...g.alternatives.flat(), ...g.looseKeys]))];
    const prefixes = [...new Set(groups.map((g) => g.prefix).filter((p): p is string => !!p))];
    const correctable = [
      ...new Set(groups.map((g) => g.correctable).filter((k): k is string => !!k && k.length >= MIN_CORRECTABLE_LENGTH)),
    ];
    const [row]: {
      documents: number;
      df: Record<string, number> | null;
      prefix_df: Record<string, number> | null;
      corrections: { key: string; term: string; df: number }[] | null;
    }[] = await run(
      `SELECT
         (SELECT documents FROM search_index_stats WHERE id = 1) AS documents,
         (SELECT jsonb_object_agg(term, df) FROM search_terms WHERE term = ANY($1::text[])) AS df,
         (SELECT jsonb_object_agg(p, (SELECT coalesce(sum(df), 0) FROM search_terms WHERE term LIKE p || '%'))
            FROM unnest($3::text[]) AS p) AS prefix_df,
         (SELECT jsonb_agg(jsonb_build_object('key', c.key, 'term', t.term, 'df', t.df)) FROM unnest($2::text[]) AS c(key)
            CROSS JOIN LATERAL (
              SELECT term, df FROM search_terms
              WHERE term % c.key AND similarity(term, c.key) >= ${MIN_CORRECTION_SIMILARITY} AND term <> c.key
                AND NOT EXISTS (SELECT 1 FROM search_terms e WHERE e.term = c.key)
              ORDER BY similarity(term, c.key) DESC, term LIMIT 2
            ) t) AS corrections`,
      [keys, correctable, prefixes],
    );
    const df = new Map(Object.entries(row.df ?? {}));
    const corrections = new Map<string, string[]>();
    for (const c of row.corrections ?? []) {
      corrections.set(c.key, [...(corrections.get(c.key) ?? []), c.term]);
      df.set(c.term, c.df);
    }
    const n = row.documents;
    const planned = groups.map((group): PlannedGroup => {
      const extra = group.correctable ? (corrections.get(group.correctable) ?? []) : [];
      // A group matches when any alternative does: its frequency is at most the sum of theirs; an
      // AND-alternative is as frequent as its rarest word.
      const alternativeDf = [...group.alternatives, ...extra.map((k) => [k])].map((alt) => Math.min(...alt.map((k) => df.get(k) ?? 0)));
      const prefixDf = group.prefix ? (row.prefix_df?.[group.prefix] ?? 0) : 0;
      const groupDf = Math.min(n || Number.POSITIVE_INFINITY, alternativeDf.reduce((a, b) => a + b, 0) + prefixDf);
      return {
        strict: groupTsquery(group, extra),
        titleOnly: groupTsquery(group, extra, 'AB'),
        loose: looseTsquery(group),
        df: groupDf,
        weight: groupWeight(alternativeDf, n),
        corrections: extra,
      };
    });
    return { groups: planned, documents: n };
  }

  /**
   * What the confidence of an answer is judged on, whatever engine gave it (PostgreSQL is always
   * current): the query groups weighted and corrected as a search here plans them, and the hit's own
   * text, its question variants as the keys indexed for them. One connection, two short statements.
   */
  async answerEvidenceInput(
    groups: QueryGroup[],
    articleId: string,
    signal?: AbortSignal,
  ): Promise<{ groups: WeightedGroup[]; hit: HitText | null }> {
    return this.withConnection(signal, async (run) => {
      const planned = (await this.lookupTerms(groups, run)).groups;
      const [doc] = await run<{ title: string; synonyms: string[]; summary: string; body_text: string; phrasing_keys: string[] }>(
        `SELECT title, synonyms, summary, body_text, tsvector_to_array(ts_filter(title_vector, '{b}')) AS phrasing_keys
         FROM search_documents WHERE article_id = $1`,
        [articleId],
      );
      return {
        groups: groups.map((g, i) => ({ ...g, weight: planned[i].weight, corrections: planned[i].corrections })),
        hit: doc
          ? { title: doc.title, synonyms: doc.synonyms, summary: doc.summary, bodyText: doc.body_text, synonymKeys: doc.phrasing_keys }
          : null,
      };
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
      await manager.query(
        `UPDATE search_index_stats SET documents = (SELECT count(*) FROM search_documents), refreshed_at = now(), changes = 0 WHERE id = 1`,
      );
    });
  }

  /**
   * Statistics are stale once a tenth of the collection (at least 20 documents) has been written
   * since the last refresh, or after `maxAgeMs` with any change at all.
   */
  async statisticsStale(maxAgeMs: number): Promise<boolean> {
    const [row]: { stale: boolean }[] = await this.dataSource.query(
      `SELECT (changes >= greatest(20, documents / 10)) OR (changes > 0 AND (refreshed_at IS NULL OR refreshed_at < now() - $1 * interval '1 millisecond')) AS stale
       FROM search_index_stats WHERE id = 1`,
      [maxAgeMs],
    );
    return row?.stale ?? true;
  }
}

/** SQLSTATE 57014 (query_canceled): statement_timeout, or a cancel we sent. */
function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.code ?? e?.driverError?.code) === '57014';
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
