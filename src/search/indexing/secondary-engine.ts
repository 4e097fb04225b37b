import { SearchEngine } from '../search-engine';

/** DI token for the engine that runs beside PostgreSQL (Meilisearch), when one is configured. */
export abstract class SecondarySearchEngine extends SearchEngine {}
