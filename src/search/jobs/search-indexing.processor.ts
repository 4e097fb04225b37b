import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { SearchIndexer } from '../indexing/search-indexer';
import { SearchJob, SearchJobPayloads } from './search-jobs';

/** The search queue's one processor; the worker entrypoint wires it to BullMQ. */
@Injectable()
export class SearchIndexingProcessor {
  private readonly logger = new Logger(SearchIndexingProcessor.name);

  constructor(private readonly indexer: SearchIndexer) {}

  async process(job: Job<SearchJobPayloads[SearchJob], unknown, SearchJob>): Promise<unknown> {
    const name = job.name;
    switch (name) {
      case SearchJob.Drain:
        return { drained: await this.indexer.drain() };
      case SearchJob.DrainSecondary:
        return { pushed: await this.indexer.drainSecondary() };
      case SearchJob.Reindex: {
        const count = await this.indexer.reindexAll(
          (done, total) => void job.updateProgress(total ? Math.round((done / total) * 100) : 100),
        );
        this.logger.log(`reindexed ${count} documents`);
        return { reindexed: count };
      }
      default:
        return assertNever(name);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown search job ${String(value)}`);
}
