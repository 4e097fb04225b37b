import { SearchEngine } from '../search-engine';
import type { SearchDocument } from '../search-document';

/** Writes into one index (the one being rebuilt, during a reindex). */
export interface IndexWriter {
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}

/** What readiness reports about the engine: healthy, and the facts behind it. */
export interface EngineReadiness {
  healthy: boolean;
  details: Record<string, unknown>;
}

/** DI token for the engine that runs beside PostgreSQL (Meilisearch), when one is configured. */
export abstract class SecondarySearchEngine extends SearchEngine {
  /** Builds a fresh index; `beforeSwap` catches it up with changes made meanwhile, then it is swapped in. */
  abstract override replaceAll(pages: AsyncIterable<SearchDocument[]>, beforeSwap?: (fresh: IndexWriter) => Promise<void>): Promise<number>;
  abstract readiness(): Promise<EngineReadiness>;
}
