import { ArticleReviewsService } from '../../src/articles/article-reviews.service';
import { Article } from '../../src/articles/article.entity';
import { isLive, LIVE_ARTICLE_SQL } from '../../src/articles/live-article';
import { LiveArticlesQuery } from '../../src/articles/live-articles.query';
import { PublishedArticlesService } from '../../src/articles/published-articles.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

// The rule "live" in one place (issue 15 item 3): a published version and not archived; a pending
// revision does not matter. Every reader of it (isLive, the SQL fragment, the read services, the
// API's `live` flag) must agree on the same four articles.
describe('what is live (e2e)', () => {
  let t: TestApp;
  const ids: Record<'draft' | 'published' | 'revision' | 'archived', string> = { draft: '', published: '', revision: '', archived: '' };

  beforeAll(async () => {
    t = await createTestApp();
    const a = api(t.http);
    await a.department('burgerzaken');
    ids.draft = (await a.product({ title: 'Nooit gepubliceerd' })).id;
    ids.published = (await a.publishedProduct({ title: 'Gepubliceerd' })).id;
    const revised = await a.publishedProduct({ title: 'Met revisie' });
    a.expectStatus(await a.patch(revised.id, revised.etag, { sections: { kosten: 'Gratis.' } }), 200);
    ids.revision = revised.id;
    const archived = await a.publishedProduct({ title: 'Gearchiveerd' });
    await t.http.post(`/api/articles/${archived.id}/archive`).expect(200);
    ids.archived = archived.id;
  });
  afterAll(async () => t.close());

  const expected = () => new Set([ids.published, ids.revision]);

  it('is a published version that is not archived; a draft revision stays live, an archived article is not', async () => {
    const rows = await t.dataSource.getRepository(Article).find();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids.revision)).toMatchObject({ status: 'draft', publishedVersion: 1 });
    expect(byId.get(ids.archived)).toMatchObject({ status: 'archived', publishedVersion: 1 });
    expect(byId.get(ids.draft)).toMatchObject({ status: 'draft', publishedVersion: null });
    expect(new Set(rows.filter((r) => isLive(r)).map((r) => r.id))).toEqual(expected());

    const sql: { id: string }[] = await t.dataSource.query(`SELECT a.id FROM articles a WHERE ${LIVE_ARTICLE_SQL('a')}`);
    expect(new Set(sql.map((r) => r.id))).toEqual(expected());
    const unaliased: { id: string }[] = await t.dataSource.query(`SELECT id FROM articles WHERE ${LIVE_ARTICLE_SQL()}`);
    expect(new Set(unaliased.map((r) => r.id))).toEqual(expected());
  });

  it('is what every read service and the API report', async () => {
    const all = Object.values(ids);
    const published = t.app.get(PublishedArticlesService);
    expect(await published.liveIds(all)).toEqual(expected());
    expect(new Set((await published.findLive(all)).map((l) => l.article.id))).toEqual(expected());
    expect(new Set(await published.liveIdsAfter(null, 10))).toEqual(expected());
    expect(await published.countLive()).toBe(2);
    expect(new Set((await t.app.get(ArticleReviewsService).findLive(all)).keys())).toEqual(expected());
    expect(await t.app.get(LiveArticlesQuery).count({ kinds: ['product'], publicOnly: false })).toBe(2);
    for (const [name, id] of Object.entries(ids)) {
      const res = await t.http.get(`/api/articles/${id}`).expect(200);
      expect([name, res.body.live]).toEqual([name, expected().has(id)]);
    }
  });
});
