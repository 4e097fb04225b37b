import type { HitText, WeightedGroup } from '../query/confidence';
import type { QueryGroup } from '../query/query-plan';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { LIVE_ARTICLE_SQL } from '../../articles/live-article';
import { AnswerEvidenceInput, EngineQuery, EngineResult, FlatHit, emptyFacets, toEngineHit } from '../search-engine';
import { SearchCancelledError, SearchSaturatedError } from '../query/engine-gate';
import { LEVELS, RERANK_DEPTH, answerKindTsquery, levelPoints, pointsText, rankShare, refineScoreSql } from './ranking';
import { PlannedGroup, Run, planGroups } from './postgres-group-planner';
import { PostgresCandidateSource } from './postgres-candidate-source';
import type { GroupTerms } from './tsquery';

/** A group found in more than this share of documents does not by itself make a document match. */
const COMMON_SHARE = 0.1;
/** …and in at least this many: in a small collection every word may retrieve. */
const COMMON_MIN_DOCUMENTS = 1000;
/** Widen from "every group" to "any group" when fewer documents than this have every group. */
const WIDEN_BELOW = 10;
/** Time bound per statement of a search (small ones: the plan lookup and the page of the best candidates). */
const STATEMENT_TIMEOUT_MS = 1500;

/**
 * The best candidates re-ranked and the page read, in one statement planned once per connection:
 * $1 ids and $2 coverage (numeric) in coverage order, of which the first $3 are refined with ts_rank
 * (share $4, $5 the query's tsquery text, $6 the kind of answer asked for or null), $7 staff (KCC
 * notes count), $8 limit, $9 offset.
 */
const PAGE_SQL = `
  WITH c AS (SELECT * FROM unnest($1::uuid[], $2::numeric[]) WITH ORDINALITY AS c(article_id, coverage, n)),
  scored AS (
    SELECT c.article_id, d.title,
      CASE WHEN c.n <= $3 THEN ${refineScoreSql({ coverage: 'c.coverage', vector: 'v.v', share: '$4::numeric', anyQuery: '$5', answerKind: '$6' })}
      ELSE c.coverage END AS score
    FROM c JOIN search_documents d USING (article_id)
    CROSS JOIN LATERAL (SELECT CASE WHEN $7 THEN d.vector || d.kcc_vector ELSE d.vector END AS v) v
  ),
  page AS (
    SELECT s.article_id AS id, s.score, d.slug, d.kind, d.audience, d.title, d.summary, d.body_text AS "bodyText",
      d.department_id AS "departmentId", d.department_slug AS "departmentSlug", d.department_name AS "departmentName",
      d.review_due_at AS "reviewDueAt",
      -- the index may lag an archive: liveness read here saves the service a round trip
      EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id AND ${LIVE_ARTICLE_SQL('a')}) AS live
    FROM (SELECT * FROM scored ORDER BY score DESC, title COLLATE "C", article_id LIMIT $8 OFFSET $9) s
    JOIN search_documents d USING (article_id)
  )
  SELECT
    (SELECT coalesce(jsonb_agg(to_jsonb(page) ORDER BY score DESC, title COLLATE "C", id), '[]') FROM page) AS hits,
    -- What confidence needs beyond the page's text, for the first hit only: its phrasings of the
    -- need, and the keys indexed for its question variants.
    (SELECT jsonb_build_object('synonyms', d.synonyms, 'synonymKeys', tsvector_to_array(ts_filter(d.title_vector, '{b}')))
      FROM (SELECT id FROM page ORDER BY score DESC, title COLLATE "C", id LIMIT 1) p JOIN search_documents d ON d.article_id = p.id) AS first_hit`;

/**
 * Query execution. The match set, coverage, counts and facets come from the candidate index in this
 * process (the rules of ranking.ts, over what `search_documents` holds at the generation the search
 * read); PostgreSQL plans the groups (statistics, typo corrections) and re-ranks the best few with
 * ts_rank, reading the page. Two short statements on one connection.
 */
export class PostgresSearchQuery {
  private readonly candidates: PostgresCandidateSource;

  constructor(private readonly dataSource: DataSource) {
    this.candidates = new PostgresCandidateSource(dataSource);
  }

