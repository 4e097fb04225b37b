import { DataSource, EntityManager } from 'typeorm';
import { normalizeText } from '../dutch/dutch-analyzer';
import type { SearchDocument } from '../search-document';
import { recordIndexChange, termsBeforeWrite } from './postgres-index-changes';

/**
 * Writes the PostgreSQL index: stored weighted tsvectors of the analysed keys (title A, synonyms and
 * question variants B, summary C, body D; KCC notes in a vector of their own), the term vocabulary
 * (typo corrections, document frequencies) and the phrases suggestions complete.
 */
export class PostgresIndexWriter {
  constructor(private readonly dataSource: DataSource) {}

  upsert(documents: SearchDocument[]): Promise<void> {
    return this.dataSource.transaction((manager) => this.write(manager, documents, []));
  }

  remove(ids: string[]): Promise<void> {
    return this.dataSource.transaction((manager) => this.write(manager, [], ids));
  }

  /** Index writes inside the caller's transaction, so the indexer commits them with its outbox claim. */
  async write(manager: EntityManager, documents: SearchDocument[], removeIds: string[]): Promise<void> {
    if (removeIds.length === 0 && documents.length === 0) return;
    const ids = [...new Set([...documents.map((d) => d.id), ...removeIds])];
    const oldTerms = await termsBeforeWrite(manager, ids);
    if (removeIds.length) await manager.query('DELETE FROM search_documents WHERE article_id = ANY($1::uuid[])', [removeIds]);
    if (documents.length) await this.writeDocuments(manager, documents);
    // Last: the one row every writer updates is locked only for the end of the transaction, so two
    // indexers (or an indexer's next batch) write documents in parallel.
    await recordIndexChange(manager, ids, oldTerms);
  }

  private async writeDocuments(manager: EntityManager, documents: SearchDocument[]): Promise<void> {
    const rows = documents.map((d) => ({
      article_id: d.id,
      version: d.version,
      slug: d.slug,
      kind: d.kind,
      audience: d.audience,
      department_id: d.department.id,
      department_slug: d.department.slug,
      department_name: d.department.name,
      themes: d.themes,
      life_events: d.lifeEvents,
      target_groups: d.targetGroups,
      title: d.title,
      summary: d.summary,
      synonyms: d.synonyms,
      body_text: d.bodyText,
      kcc_text: d.kccText,
      review_due_at: d.reviewDueAt,
      published_at: d.publishedAt,
      t_title: d.terms.title,
      t_synonyms: d.terms.synonyms,
      t_summary: d.terms.summary,
      t_body: d.terms.body,
      t_kcc: d.terms.kcc,
    }));
    await manager.query(
      `INSERT INTO search_documents (article_id, version, slug, kind, audience, department_id, department_slug, department_name,
         themes, life_events, target_groups, title, summary, synonyms, body_text, kcc_text, review_due_at, published_at,
         vector, kcc_vector, title_vector, indexed_at)
       SELECT r.article_id, r.version, r.slug, r.kind, r.audience, r.department_id, r.department_slug, r.department_name,
         r.themes, r.life_events, r.target_groups, r.title, r.summary, r.synonyms, r.body_text, r.kcc_text, r.review_due_at,
         r.published_at, v.title_vector || setweight(to_tsvector('simple', r.t_body), 'D'), to_tsvector('simple', r.t_kcc),
         v.title_vector, now()
       FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, version int, slug text, kind text, audience text,
         department_id uuid, department_slug text, department_name text, themes text[], life_events text[],
         target_groups text[], title text, summary text, synonyms text[], body_text text, kcc_text text,
         review_due_at timestamptz, published_at timestamptz, t_title text, t_synonyms text, t_summary text, t_body text,
         t_kcc text)
       -- title, synonyms and summary analysed once, for both vectors
       CROSS JOIN LATERAL (SELECT setweight(to_tsvector('simple', r.t_title), 'A') || setweight(to_tsvector('simple', r.t_synonyms), 'B') ||
         setweight(to_tsvector('simple', r.t_summary), 'C') AS title_vector) v
       ON CONFLICT (article_id) DO UPDATE SET version = EXCLUDED.version, slug = EXCLUDED.slug, kind = EXCLUDED.kind,
         audience = EXCLUDED.audience, department_id = EXCLUDED.department_id, department_slug = EXCLUDED.department_slug,
         department_name = EXCLUDED.department_name, themes = EXCLUDED.themes, life_events = EXCLUDED.life_events,
         target_groups = EXCLUDED.target_groups, title = EXCLUDED.title, summary = EXCLUDED.summary,
         synonyms = EXCLUDED.synonyms, body_text = EXCLUDED.body_text, kcc_text = EXCLUDED.kcc_text,
         review_due_at = EXCLUDED.review_due_at, published_at = EXCLUDED.published_at, vector = EXCLUDED.vector,
         kcc_vector = EXCLUDED.kcc_vector, title_vector = EXCLUDED.title_vector,
         indexed_at = now()`,
      [JSON.stringify(rows)],
    );
    // Straight into the set: a batch of documents has tens of thousands of term occurrences.
    const terms = new Set<string>();
    for (const d of documents) for (const field of Object.values(d.terms)) for (const term of field.split(' ')) if (term) terms.add(term);
    await manager.query('INSERT INTO search_terms (term) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING', [[...terms]]);
    const phrases = documents.flatMap((d) => [
      { article_id: d.id, phrase: d.title, source: 'title' },
      ...d.synonyms.map((s) => ({ article_id: d.id, phrase: s, source: 'synonym' })),
    ]);
    await manager.query('DELETE FROM search_phrases WHERE article_id = ANY($1::uuid[])', [documents.map((d) => d.id)]);
    const phraseRows = dedupePhrases(phrases.map((p) => ({ ...p, norm: normalizeText(p.phrase) })).filter((p) => p.norm));
    await manager.query(
      `INSERT INTO search_phrases (article_id, phrase, norm, source)
       SELECT article_id, phrase, norm, source FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, phrase text, norm text, source text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(phraseRows)],
    );
  }

  async replaceAll(pages: AsyncIterable<SearchDocument[]>): Promise<number> {
    // One transaction: readers keep seeing the old index until the new one is committed.
    return this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM search_documents');
      await manager.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');
      let count = 0;
      for await (const page of pages) {
        await this.write(manager, page, []);
        count += page.length;
      }
      return count;
    });
  }
}

function dedupePhrases<T extends { article_id: string; norm: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const id = `${r.article_id} ${r.norm}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
