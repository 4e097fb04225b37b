import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PublishedArticlesService } from '../articles/published-articles.service';
import { SearchLogService } from '../analytics/search-log.service';
import type { Actor } from '../common/request-context/actor';
import { Clock } from '../common/time/clock';
import { DutchAnalyzer } from './dutch/dutch-analyzer';
import { SecondarySearchEngine } from './indexing/secondary-engine';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import { QueryPlan, rememberedPlan } from './query/query-plan';
import { buildSnippet } from './query/snippet';
import { Confidence, answerEvidence, confidenceOf } from './query/confidence';
import { SearchHitResponse, SearchQueryDto, SearchResponse, SuggestQueryDto } from './dto/search-query.dto';
import { ResultCache, answerDependencies } from './query/result-cache';
import { IndexGeneration } from './query/index-generation';
import { ArticleChangeSignal } from '../articles/article-change.signal';
import { EngineGate, SearchCancelledError, SearchSaturatedError } from './query/engine-gate';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { AnswerEvidenceInput, EngineName, EngineQuery, EngineResult, SearchEngine, Suggestion, emptyFacets } from './search-engine';
import { SynonymsService } from './synonyms/synonyms.service';

/** How long a failing secondary engine is skipped before it is tried again. */
const CIRCUIT_OPEN_MS = 10_000;
/** Cached results also expire, whatever the generation says. */
const CACHE_TTL_MS = 60_000;
/** Longest an engine query waits for a slot before it is shed (503, Retry-After: 1). */
const GATE_WAIT_MS = 1_000;

interface CachedAnswer {
  engine: EngineName;
  fallback: boolean;
  /** of the first hit, judged once per engine answer (hits[0], if still live) */
  confidence: Confidence;
  total: number;
  facets: SearchResponse['facets'];
  /** live hits only */
  hits: Omit<SearchHitResponse, 'stale'>[];
  /** every hit the engine gave, live or not: an index change to any of them drops the answer */
  indexedIds: string[];
}

export interface EngineStatus {
  configured: 'postgres' | 'meilisearch';
  status: 'up' | 'degraded';
  fallbackActive: boolean;
  /** the engine's own readiness facts (version, index, settings, error) */
  details?: Record<string, unknown>;
}

/**
 * Agent search: plans the query (Dutch analysis, synonyms), asks the configured engine, and when
 * Meilisearch fails or is slow answers from PostgreSQL instead (kept current by the same pipeline),
 * saying so. An answer holds only articles that were live when it was computed, whatever an engine's
 * index still held; a cached answer goes when one of its articles changes (at once in the process
 * that made the change, elsewhere when the change is indexed, normally within a second).
 */
@Injectable()
export class SearchService {
  private readonly logger = new Logger(SearchService.name);
  private circuitOpenUntil = 0;
  private readonly cache: ResultCache<CachedAnswer>;
  private readonly gate: EngineGate;
  /** Engine answers being computed, by cache version and key: the same miss asked again waits for it. */
  private readonly inFlight = new Map<string, { answer: Promise<CachedAnswer>; waiting: number; abort: AbortController }>();

  constructor(
    private readonly postgres: PostgresSearchEngine,
    private readonly analyzer: DutchAnalyzer,
    private readonly synonyms: SynonymsService,
    private readonly published: PublishedArticlesService,
    private readonly searchLog: SearchLogService,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly generation: IndexGeneration,
    changes: ArticleChangeSignal,
    @Optional() private readonly secondary?: SecondarySearchEngine,
  ) {
    this.cache = new ResultCache(config.search.cacheSize, CACHE_TTL_MS, secondary !== undefined && secondary !== null);
    // Index changes (from any process) drop the answers they can affect. Hybrid search can match any
    // document by meaning, so there every change drops everything.
    const hybrid = config.search.engine === 'meilisearch' && config.search.meilisearch.embedder !== null;
    this.generation.subscribe((change) => this.cache.apply(hybrid ? { ...change, terms: null } : change));
    // An article changed here (archived, say) leaves this process's answers at once, before it is indexed.
    changes.changes$.subscribe((articleId) => this.cache.dropShowing(articleId));
    this.gate = new EngineGate(config.search.engineConcurrency, config.search.engineQueue, GATE_WAIT_MS);
  }

