import { Inject, Logger, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { DutchAnalyzer } from './dutch/dutch-analyzer';
import { SearchIndexer } from './indexing/search-indexer';
import { SecondarySearchEngine } from './indexing/secondary-engine';
import { SearchIndexingProcessor } from './jobs/search-indexing.processor';
import { SearchIndexingTrigger } from './jobs/search-indexing.trigger';
import { MeilisearchEngine } from './meilisearch/meilisearch.engine';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SynonymsService } from './synonyms/synonyms.service';

@Module({
  imports: [ArticlesModule, AnalyticsModule],
  controllers: [SearchController],
  providers: [
    { provide: DutchAnalyzer, useFactory: () => new DutchAnalyzer() },
    PostgresSearchEngine,
    {
      provide: SecondarySearchEngine,
      inject: [APP_CONFIG, DutchAnalyzer],
      useFactory: (config: AppConfig, analyzer: DutchAnalyzer) =>
        config.search.engine === 'meilisearch' ? new MeilisearchEngine(config.search.meiliUrl, config.search.meiliApiKey, analyzer) : null,
    },
    SynonymsService,
    SearchIndexer,
    SearchService,
    SearchIndexingTrigger,
    SearchIndexingProcessor,
  ],
  exports: [SearchService, SearchIndexer, SearchIndexingProcessor, SearchIndexingTrigger, DutchAnalyzer, PostgresSearchEngine],
})
export class SearchModule implements OnModuleInit {
  private readonly logger = new Logger(SearchModule.name);

  constructor(
    private readonly synonyms: SynonymsService,
    private readonly indexer: SearchIndexer,
    private readonly metrics: MetricsService,
    // Explicit token: a `| null` type is emitted as Object under isolated transpilation.
    @Optional() @Inject(SecondarySearchEngine) private readonly secondary?: SecondarySearchEngine | null,
  ) {}

  /** Meilisearch settings are code: applied at start, idempotently; an unreachable server only degrades. */
  async onModuleInit(): Promise<void> {
    this.metrics.watchOutbox('article_outbox', () => this.indexer.backlog('article_outbox'));
    if (this.secondary) this.metrics.watchOutbox('search_secondary_outbox', () => this.indexer.backlog('search_secondary_outbox'));
    if (!(this.secondary instanceof MeilisearchEngine)) return;
    try {
      await this.secondary.ensureIndex();
      await this.secondary.applySynonyms((await this.synonyms.index()).analysedGroups());
    } catch (error) {
      this.logger.warn(`Meilisearch not ready (${(error as Error).message}); searching PostgreSQL until it is`);
    }
  }
}
