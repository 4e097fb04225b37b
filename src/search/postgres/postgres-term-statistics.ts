import { recordEverythingChanged, recordSecondaryChange } from './postgres-index-changes';
import { DataSource } from 'typeorm';

/** Index statistics: the generation results are cached under, and the document frequencies ranking reads. */
export class PostgresTermStatistics {
  constructor(private readonly dataSource: DataSource) {}

  /** Moves on with every write to the index: results cached under an older generation are stale. */
  async generation(): Promise<string> {
    const [row]: { generation: string }[] = await this.dataSource.query('SELECT generation FROM search_index_stats WHERE id = 1');
    return row?.generation ?? '0';
  }

  /** Marks results of other engines as stale too (they are updated after PostgreSQL). */
  async bumpGeneration(ids?: string[]): Promise<void> {
    if (ids?.length) await recordSecondaryChange(this.dataSource, ids);
    else await recordEverythingChanged(this.dataSource);
  }

  /** Refreshes document frequencies (ts_stat over all vectors); cheap enough to run every few minutes. */
  async refreshStatistics(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE search_terms t SET df = coalesce(s.ndoc, 0)
         FROM search_terms t2 LEFT JOIN ts_stat('SELECT vector || kcc_vector FROM search_documents') s ON s.word = t2.term
         WHERE t.term = t2.term AND t.df IS DISTINCT FROM coalesce(s.ndoc, 0)`,
      );
      await manager.query(
        `UPDATE search_index_stats SET documents = (SELECT count(*) FROM search_documents), refreshed_at = now(), changes = 0 WHERE id = 1`,
      );
    });
  }

  /**
   * Statistics are stale once a tenth of the collection (at least 20 documents) has been written
   * since the last refresh, or after `maxAgeMs` with any change at all.
   */
  async statisticsStale(maxAgeMs: number): Promise<boolean> {
    const [row]: { stale: boolean }[] = await this.dataSource.query(
      `SELECT (changes >= greatest(20, documents / 10)) OR (changes > 0 AND (refreshed_at IS NULL OR refreshed_at < now() - $1 * interval '1 millisecond')) AS stale
       FROM search_index_stats WHERE id = 1`,
      [maxAgeMs],
    );
    return row?.stale ?? true;
  }
}
