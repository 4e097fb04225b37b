import { Client } from 'pg';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

const BASE = 'http://localhost:3000';

interface Change {
  type: 'upsert' | 'tombstone';
  kind: 'product' | 'faq';
  id: string;
  slug: string;
  reason?: string;
  replacedBy?: string;
  item?: { slug: string; title: string };
}

/**
 * A website that keeps its own copy of the catalogue by replaying the change feed, keyed by URL
 * (slug) as a website is. After a series of edits its copy must equal what the catalogue serves.
 */
class WebsiteCopy {
  readonly pages = new Map<string, unknown>();
  since: string | undefined;

  async sync(
    get: (path: string) => Promise<{ status: number; body: { changes: Change[]; since: string; hasMore: boolean; next: string } }>,
    limit = 2,
  ): Promise<Change[]> {
    const seen: Change[] = [];
    for (;;) {
      const res = await get(`/api/catalog/changes?limit=${limit}${this.since ? `&since=${this.since}` : ''}`);
      expect(res.status).toBe(200);
      for (const change of res.body.changes) {
        seen.push(change);
        const key = `${change.kind}:${change.slug}`;
        if (change.type === 'upsert') this.pages.set(key, change.item);
        else this.pages.delete(key);
      }
      this.since = res.body.since;
      expect(res.body.next).toBe(`${BASE}/api/catalog/changes?since=${res.body.since}&limit=${limit}`);
      if (!res.body.hasMore) return seen;
    }
  }
}