  /**
   * Cache hits are answered without passing the engine gate, so they never queue behind misses, and
   * without a database round trip: the generation is learnt by notification (IndexGeneration) and
   * liveness was checked when the answer was cached (an index change or an article change in this
   * process drops it). Misses take a slot (or wait briefly, or are shed with 503). When `signal`
   * aborts (the client went away) the engine statement is cancelled and nothing is snippeted, cached
   * or logged.
   */
  async search(actor: Actor | null, dto: SearchQueryDto, signal?: AbortSignal): Promise<SearchResponse> {
    const started = performance.now();
    const plan = rememberedPlan(dto.q, this.analyzer, await this.synonyms.index());
    const reading = this.generation.current();
    if (reading) await reading;
    const query: EngineQuery = {
      plan,
      filters: {
        kind: dto.kind,
        department: dto.department,
        theme: dto.theme,
        lifeEvent: dto.lifeEvent,
        targetGroup: dto.targetGroup,
        audience: dto.audience,
      },
      scope: actor ? 'staff' : 'public',
      limit: dto.limit ?? 10,
      offset: dto.offset ?? 0,
    };
    const key = JSON.stringify([query.scope, query.filters, query.limit, query.offset, plan.groups]);
    const since = this.cache.mark();
    const cached = this.cache.get(key);
    const answer =
      cached ??
      (await this.countingCancellations('search', () =>
        this.coalesced(
          `${since} ${key}`,
          async (shared) => {
            const { answer, live } = await this.gated('search', () => this.answer(plan, { ...query, signal: shared }), shared);
            return this.liveOnly(plan, answer, live);
          },
          signal,
        ),
      ));
    if (!answer.fallback && !cached) this.cache.set(key, answer, answerDependencies(plan, answer.indexedIds), since);
    if (signal?.aborted) {
      this.metrics.recordSearchCancelled('search');
      throw new SearchCancelledError();
    }
    const { hits, total, confidence } = answer;
    const now = this.clock.now().getTime();
    const elapsedMs = performance.now() - started;
    this.metrics.observeSearch('search', answer.engine, cached ? 'hit' : 'miss', elapsedMs / 1000);
    const tookMs = Math.round(elapsedMs * 10) / 10;
    const queryId = actor
      ? this.searchLog.record({
          actorId: actor.userId,
          query: dto.q,
          engine: answer.engine,
          fallback: answer.fallback,
          resultCount: total,
          tookMs,
          filters: query.filters,
        })
      : null;
    return {
      queryId,
      engine: answer.engine,
      fallback: answer.fallback,
      tookMs,
      total,
      confidence,
      facets: answer.facets,
      hits: hits.map((h) => ({ ...h, stale: h.reviewDueAt !== null && Date.parse(h.reviewDueAt) <= now })),
    };
  }

  /**
   * One engine query per distinct miss at a time: after an index write empties the cache, the many
   * agents asking the same popular question wait for one answer instead of each taking an engine
   * slot. The shared query is cancelled only when every waiting client has gone away.
   */
  private async coalesced(
    id: string,
    compute: (signal: AbortSignal) => Promise<CachedAnswer>,
    signal: AbortSignal | undefined,
  ): Promise<CachedAnswer> {
    let entry = this.inFlight.get(id);
    if (!entry) {
      const abort = new AbortController();
      const answer = compute(abort.signal).finally(() => this.inFlight.delete(id));
      answer.catch(() => undefined); // a waiter may have left; each still sees the error it awaits
      entry = { answer, waiting: 0, abort };
      this.inFlight.set(id, entry);
    }
    const shared = entry;
    shared.waiting++;
    if (!signal) return shared.answer;
    if (signal.aborted) throw new SearchCancelledError();
    let leave!: () => void;
    const left = new Promise<never>((_, reject) => {
      leave = () => {
        if (--shared.waiting === 0) shared.abort.abort();
        reject(new SearchCancelledError());
      };
      signal.addEventListener('abort', leave, { once: true });
    });
    try {
      return await Promise.race([shared.answer, left]);
    } finally {
      signal.removeEventListener('abort', leave);
    }
  }

