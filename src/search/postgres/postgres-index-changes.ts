import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { IndexChange } from '../query/result-cache';

/** Up to this many documents per write, the change records their terms; above it (imports, reindex) "anything". */
const MAX_TRACKED_DOCUMENTS = 50;
/** Change rows kept (each up to a few thousand terms): a process further behind drops its whole cache. */
const KEEP_GENERATIONS = 1_000;
/** The channel the generation trigger notifies (migrations/1795540700000-SearchIndexChanges.ts). */
export const GENERATION_CHANNEL = 'kb_search_generation';

const TERMS_OF = (ids: string) =>
  `SELECT unnest(tsvector_to_array(d.vector || coalesce(d.kcc_vector, ''::tsvector))) FROM search_documents d WHERE d.article_id = ANY(${ids})`;

/**
 * The terms the documents of `ids` hold now (read before an index write: the old versions), or
 * null when the write is too large to track.
 */
export async function termsBeforeWrite(manager: EntityManager, ids: string[]): Promise<string[] | null> {
  if (ids.length > MAX_TRACKED_DOCUMENTS) return null;
  const [row]: { terms: string[] }[] = await manager.query(
    `SELECT coalesce(array_agg(DISTINCT t), '{}') AS terms FROM (${TERMS_OF('$1::uuid[]')}) x(t)`,
    [ids],
  );
  return row.terms;
}

/**
 * Moves the generation on (last in the writing transaction: the one row every writer updates) and
 * records what it changed: the ids and the terms of their old and new documents.
 */
export async function recordIndexChange(manager: EntityManager, ids: string[], oldTerms: string[] | null): Promise<void> {
  await manager.query(
    `WITH g AS (UPDATE search_index_stats SET generation = generation + 1, changes = changes + $1 WHERE id = 1 RETURNING generation),
     pruned AS (DELETE FROM search_index_changes WHERE generation <= (SELECT generation FROM g) - ${KEEP_GENERATIONS})
     INSERT INTO search_index_changes (generation, article_ids, terms)
     SELECT g.generation, $2::uuid[],
       CASE WHEN $3::text[] IS NOT NULL THEN
         (SELECT coalesce(array_agg(DISTINCT t), '{}') FROM (SELECT unnest($3::text[]) UNION ${TERMS_OF('$2::uuid[]')}) x(t))
       END
     FROM g`,
    [ids.length, ids, oldTerms],
  );
}

/**
 * After a secondary engine (Meilisearch) took `ids`: its answers may change now, later than
 * PostgreSQL's. The terms are those recorded for these ids' PostgreSQL changes plus their current
 * documents; an id without a tracked change (or in an untracked one) makes it "anything".
 */
export async function recordSecondaryChange(dataSource: DataSource, ids: string[]): Promise<void> {
  await dataSource.query(
    `WITH g AS (UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1 RETURNING generation)
     INSERT INTO search_index_changes (generation, article_ids, terms)
     SELECT g.generation, $1::uuid[],
       CASE WHEN cardinality($1::uuid[]) <= ${MAX_TRACKED_DOCUMENTS}
             AND (SELECT bool_and(EXISTS (SELECT 1 FROM search_index_changes c WHERE id = ANY(c.article_ids)))
                       AND NOT bool_or(EXISTS (SELECT 1 FROM search_index_changes c WHERE id = ANY(c.article_ids) AND c.terms IS NULL))
                  FROM unnest($1::uuid[]) id)
       THEN (SELECT coalesce(array_agg(DISTINCT t), '{}')
             FROM (SELECT unnest(c.terms) FROM search_index_changes c WHERE c.article_ids && $1::uuid[] UNION ${TERMS_OF('$1::uuid[]')}) x(t))
       END
     FROM g`,
    [ids],
  );
}

/** Marks every cached answer stale (statistics refreshed: every ranking may move). */
export async function recordEverythingChanged(dataSource: DataSource): Promise<void> {
  await dataSource.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');
}

/**
 * The generation now and what each generation after `since` changed, in one statement (one snapshot);
 * a generation without a row (a reindex, a manual bump, or pruned) changed anything.
 */
export async function changesSince(
  query: (sql: string, params: unknown[]) => Promise<unknown[]>,
  since: string | null,
): Promise<{ generation: string; changes: (IndexChange & { generation: string })[] }> {
  const [row] = (await query(
    `SELECT s.generation::text AS generation,
       (SELECT coalesce(json_agg(json_build_object('generation', c.generation::text, 'articleIds', c.article_ids, 'terms', c.terms) ORDER BY c.generation), '[]')
          FROM search_index_changes c WHERE $1::bigint IS NOT NULL AND c.generation > $1::bigint AND c.generation <= s.generation) AS changes
     FROM search_index_stats s WHERE s.id = 1`,
    [since],
  )) as { generation: string; changes: (IndexChange & { generation: string })[] }[];
  return { generation: row?.generation ?? '0', changes: row?.changes ?? [] };
}

/** A connection of its own that listens for generation changes (LISTEN holds its connection). */
export async function listenForGenerations(dataSource: DataSource, onNotify: () => void, onEnd: (error?: Error) => void): Promise<Client> {
  const client = new Client({
    connectionString: (dataSource.options as { url?: string }).url,
    keepAlive: true,
    connectionTimeoutMillis: 3_000,
  });
  client.on('notification', onNotify);
  client.on('error', (error) => onEnd(error));
  client.on('end', () => onEnd());
  await client.connect();
  await client.query(`LISTEN ${GENERATION_CHANNEL}`);
  return client;
}