  /** Loads the candidate index ahead of the first search. */
  async warm(): Promise<void> {
    await this.candidates.at('0');
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.withConnection(query.signal, async (run) => {
      const { groups, documents, generation } = await planGroups(query.plan.groups, run);
      const usable = groups.filter((g): g is PlannedGroup & { strict: string; terms: GroupTerms } => g.strict !== null && g.terms !== null);
      if (usable.length === 0) return { total: 0, hits: [], facets: emptyFacets() };
      const index = await this.candidates.at(generation);
      if (query.signal?.aborted) throw new SearchCancelledError();

      // AND first: documents that have every group. Only when those are too few, widen to documents
      // with any group, where words in more than COMMON_SHARE of documents (and at least
      // COMMON_MIN_DOCUMENTS) do not by themselves make a match: "paspoort aanvragen" widens on
      // paspoort, and aanvragen only ranks.
      const commonFrom = Math.max(COMMON_MIN_DOCUMENTS, COMMON_SHARE * documents);
      const rare = usable.flatMap((g, i) => (g.df > 0 && g.df <= commonFrom ? [i] : []));
      const depth = Math.max(RERANK_DEPTH, query.offset + query.limit);
      const matched = index.search({
        groups: usable.map((g) => ({
          terms: g.terms,
          looseKeys: g.looseKeys,
          points: {
            title: levelPoints(LEVELS.title, g.weight),
            summary: levelPoints(LEVELS.summary, g.weight),
            body: levelPoints(LEVELS.body, g.weight),
            loose: levelPoints(LEVELS.loose, g.weight),
          },
        })),
        widening: rare.length ? rare : usable.map((_, i) => i),
        widenBelow: WIDEN_BELOW,
        staff: query.scope === 'staff',
        filters: query.filters,
        depth,
      });
      if (matched.best.length === 0 || query.offset >= matched.best.length) {
        return {
          total: matched.total,
          hits: [],
          facets: matched.facets,
          evidence: { groups: weighted(query.plan.groups, groups), hit: null },
        };
      }

      const anyQuery = usable
        .flatMap((g) => [g.strict, g.loose])
        .filter(Boolean)
        .map((q) => `(${q})`)
        .join(' | ');
      const [row] = await run<{ hits: FlatHit[]; first_hit: Pick<HitText, 'synonyms' | 'synonymKeys'> | null }>(
        PAGE_SQL,
        [
          matched.best.map((c) => c.id),
          matched.best.map((c) => pointsText(c.points)),
          RERANK_DEPTH,
          rankShare(usable.reduce((sum, g) => sum + g.weight, 0)),
          anyQuery,
          answerKindTsquery(query.plan.normalized),
          query.scope === 'staff',
          query.limit,
          query.offset,
        ],
        'search_page',
      );
      const hits = row.hits.map(toEngineHit);
      const first = hits[0]?.document;
      return {
        total: matched.total,
        facets: matched.facets,
        hits,
        evidence: {
          groups: weighted(query.plan.groups, groups),
          hit: first && row.first_hit ? { ...row.first_hit, title: first.title, summary: first.summary, bodyText: first.bodyText } : null,
        },
      };
    });
  }

  /**
   * What the confidence of an answer is judged on, whatever engine gave it (PostgreSQL is always
   * current): the query groups weighted and corrected as a search here plans them, and the hit's own
   * text, its question variants as the keys indexed for them. One connection, two short statements.
   * A search here returns the same for its own first hit (EngineResult.evidence); this is for the
   * answers of other engines, and for a cached answer whose first hit is no longer live.
   */
  answerEvidenceInput(groups: QueryGroup[], articleId: string, signal?: AbortSignal): Promise<AnswerEvidenceInput> {
    return this.withConnection(signal, async (run) => {
      const planned = (await planGroups(groups, run)).groups;
      const [doc] = await run<{ title: string; synonyms: string[]; summary: string; body_text: string; phrasing_keys: string[] }>(
        `SELECT title, synonyms, summary, body_text, tsvector_to_array(ts_filter(title_vector, '{b}')) AS phrasing_keys
         FROM search_documents WHERE article_id = $1`,
        [articleId],
      );
      return {
        groups: weighted(groups, planned),
        hit: doc
          ? { title: doc.title, synonyms: doc.synonyms, summary: doc.summary, bodyText: doc.body_text, synonymKeys: doc.phrasing_keys }
          : null,
      };
    });
  }

  /**
   * One pooled connection for the whole search, its statements read straight on the driver's
   * connection (no transaction: each is a single read, and BEGIN and ROLLBACK were two of a miss's four
   * round trips). The running statement is cancelled on the server (pg_cancel_backend from another
   * connection) when `signal` aborts (the client went away: SearchCancelledError) or past
   * STATEMENT_TIMEOUT_MS per statement (a very busy machine: SearchSaturatedError, 503 with Retry-After); the
   * connection goes back to the pool only after the cancel request is answered, so it cannot hit the
   * next user's statement.
   */
  private async withConnection<T>(signal: AbortSignal | undefined, work: (run: Run) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new SearchCancelledError();
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    // TypeORM's per-statement hooks (logging, the audit subscriber) are work for writes, and a named
    // statement is planned once per connection.
    const client = (runner as unknown as { databaseConnection: PoolClient & { processID?: number } }).databaseConnection;
    const pid = client.processID;
    let cancelling: Promise<unknown> | undefined;
    const cancel = () => {
      if (pid && !cancelling) cancelling = this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    let timedOut = false;
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const result = await work(async <R>(sql: string, params?: unknown[], name?: string) => {
        const deadline = setTimeout(() => {
          timedOut = true;
          cancel();
        }, STATEMENT_TIMEOUT_MS);
        try {
          return (await client.query<R & QueryResultRow>({ text: sql, values: params, name })).rows;
        } finally {
          clearTimeout(deadline);
        }
      });
      if (signal?.aborted) throw new SearchCancelledError();
      if (timedOut) throw new SearchSaturatedError(1);
      return result;
    } catch (error) {
      if (signal?.aborted) throw new SearchCancelledError();
      if (timedOut) throw new SearchSaturatedError(1);
      throw error;
    } finally {
      signal?.removeEventListener('abort', cancel);
      await cancelling;
      await runner.release();
    }
  }
}

/** The query groups with the weights and corrections the planner gave them (planned[i] is groups[i]'s). */
function weighted(groups: QueryGroup[], planned: PlannedGroup[]): WeightedGroup[] {
  return groups.map((g, i) => ({ ...g, weight: planned[i].weight, corrections: planned[i].corrections }));
}
