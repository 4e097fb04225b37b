import { Inject, Logger, Module, OnModuleInit, Optional } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { DutchAnalyzer } from './dutch/dutch-analyzer';
import { SearchIndexer } from './indexing/search-indexer';
import { IndexGeneration } from './query/index-generation';
import { SecondarySearchEngine } from './indexing/secondary-engine';
import { SearchIndexingProcessor } from './jobs/search-indexing.processor';
import { SearchIndexingTrigger } from './jobs/search-indexing.trigger';
import { MeilisearchEngine, MeilisearchVersionError } from './meilisearch/meilisearch.engine';
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
      inject: [APP_CONFIG, DutchAnalyzer, SynonymsService],
      useFactory: (config: AppConfig, analyzer: DutchAnalyzer, synonyms: SynonymsService) =>
        config.search.engine === 'meilisearch'
          ? new MeilisearchEngine(
              {
                url: config.search.meiliUrl,
                apiKey: config.search.meiliApiKey,
                ...config.search.meilisearch,
                synonyms: async () => (await synonyms.index()).analysedGroups(),
              },
              analyzer,
            )
          : null,
    },
    SynonymsService,
    IndexGeneration,
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
    private readonly indexer: SearchIndexer,
    private readonly metrics: MetricsService,
    // Explicit token: a `| null` type is emitted as Object under isolated transpilation.
    @Optional() @Inject(SecondarySearchEngine) private readonly secondary?: SecondarySearchEngine | null,
  ) {}

  /** Meilisearch settings are code: applied at start, idempotently; an unreachable server only degrades. */
  async onModuleInit(): Promise<void> {
    this.metrics.watchOutbox('article_outbox', () => this.indexer.backlog('article_outbox'));
    if (this.secondary) {
      this.metrics.watchOutbox('search_secondary_outbox', async () => ({
        ...(await this.indexer.backlog('search_secondary_outbox')),
        retrying: (await this.indexer.secondaryRetries()).retrying,
      }));
    }
    if (!(this.secondary instanceof MeilisearchEngine)) return;
    try {
      // One complete settings update, synonyms included: a restart never clears them, even briefly.
      await this.secondary.ensureIndex();
      if (await this.secondary.keyTooPowerful()) {
        this.logger.warn(
          'MEILI_API_KEY can manage API keys (master or admin key); in production use a key limited to this index ' +
            '(actions: search, documents.add, documents.delete, indexes.create, indexes.get, indexes.delete, indexes.swap, settings.get, settings.update, tasks.get, version)',
        );
      }
    } catch (error) {
      // Too old a server is a configuration error: refuse to start rather than degrade for good.
      if (error instanceof MeilisearchVersionError) throw error;
      this.logger.warn(`Meilisearch not ready (${(error as Error).message}); searching PostgreSQL until it is`);
    }
  }
}