  /** Through the engine gate; counts what was shed. */
  private async gated<T>(operation: 'search' | 'suggest', task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      const result = await this.gate.run(task, signal);
      if (signal?.aborted) throw new SearchCancelledError();
      return result;
    } catch (error) {
      if (error instanceof SearchSaturatedError) this.metrics.recordSearchShed(operation);
      throw error;
    }
  }

  /** Counts each client that went away (once, however many shared the work it was waiting for). */
  private async countingCancellations<T>(operation: 'search' | 'suggest', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SearchCancelledError) this.metrics.recordSearchCancelled(operation);
      throw error;
    }
  }

  /**
   * An index may lag a few seconds behind an archive: only live hits are kept (and cached). Rarely
   * the engine's first hit is no longer live: the one shown first is judged instead.
   */
  private async liveOnly(plan: QueryPlan, answer: CachedAnswer, knownLive: Set<string> | null): Promise<CachedAnswer> {
    const live = knownLive ?? (await this.published.liveIds(answer.hits.map((h) => h.id)));
    const hits = answer.hits.filter((h) => live.has(h.id));
    if (hits.length === answer.hits.length) return answer;
    const confidence = hits[0]?.id === answer.hits[0]?.id ? answer.confidence : await this.confidence(plan, hits[0]?.id);
    return { ...answer, hits, confidence, total: answer.total - (answer.hits.length - hits.length) };
  }

  /**
   * What an engine answers, with snippets: the part of a response worth caching; and which hits are
   * live, when the engine read that with them (null: ask).
   */
  private async answer(plan: QueryPlan, query: EngineQuery): Promise<{ answer: CachedAnswer; live: Set<string> | null }> {
    const { engine, fallback, result } = plan.groups.length
      ? await this.withFallback((e) => e.search(query))
      : { engine: this.postgres as SearchEngine, fallback: false, result: { total: 0, hits: [], facets: emptyFacets() } as EngineResult };
    if (query.signal?.aborted) throw new SearchCancelledError();
    // PostgreSQL hands over the first hit's evidence from its own search statement: no extra round trip.
    const confidence = result.evidence
      ? judge(result.evidence, this.analyzer)
      : await this.confidence(plan, result.hits[0]?.id, query.signal);
    const answer: CachedAnswer = {
      engine: engine.name,
      fallback,
      indexedIds: result.hits.map((h) => h.id),
      confidence,
      total: result.total,
      facets: result.facets,
      hits: result.hits.map((h) => ({
        id: h.id,
        slug: h.document.slug,
        kind: h.document.kind,
        title: h.document.title,
        summary: h.document.summary,
        snippet: buildSnippet(h.document.bodyText, plan, this.analyzer),
        department: h.document.department,
        reviewDueAt: h.document.reviewDueAt,
        score: Math.round(h.score * 1000) / 1000,
      })),
    };
    const live = result.hits.every((h) => h.live !== undefined) ? new Set(result.hits.filter((h) => h.live).map((h) => h.id)) : null;
    return { answer, live };
  }

  /**
   * How well the first hit answers the query: its own text against the query groups, weighted by
   * PostgreSQL's statistics whatever engine ranked it, so both engines are judged alike.
   */
  private async confidence(plan: QueryPlan, firstHitId: string | undefined, signal?: AbortSignal): Promise<Confidence> {
    if (!firstHitId || plan.groups.length === 0) return 'none';
    return judge(await this.postgres.answerEvidenceInput(plan.groups, firstHitId, signal), this.analyzer);
  }

  async suggest(actor: Actor | null, dto: SuggestQueryDto, signal?: AbortSignal): Promise<{ engine: string; suggestions: Suggestion[] }> {
    const started = performance.now();
    const plan = rememberedPlan(dto.q, this.analyzer, await this.synonyms.index());
    const { engine, result } = await this.countingCancellations('suggest', () =>
      this.gated('suggest', () => this.withFallback((e) => e.suggest(plan, actor ? 'staff' : 'public', dto.limit ?? 8)), signal),
    );
    const live = await this.published.liveIds(result.map((s) => s.id));
    this.metrics.observeSearch('suggest', engine.name, 'none', (performance.now() - started) / 1000);
    return { engine: engine.name, suggestions: result.filter((s) => live.has(s.id)) };
  }

  async status(): Promise<EngineStatus> {
    if (!this.secondary) return { configured: 'postgres', status: 'up', fallbackActive: false };
    const { healthy, details } = await this.secondary.readiness().catch((e: Error) => ({ healthy: false, details: { error: e.message } }));
    return {
      configured: 'meilisearch',
      status: healthy ? 'up' : 'degraded',
      fallbackActive: !healthy || Date.now() < this.circuitOpenUntil,
      details,
    };
  }

  async replaceSynonyms(groups: string[][]): Promise<string[][]> {
    const saved = await this.synonyms.replace(groups);
    await this.pushSynonyms();
    return saved;
  }

  /**
   * Makes two terms synonyms inside the caller's transaction (see SynonymsService.addPair). Call
   * {@link pushSynonyms} after commit so a secondary engine gets them too.
   */
  addSynonymPair(manager: EntityManager, pair: [string, string]): Promise<boolean> {
    return this.synonyms.addPair(manager, pair);
  }

  /** Whether search treats the two terms as synonyms already. */
  synonymsRelated(a: string, b: string): Promise<boolean> {
    return this.synonyms.related(a, b);
  }

  /** Hands the current synonym groups to the secondary engine (PostgreSQL reads them per search). */
  async pushSynonyms(): Promise<void> {
    if (!this.secondary) return;
    const analysed = (await this.synonyms.index()).analysedGroups();
    await this.secondary
      .applySynonyms(analysed)
      .catch((e: Error) => this.logger.warn(`synonyms not pushed to ${this.secondary!.name}: ${e.message}`));
  }

  private async withFallback<T>(
    call: (engine: SearchEngine) => Promise<T>,
  ): Promise<{ engine: SearchEngine; fallback: boolean; result: T }> {
    if (this.secondary && Date.now() >= this.circuitOpenUntil) {
      try {
        return { engine: this.secondary, fallback: false, result: await call(this.secondary) };
      } catch (error) {
        this.circuitOpenUntil = Date.now() + CIRCUIT_OPEN_MS;
        this.metrics.recordSearchFallback(this.secondary.name);
        this.logger.warn(
          `${this.secondary.name} failed (${(error as Error).message}); answering from PostgreSQL for ${CIRCUIT_OPEN_MS / 1000} s`,
        );
      }
    }
    return { engine: this.postgres, fallback: this.secondary !== undefined && this.secondary !== null, result: await call(this.postgres) };
  }
}

function judge({ groups, hit }: AnswerEvidenceInput, analyzer: DutchAnalyzer): Confidence {
  return hit ? confidenceOf(true, answerEvidence(groups, hit, analyzer)) : 'none';
}
