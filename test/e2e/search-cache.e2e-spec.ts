import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

/**
 * The result cache across index changes: a change drops only the answers it can affect (issue 11),
 * and a change indexed by another process reaches this one by notification.
 */
describe('search result cache (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  let paspoort: { id: string };
  const settle = () => t.app.get(SearchIndexingTrigger).settle();
  const search = async (q: string) => (await t.http.get(`/api/search?q=${encodeURIComponent(q)}`).expect(200)).body;
  const hits = async () => {
    const text = (await t.http.get('/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith('kennisbank_search_duration_seconds_count') && l.includes('cache="hit"'));
    return Number(line?.split(' ').pop() ?? 0);
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department();
    paspoort = await a.publishedProduct({
      title: 'Paspoort aanvragen',
      summary: 'Een reisdocument.',
      sections: { inleiding: 'Aanvragen bij de balie.' },
    });
    await settle();
  });
  afterAll(async () => t.close());

  it('keeps a cached answer when an unrelated article is published', async () => {
    const first = await search('paspoort');
    expect(first.total).toBe(1);
    const before = await hits();
    await a.publishedProduct({
      title: 'Hondenbelasting',
      summary: 'Belasting voor wie een hond heeft.',
      sections: { inleiding: 'U betaalt per hond.' },
    });
    await settle();
    expect(await search('paspoort')).toEqual({ ...first, queryId: expect.any(String), tookMs: expect.any(Number) });
    expect(await hits()).toBe(before + 1);
  });

  it('changes the answer at once when a related article is published, retitled or archived', async () => {
    expect((await search('paspoort')).total).toBe(1);
    const kwijt = await a.publishedProduct({
      title: 'Paspoort kwijt',
      summary: 'Vermissing melden.',
      sections: { inleiding: 'Meld het bij de balie.' },
    });
    await settle();
    expect((await search('paspoort')).hits.map((h: { id: string }) => h.id).sort()).toEqual([paspoort.id, kwijt.id].sort());

    // Typing: the unfinished last word is a prefix, which a new term can open.
    expect((await search('gestol')).total).toBe(0);
    const current = (await t.http.get(`/api/articles/${kwijt.id}`)).body;
    await a.patch(kwijt.id, current.etag, { title: 'Paspoort vermist of gestolen' });
    await a.publish(kwijt.id);
    await settle();
    expect((await search('paspoort')).hits.map((h: { title: string }) => h.title)).toContain('Paspoort vermist of gestolen');
    expect((await search('gestol')).hits.map((h: { id: string }) => h.id)).toEqual([kwijt.id]);

    await t.http.post(`/api/articles/${kwijt.id}/archive`).expect(200);
    await settle();
    expect((await search('paspoort')).hits.map((h: { id: string }) => h.id)).toEqual([paspoort.id]);
  });

  /** What another replica's indexer does when it removes a document: the index write and its record. */
  const removeElsewhere = (articleId: string) =>
    t.dataSource.transaction(async (manager) => {
      const [{ terms }] = await manager.query(
        `SELECT array_agg(DISTINCT t) AS terms FROM search_documents, unnest(tsvector_to_array(vector)) t WHERE article_id = $1`,
        [articleId],
      );
      await manager.query('DELETE FROM search_documents WHERE article_id = $1', [articleId]);
      await manager.query(
        `WITH g AS (UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1 RETURNING generation)
         INSERT INTO search_index_changes (generation, article_ids, terms) SELECT generation, $1, $2 FROM g`,
        [[articleId], terms],
      );
    });
  const listeners = async () =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN kb_search_generation%'`,
      )
    )[0].n as number;

  it('without its listening connection, reads the changes per search (nothing stale), and listens again', async () => {
    const extra = await a.publishedProduct({
      title: 'Verhuizing doorgeven',
      summary: 'Adres wijzigen.',
      sections: { inleiding: 'Geef uw verhuizing door.' },
    });
    await settle();
    const ids = async () => (await search('verhuizing')).hits.map((h: { id: string }) => h.id);
    expect(await ids()).toContain(extra.id);
    expect(await listeners()).toBe(1);
    await t.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN kb_search_generation%'`,
    );
    await new Promise((r) => setTimeout(r, 200)); // the process notices the closed connection
    await removeElsewhere(extra.id);
    expect(await ids()).not.toContain(extra.id);
    const started = Date.now();
    while ((await listeners()) === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(await listeners()).toBe(1);
  });

  it('learns of a change another process indexed by notification, within a second', async () => {
    const extra = await a.publishedProduct({ title: 'Nooddocument', summary: 'Voor spoed.', sections: { inleiding: 'Een nooddocument.' } });
    await settle();
    const ids = async () => (await search('nooddocument')).hits.map((h: { id: string }) => h.id);
    expect(await ids()).toContain(extra.id);
    await search('paspoort'); // cached
    // Another replica's indexer removes the document: nothing in this process is told directly.
    await removeElsewhere(extra.id);
    const started = Date.now();
    while ((await ids()).includes(extra.id) && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - started).toBeLessThan(1_000);
    // Only what the change can affect was dropped.
    const before = await hits();
    await search('paspoort');
    expect(await hits()).toBe(before + 1);
  });
});
