import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { HitText, WeightedGroup } from '../query/confidence';
import type { QueryGroup, QueryPlan } from '../query/query-plan';
import type { SearchDocument } from '../search-document';
import { EngineQuery, EngineResult, SearchEngine, Suggestion } from '../search-engine';
import { PostgresIndexWriter } from './postgres-index-writer';
import { PostgresSearchQuery } from './postgres-search.query';
import { suggestPhrases } from './postgres-suggestions';
import { PostgresTermStatistics } from './postgres-term-statistics';

/**
 * PostgreSQL full-text engine: the embedded default, and the index search falls back to. Its roles
 * live in their own files: the index writer (weighted tsvectors, GIN indexes), the search query
 * (retrieval over query groups from the in-process candidate index, ranked as in ranking.ts; term
 * lookup and typo correction by pg_trgm in the group planner), suggestions, and term statistics.
 */
@Injectable()
export class PostgresSearchEngine extends SearchEngine {
  readonly name = 'postgres' as const;
  private readonly writer: PostgresIndexWriter;
  private readonly query: PostgresSearchQuery;
  private readonly statistics: PostgresTermStatistics;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.writer = new PostgresIndexWriter(dataSource);
    this.query = new PostgresSearchQuery(dataSource);
    this.statistics = new PostgresTermStatistics(dataSource);
  }

  upsert(documents: SearchDocument[]): Promise<void> {
    return this.writer.upsert(documents);
  }

  remove(ids: string[]): Promise<void> {
    return this.writer.remove(ids);
  }

  /** Index writes inside the caller's transaction, so the indexer commits them with its outbox claim. */
  write(manager: EntityManager, documents: SearchDocument[], removeIds: string[]): Promise<void> {
    return this.writer.write(manager, documents, removeIds);
  }

  replaceAll(pages: AsyncIterable<SearchDocument[]>): Promise<number> {
    return this.writer.replaceAll(pages);
  }

  search(query: EngineQuery): Promise<EngineResult> {
    return this.query.search(query);
  }

  /** Loads the in-process candidate index now rather than on the first search (API processes). */
  warm(): Promise<void> {
    return this.query.warm();
  }

  /** See PostgresSearchQuery.answerEvidenceInput. */
  answerEvidenceInput(
    groups: QueryGroup[],
    articleId: string,
    signal?: AbortSignal,
  ): Promise<{ groups: WeightedGroup[]; hit: HitText | null }> {
    return this.query.answerEvidenceInput(groups, articleId, signal);
  }

  suggest(plan: QueryPlan, scope: 'staff' | 'public', limit: number): Promise<Suggestion[]> {
    return suggestPhrases(this.dataSource, plan, scope, limit);
  }

  async applySynonyms(): Promise<void> {
    // Synonyms are expanded in the query plan; nothing is stored in the index.
  }

  /** Moves on with every write to the index: results cached under an older generation are stale. */
  generation(): Promise<string> {
    return this.statistics.generation();
  }

  /**
   * Marks results of other engines as stale too (they are updated after PostgreSQL): those `ids`
   * can affect, or all without ids.
   */
  bumpGeneration(ids?: string[]): Promise<void> {
    return this.statistics.bumpGeneration(ids);
  }

  async isHealthy(): Promise<boolean> {
    await this.dataSource.query('SELECT 1 FROM search_documents LIMIT 1');
    return true;
  }

  /** Refreshes document frequencies (ts_stat over all vectors); cheap enough to run every few minutes. */
  refreshStatistics(): Promise<void> {
    return this.statistics.refreshStatistics();
  }

  /** See PostgresTermStatistics.statisticsStale. */
  statisticsStale(maxAgeMs: number): Promise<boolean> {
    return this.statistics.statisticsStale(maxAgeMs);
  }
}
