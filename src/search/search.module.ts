import { Inject, Logger, Module, OnModuleInit, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ArticlesModule } from '../articles/articles.module';
import { QueueName } from '../common/queue/queue-names';
import { redisConnection } from '../common/queue/redis-connection';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { DutchAnalyzer } from './dutch/dutch-analyzer';
import { SearchIndexer } from './indexing/search-indexer';
import { SecondarySearchEngine } from './indexing/secondary-engine';
import { SearchIndexingProcessor } from './jobs/search-indexing.processor';
import { SEARCH_QUEUE, SearchIndexingTrigger } from './jobs/search-indexing.trigger';
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
    {
      provide: SEARCH_QUEUE,
      inject: [APP_CONFIG, MetricsService],
      useFactory: (config: AppConfig, metrics: MetricsService) => {
        if (!config.redis.url) return null;
        const queue = new Queue(QueueName.Search, { connection: redisConnection(config.redis.url, 'producer') });
        metrics.trackQueue(queue);
        // Redis being down is survivable (indexing goes in-process); say so now and then, never crash.
        let lastWarning = 0;
        queue.on('error', (error) => {
          if (Date.now() - lastWarning < 60_000) return;
          lastWarning = Date.now();
          new Logger('SearchQueue').warn(`Redis unavailable (${error.message}); indexing in-process until it is back`);
        });
        return queue;
      },
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