describe('catalogue change feed and redirects (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  const get = (path: string) => t.http.get(path);

  const catalogue = async (): Promise<Map<string, unknown>> => {
    const out = new Map<string, unknown>();
    for (const kind of ['products', 'faqs'] as const) {
      const list = (await get(`/api/catalog/${kind}?limit=100`)).body;
      for (const item of list.items as { slug: string }[]) {
        const detail = await get(`/api/catalog/${kind}/${item.slug}`);
        expect(detail.status).toBe(200);
        out.set(`${kind === 'faqs' ? 'faq' : 'product'}:${item.slug}`, detail.body);
      }
    }
    return out;
  };
  const edit = async (id: string, patch: Record<string, unknown>) => {
    const current = (await t.http.get(`/api/articles/${id}`)).body;
    return a.expectStatus(await a.patch(id, current.etag, patch), 200).body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department('burgerzaken');
  });
  afterAll(async () => t.close());

  it('lets a website mirror the catalogue through creates, renames, updates, withdrawals and archives', async () => {
    const site = new WebsiteCopy();
    expect(await site.sync(get)).toEqual([]);

    const paspoort = (await a.publishedProduct({ title: 'Paspoort' })).id;
    const idkaart = (await a.publishedProduct({ title: 'Identiteitskaart', relatedIds: [paspoort] })).id;
    const rijbewijs = (await a.publishedProduct({ title: 'Rijbewijs' })).id;
    const faq = (
      await a.publish(
        (
          await t.http.post('/api/articles').send({
            kind: 'faq',
            title: 'Wat kost een paspoort?',
            department: 'burgerzaken',
            summary: 'Kosten.',
            question: 'Wat kost een paspoort?',
            answer: '€ 84,85.',
          })
        ).body.id,
      )
    ).id;
    await a.product({ title: 'Verhuizing concept' }); // a draft: never in the feed
    await site.sync(get);
    expect(site.pages).toEqual(await catalogue());
    expect([...site.pages.keys()].sort()).toEqual([
      'faq:wat-kost-een-paspoort',
      'product:identiteitskaart',
      'product:paspoort',
      'product:rijbewijs',
    ]);

    // Rename: the old URL gets a tombstone pointing at the new one, and answers 301.
    await edit(paspoort, { slug: 'paspoort-aanvragen' });
    const renamed = await site.sync(get);
    expect(renamed).toContainEqual({
      type: 'tombstone',
      kind: 'product',
      id: paspoort,
      slug: 'paspoort',
      reason: 'renamed',
      replacedBy: 'paspoort-aanvragen',
    });
    const moved = await get('/api/catalog/products/paspoort');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe(`${BASE}/api/catalog/products/paspoort-aanvragen`);

    // Update: a new approved text reaches the copy (the related link in another page too, through its own change).
    await edit(rijbewijs, { summary: 'Nieuwe samenvatting.' });
    await a.publish(rijbewijs);
    await edit(idkaart, { summary: 'Ook bijgewerkt.' });
    await a.publish(idkaart);
    await site.sync(get);
    expect(site.pages).toEqual(await catalogue());

    // Archive and withdraw from the public: tombstones, 410 Gone.
    a.expectStatus(await t.http.post(`/api/articles/${rijbewijs}/archive`), 200);
    await edit(faq, { audience: 'internal' });
    await a.publish(faq);
    const removed = await site.sync(get);
    expect(removed).toContainEqual({ type: 'tombstone', kind: 'product', id: rijbewijs, slug: 'rijbewijs', reason: 'archived' });
    expect(removed).toContainEqual({ type: 'tombstone', kind: 'faq', id: faq, slug: 'wat-kost-een-paspoort', reason: 'withdrawn' });
    expect((await get('/api/catalog/products/rijbewijs')).status).toBe(410);
    expect((await get('/api/catalog/products/rijbewijs')).body.code).toBe('CATALOG_ITEM_GONE');
    expect((await get('/api/catalog/faqs/wat-kost-een-paspoort')).status).toBe(410);

    // The copy equals the catalogue, and it was built from a feed read two items at a time.
    await site.sync(get);
    expect(site.pages).toEqual(await catalogue());
    expect([...site.pages.keys()].sort()).toEqual(['product:identiteitskaart', 'product:paspoort-aanvragen']);

    // A renamed product archived later: its old slug answers 410 too, not 301 to a dead page.
    a.expectStatus(await t.http.post(`/api/articles/${paspoort}/archive`), 200);
    expect((await get('/api/catalog/products/paspoort')).status).toBe(410);
  });

  it('hands out a token that stays put when nothing changes, and replays harmlessly', async () => {
    const first = (await get('/api/catalog/changes')).body;
    const again = (await get(`/api/catalog/changes?since=${first.since}`)).body;
    expect(again).toMatchObject({ changes: [], since: first.since, hasMore: false });
    const replay = (await get('/api/catalog/changes')).body;
    expect(replay.changes).toEqual(first.changes);
  });

  it('never skips a change committed late by a transaction that started earlier', async () => {
    const site = new WebsiteCopy();
    await site.sync(get, 50);
    const id = (await a.publishedProduct({ title: 'Laat gecommit' })).id;

    // Hold a transaction open that has written an article event, then let a later one commit first.
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`INSERT INTO article_events (article_id, action) VALUES ($1, 'note')`, [id]);
    const other = (await a.publishedProduct({ title: 'Vroeg gecommit' })).id;

    const during = await site.sync(get, 50);
    expect(during.map((c) => c.id)).not.toContain(other); // held back behind the open transaction
    await runner.commitTransaction();
    await runner.release();
    const after = await site.sync(get, 50);
    expect(after.map((c) => c.id)).toEqual(expect.arrayContaining([id, other]));
  });

  it('is not held back by a long transaction in another database on the same server', async () => {
    // The flake: transaction ids are cluster-wide, and the feed used to read only below the oldest
    // one still running anywhere, so a test (or another application) with a transaction open in
    // another database stopped the feed: a rename answered no tombstone until that one ended.
    const site = new WebsiteCopy();
    await site.sync(get, 50);
    const other = new Client({ connectionString: process.env.KB_TEST_ADMIN_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()'); // holds a transaction id, as a writer does
      const id = (await a.publishedProduct({ title: 'Tijdens een lange transactie' })).id;
      await edit(id, { slug: 'lange-transactie' });
      const changes = await site.sync(get, 50);
      expect(changes).toContainEqual({
        type: 'tombstone',
        kind: 'product',
        id,
        slug: 'tijdens-een-lange-transactie',
        reason: 'renamed',
        replacedBy: 'lange-transactie',
      });
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});
