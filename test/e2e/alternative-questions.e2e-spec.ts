import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/articles/article-content';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

/** Question variants (alternativeQuestions): editorial content, versioned, validated, imported, searched, never published. */
describe('question variants (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  const settle = () => t.app.get(SearchIndexingTrigger).settle();
  const faq = {
    kind: 'faq',
    title: 'Kopie identiteitsbewijs bij huren',
    department: 'wonen',
    summary: 'Een verhuurder mag een kopie maken, met het BSN afgeschermd.',
    question: 'Mag een verhuurder een kopie van mijn identiteitsbewijs maken?',
    answer: 'Ja, maar de foto en het burgerservicenummer moeten afgeschermd zijn.',
  };
  const top3 = async (q: string) =>
    (await t.http.get(`/api/search?q=${encodeURIComponent(q)}`)).body.hits.slice(0, 3).map((h: { id: string }) => h.id);

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department('wonen');
  });
  afterAll(async () => t.close());

  it('are cleaned on write, versioned with the content, diffed, and make search find the article', async () => {
    const created = a.expectStatus(
      await t.http
        .post('/api/articles')
        .send({ ...faq, alternativeQuestions: ['  mag de huisbaas   mijn id kopiëren? ', '', 'Mag de huisbaas mijn ID kopiëren'] }),
      201,
    ).body;
    expect(created.alternativeQuestions).toEqual(['mag de huisbaas mijn id kopiëren?']);
    const published = await a.publish(created.id);
    await settle();
    expect(await top3('huisbaas id kopiëren')).toEqual([created.id]);
    const version = (await t.http.get(`/api/articles/${created.id}/versions/1`)).body;
    expect(version.content.alternativeQuestions).toEqual(['mag de huisbaas mijn id kopiëren?']);

    const edited = a.expectStatus(
      await a.patch(created.id, published.etag, {
        alternativeQuestions: ['mag de huisbaas mijn id kopiëren?', 'pasje kopiëren bij kamer huren'],
      }),
      200,
    ).body;
    expect(edited).toMatchObject({ status: 'draft', publishedVersion: 1 });
    const diff = (await t.http.get(`/api/articles/${created.id}/diff?from=1&to=draft`)).body;
    expect(diff.changes).toEqual([
      expect.objectContaining({
        field: 'alternativeQuestions',
        label: 'Vraagvarianten',
        changes: expect.arrayContaining([{ op: 'insert', text: 'pasje kopiëren bij kamer huren' }]),
      }),
    ]);
    // the pending revision is not live: search still has version 1
    expect(await top3('pasje kamer')).not.toContain(created.id);

    // never on the public catalogue
    const catalogue = await t.http.get(`/api/catalog/faqs/${created.slug}`);
    expect(catalogue.status).toBe(200);
    expect(JSON.stringify(catalogue.body)).not.toContain('huisbaas');
  });

  it('rejects an unbounded list, over-long or non-text variants with the one error shape', async () => {
    const tooMany = await t.http
      .post('/api/articles')
      .send({ ...faq, alternativeQuestions: Array.from({ length: 31 }, (_, i) => `vraag ${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'alternativeQuestions' })]);
    const tooLong = await t.http.post('/api/articles').send({ ...faq, alternativeQuestions: ['x'.repeat(301)] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'alternativeQuestions' })]);
    const notText = await t.http.post('/api/articles').send({ ...faq, alternativeQuestions: [42] });
    expect(notText.status).toBe(400);
    const notList = await t.http.post('/api/articles').send({ ...faq, alternativeQuestions: 'mag dat' });
    expect(notList.status).toBe(400);
  });

  it('leave content saved before the field existed unchanged: a re-import of the same item changes nothing', async () => {
    const item = {
      externalId: 'lv-wo-oud',
      kind: 'faq',
      title: 'Oud artikel',
      department: 'wonen',
      summary: 'Oud.',
      question: 'Oud?',
      answer: 'Ja.',
    };
    const first = await t.http.post('/api/import').send([item]);
    expect(first.body).toMatchObject({ created: 1, failed: 0 });
    const id = first.body.items[0].articleId;
    // as stored before this field existed: no key at all, hashes from then
    const [{ content }] = await t.dataSource.query(`SELECT content - 'alternativeQuestions' AS content FROM articles WHERE id = $1`, [id]);
    const oldHash = createHash('sha256').update(canonicalJson(content)).digest('hex');
    await t.dataSource.query(`UPDATE articles SET content = $2, content_hash = $3 WHERE id = $1`, [id, content, oldHash]);
    await t.dataSource.query(`UPDATE article_versions SET content = $2, content_hash = $3 WHERE article_id = $1`, [id, content, oldHash]);
    expect((await t.http.get(`/api/articles/${id}`)).body.alternativeQuestions).toEqual([]);
    expect((await t.http.get(`/api/articles/${id}/versions/1`)).body.content.alternativeQuestions).toEqual([]);
    const again = await t.http.post('/api/import').send([item]);
    expect(again.body).toMatchObject({ unchanged: 1, updated: 0, failed: 0 });
    expect((await t.http.get(`/api/articles/${id}`)).body).toMatchObject({ status: 'published', latestVersion: 1 });
  });

  it('are imported with an item', async () => {
    const res = await t.http.post('/api/import').send([
      {
        externalId: 'lv-wo-kopie-id',
        kind: 'faq',
        title: 'Kopie ID bij kamerhuur',
        department: 'wonen',
        summary: 'Over kopieën van identiteitsbewijzen.',
        question: 'Mag een kamerverhuurder mijn paspoort kopiëren?',
        answer: 'Alleen afgeschermd.',
        alternativeQuestions: ['Mag de hospita mijn paspoort scannen?', 'mag de hospita mijn paspoort scannen'],
      },
    ]);
    expect(res.body).toMatchObject({ created: 1, failed: 0 });
    const article = (await t.http.get(`/api/articles/${res.body.items[0].articleId}`)).body;
    expect(article.alternativeQuestions).toEqual(['Mag de hospita mijn paspoort scannen?']);
    const again = await t.http
      .post('/api/import')
      .send([{ externalId: 'lv-wo-x', kind: 'faq', title: 'X', department: 'wonen', alternativeQuestions: [''.padEnd(301, 'y')] }]);
    expect(again.body).toMatchObject({ failed: 1 });
  });
});
