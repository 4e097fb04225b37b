import type { HitText, WeightedGroup } from '../query/confidence';
import type { QueryGroup } from '../query/query-plan';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { LIVE_ARTICLE_SQL } from '../../articles/live-article';
import { AnswerEvidenceInput, EngineQuery, EngineResult, Facets, FlatHit, emptyFacets, toEngineHit } from '../search-engine';
import { SearchCancelledError } from '../query/engine-gate';
import { RERANK_DEPTH, ScoredGroup, answerKindTsquery, groupScoreSql, refineScoreSql } from './ranking';
import { PlannedGroup, Run, planGroups } from './postgres-group-planner';

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

/** Query execution: retrieval (AND, widened to OR when too few), scoring, facets and paging in one statement. */
export class PostgresSearchQuery {
  /** `matchCap`: most documents a query considers (MATCH_CAP; smaller in tests of broad queries). */
  constructor(
    private readonly dataSource: DataSource,
    private readonly matchCap = MATCH_CAP,
  ) {}

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.withConnection(query.signal, async (run) => {
      const { groups, documents } = await planGroups(query.plan.groups, run);
      const usable = groups.filter((g): g is PlannedGroup & ScoredGroup => g.strict !== null && g.titleOnly !== null);
      if (usable.length === 0) return { total: 0, hits: [], facets: emptyFacets() };
      try {
        return await this.rank(query, groups, usable, documents, this.matchCap, run);
      } catch (error) {
        // Over the time bound (a very broad query on a busy machine): a narrower answer beats none.
        if (!isStatementTimeout(error) || query.signal?.aborted) throw error;
        await run(`ROLLBACK; ${BEGIN_SEARCH}`);
        return this.rank(query, groups, usable, documents, Math.min(DEGRADED_CAP, this.matchCap), run);
      }
    });
  }

  private async rank(
    query: EngineQuery,
    planned: PlannedGroup[],
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
    const answerKind = answerKindTsquery(query.plan.normalized);
    const queryWeight = usable.reduce((sum, g) => sum + g.weight, 0);

    const columns = `d.article_id, d.title, d.kind, d.audience, d.department_slug, d.themes, d.life_events, d.target_groups`;
    const andScore = usable.map((g) => groupScoreSql(g, true, tsq, narrow)).join(' + ');
    const andColumns = `${columns}, ${andScore} AS score FROM search_documents d`;
    // Past the cap, a broad query ("verhuiz", "pas") would rank the first documents on disk, not the
    // best: when every group is that common, documents with every group in title, phrasings or
    // summary are taken first. Otherwise one scan (the AND set cannot exceed the cap).
    const andSql = usable.every((g) => g.df > matchCap)
      ? `and_t AS MATERIALIZED (SELECT ${andColumns} WHERE d.title_vector @@ ${all}${filters} LIMIT ${cap}),
      and_m AS MATERIALIZED (
        SELECT * FROM and_t
        UNION ALL
        (SELECT ${andColumns} WHERE (SELECT count(*) FROM and_t) < ${cap} AND ${matches(all)} AND NOT d.title_vector @@ ${all}${filters}
         LIMIT ${cap} - (SELECT count(*) FROM and_t))
      )`
      : `and_m AS MATERIALIZED (SELECT ${andColumns} WHERE ${matches(all)}${filters} LIMIT ${cap})`;
    // Scored in the same scan that finds them: no second pass over the documents.
    const sql = `
      WITH ${andSql},
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
        SELECT m.article_id, m.title, ${refineScoreSql('m.score', vector, tsq(anyQuery), answerKind && tsq(answerKind), queryWeight)} AS score
        FROM (SELECT * FROM m ORDER BY score DESC, title, article_id LIMIT ${param(RERANK_DEPTH)}) m
        JOIN search_documents d USING (article_id)
      ),
      -- Facets are counted per distinct combination of facet values (a few dozen), not per candidate
      -- (up to MATCH_CAP): one pass over the match set instead of six, and arrays unnested per combination.
      combos AS (SELECT kind, department_slug, audience, themes, life_events, target_groups, count(*) AS n FROM m GROUP BY 1, 2, 3, 4, 5, 6),
      page AS (
        SELECT top.article_id AS id, top.score, d.slug, d.kind, d.audience, d.title, d.summary, d.body_text AS "bodyText",
          d.department_id AS "departmentId", d.department_slug AS "departmentSlug", d.department_name AS "departmentName",
          d.review_due_at AS "reviewDueAt",
          -- the index may lag an archive: liveness read here saves the service a round trip
          EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id AND ${LIVE_ARTICLE_SQL('a')}) AS live
        -- the page first, then its rows: 10 row lookups, not one per re-ranked candidate
        FROM (SELECT * FROM top ORDER BY score DESC, title, article_id LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}) top
        JOIN search_documents d USING (article_id)
      )
      SELECT
        (SELECT coalesce(sum(n), 0) FROM combos)::int AS total,
        (SELECT coalesce(jsonb_agg(to_jsonb(page) ORDER BY score DESC, title, id), '[]') FROM page) AS hits,
        -- What confidence needs beyond the page's text, for the first hit only: its phrasings of the
        -- need, and the keys indexed for its question variants.
        (SELECT jsonb_build_object('synonyms', d.synonyms, 'synonymKeys', tsvector_to_array(ts_filter(d.title_vector, '{b}')))
          FROM (SELECT id FROM page ORDER BY score DESC, title, id LIMIT 1) p JOIN search_documents d ON d.article_id = p.id) AS first_hit,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT kind AS k, sum(n)::int AS n FROM combos GROUP BY kind) x) AS f_kind,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT department_slug AS k, sum(n)::int AS n FROM combos GROUP BY department_slug) x) AS f_department,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT audience AS k, sum(n)::int AS n FROM combos GROUP BY audience) x) AS f_audience,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, sum(n)::int AS n FROM combos, unnest(combos.themes) t GROUP BY t) x) AS f_themes,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, sum(n)::int AS n FROM combos, unnest(combos.life_events) t GROUP BY t) x) AS f_life_events,
        (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT t AS k, sum(n)::int AS n FROM combos, unnest(combos.target_groups) t GROUP BY t) x) AS f_target_groups`;
    const [row] = await run<{
      total: number;
      hits: FlatHit[];
      first_hit: Pick<HitText, 'synonyms' | 'synonymKeys'> | null;
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
    const hits = row.hits.map(toEngineHit);
    const first = hits[0]?.document;
    return {
      total: row.total,
      facets,
      hits,
      evidence: {
        groups: weighted(query.plan.groups, planned),
        hit: first && row.first_hit ? { ...row.first_hit, title: first.title, summary: first.summary, bodyText: first.bodyText } : null,
      },
    };
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
   * One pooled connection for the whole search (BEGIN_SEARCH). When `signal` aborts (the client went away), the running
   * statement is cancelled on the server (pg_cancel_backend from another connection) and the search
   * ends with SearchCancelledError; the connection goes back to the pool only after the cancel
   * request is answered, so it cannot hit the next user's statement.
   */
  private async withConnection<T>(signal: AbortSignal | undefined, work: (run: Run) => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new SearchCancelledError();
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    // Reads only, straight on the driver's connection: TypeORM's per-statement hooks (logging, the
    // audit subscriber) are work for writes, and a named statement is planned once per connection.
    const client = (runner as unknown as { databaseConnection: PoolClient & { processID?: number } }).databaseConnection;
    const pid = client.processID;
    let cancelling: Promise<unknown> | undefined;
    const onAbort = () => {
      if (pid) cancelling = this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let open = false;
    try {
      await client.query(BEGIN_SEARCH);
      open = true;
      const result = await work(
        async <R>(sql: string, params?: unknown[], name?: string) =>
          (await client.query<R & QueryResultRow>({ text: sql, values: params, name })).rows,
      );
      if (signal?.aborted) throw new SearchCancelledError();
      return result;
    } catch (error) {
      if (signal?.aborted) throw new SearchCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await cancelling;
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

/** The query groups with the weights and corrections the planner gave them (planned[i] is groups[i]'s). */
function weighted(groups: QueryGroup[], planned: PlannedGroup[]): WeightedGroup[] {
  return groups.map((g, i) => ({ ...g, weight: planned[i].weight, corrections: planned[i].corrections }));
}

/** SQLSTATE 57014 (query_canceled): statement_timeout, or a cancel we sent. */
function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e?.code ?? e?.driverError?.code) === '57014';
}
