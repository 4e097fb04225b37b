import { DutchAnalyzer } from '../../src/search/dutch/dutch-analyzer';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-search.engine';
import { planQuery } from '../../src/search/query/query-plan';
import { SynonymsService } from '../../src/search/synonyms/synonyms.service';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';

describe('agent search over HTTP (e2e)', () => {
  let t: TestApp;
  let a: ReturnType<typeof api>;
  let paspoort: { id: string; etag: string };
  let idkaart: { id: string };
  const settle = () => t.app.get(SearchIndexingTrigger).settle();

  beforeAll(async () => {
    t = await createTestApp();
    a = api(t.http);
    await a.department();
    await a.department('kcc');
    paspoort = await a.publishedProduct({
      title: 'Paspoort aanvragen',
      summary: 'Een reisdocument voor de hele wereld.',
      synonyms: ['reisdocument'],
      themes: ['Reizen'],
      sections: { inleiding: 'Een paspoort vraagt u aan bij de balie van Burgerzaken.', kosten: 'Het paspoort kost € 86,45.' },
    });
    idkaart = await a.publishedProduct({
      title: 'Identiteitskaart',
      summary: 'De ID-kaart vraagt u aan bij de balie.',
      sections: { inleiding: 'Met een identiteitskaart reist u binnen Europa.' },
    });
    await a.publish(
      (
        await t.http.post('/api/articles').send({
          kind: 'instruction',
          title: 'Agressieve beller',
          department: 'kcc',
          summary: 'Zo handelt u.',
          body: 'Blijf rustig en benoem het gedrag.',
        })
      ).body.id,
    );
    await a.product({ title: 'Paspoort concept', summary: 'Nog niet af' });
    await settle();
  });
  afterAll(async () => t.close());

  it('answers with the documented shape, snippets highlighted, drafts left out', async () => {
    const res = await t.http.get('/api/search?q=paspoort%20kosten%20');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      engine: 'postgres',
      fallback: false,
      total: 1,
      queryId: expect.any(String),
      tookMs: expect.any(Number),
      confidence: expect.stringMatching(/^(high|medium|low|none)$/),
    });
    expect(res.body.hits[0]).toMatchObject({
      id: paspoort.id,
      slug: 'paspoort-aanvragen',
      kind: 'product',
      title: 'Paspoort aanvragen',
      department: { slug: 'burgerzaken' },
      stale: false,
      score: expect.any(Number),
    });
    expect(res.body.hits[0].snippet).toContain('<mark>paspoort</mark> <mark>kost</mark>');
    expect(res.body.facets).toMatchObject({ kind: { product: 1 }, department: { burgerzaken: 1 }, themes: { Reizen: 1 } });
  });

  it('says how sure it is that the first hit answers: high for an exact title, low for an unknown topic, none for nonsense', async () => {
    const exact = await t.http.get('/api/search').query({ q: 'Identiteitskaart' });
    expect(exact.body).toMatchObject({ confidence: 'high', hits: [{ id: idkaart.id }] });
    // Hits on "paspoort", but nothing here is about a visa for Thailand: not dressed up as the answer.
    const unknownTopic = await t.http.get('/api/search').query({ q: 'visum thailand paspoort' });
    expect(unknownTopic.body.hits[0]).toMatchObject({ id: paspoort.id });
    expect(unknownTopic.body.confidence).toBe('low');
    const nonsense = await t.http.get('/api/search').query({ q: 'xqzvbn flurpgrmpf' });
    expect(nonsense.body).toMatchObject({ confidence: 'none', hits: [] });
    // The same answer from the cache keeps its confidence.
    expect((await t.http.get('/api/search').query({ q: 'Identiteitskaart' })).body.confidence).toBe('high');
  });

  it('shows internal werkinstructies to staff', async () => {
    const res = await t.http.get('/api/search?q=agressieve%20beller');
    expect(res.body.hits.map((h: { title: string }) => h.title)).toEqual(['Agressieve beller']);
  });

  it('flags an article whose review date has passed instead of hiding it', async () => {
    const current = (await t.http.get(`/api/articles/${idkaart.id}`)).body;
    await a.patch(idkaart.id, current.etag, { reviewDueAt: '2026-11-01T00:00:00.000Z' });
    await settle();
    const res = await t.http.get('/api/search?q=identiteitskaart');
    expect(res.body.hits[0]).toMatchObject({ id: idkaart.id, stale: true, reviewDueAt: '2026-11-01T00:00:00.000Z' });
  });

  it('filters', async () => {
    expect((await t.http.get('/api/search?q=paspoort&kind=faq')).body.total).toBe(0);
    expect((await t.http.get('/api/search?q=beller&audience=public')).body.total).toBe(0);
    expect((await t.http.get('/api/search?q=paspoort&theme=Reizen')).body.total).toBe(1);
  });

  it('suggests as you type', async () => {
    const res = await t.http.get('/api/search/suggest?q=reisdo');
    expect(res.status).toBe(200);
    expect(res.body.suggestions[0]).toMatchObject({ id: paspoort.id, text: 'reisdocument', title: 'Paspoort aanvragen' });
  });

  it('drops an archived article from results at once, and from the index when drained', async () => {
    const extra = await a.publishedProduct({
      title: 'Nooddocument',
      summary: 'Voor wie morgen moet reizen.',
      sections: { inleiding: 'Een nooddocument voor spoed.' },
    });
    await settle();
    const ids = async () => (await t.http.get('/api/search?q=nooddocument')).body.hits.map((h: { id: string }) => h.id);
    expect((await ids())[0]).toBe(extra.id);
    await t.http.post(`/api/articles/${extra.id}/archive`).expect(200);
    // Before the indexer has run: the live check already hides it.
    expect(await ids()).not.toContain(extra.id);
    await settle();
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM search_documents WHERE article_id = $1', [extra.id]);
    expect(n).toBe(0);
  });

  it('serves the new text once a revision is approved, the old one until then', async () => {
    const current = (await t.http.get(`/api/articles/${paspoort.id}`)).body;
    await a.patch(paspoort.id, current.etag, { sections: { bijzonderheden: 'Vanaf 2027 ook met vingerafdrukscanner.' } });
    await settle();
    expect((await t.http.get('/api/search?q=vingerafdrukscanner')).body.total).toBe(0);
    await a.publish(paspoort.id);
    await settle();
    expect((await t.http.get('/api/search?q=vingerafdrukscanner')).body.hits[0]?.id).toBe(paspoort.id);
  });

  it('records clicks on a search', async () => {
    const search = await t.http.get('/api/search?q=paspoort');
    const click = await t.http.post(`/api/search/${search.body.queryId}/click`).send({ articleId: paspoort.id, position: 1 });
    expect(click.status).toBe(204);
    const [row] = await t.dataSource.query('SELECT position, article_id FROM search_clicks WHERE search_id = $1', [search.body.queryId]);
    expect(row).toEqual({ position: 1, article_id: paspoort.id });
    expect(
      (await t.http.post('/api/search/6f1c2a4e-1111-4222-8333-944455556666/click').send({ articleId: paspoort.id, position: 1 })).status,
    ).toBe(404);
    expect((await t.http.post(`/api/search/${search.body.queryId}/click`).send({ articleId: 'x', position: 0 })).status).toBe(400);
    expect((await t.http.post('/api/search/not-a-uuid/click').send({ articleId: paspoort.id, position: 1 })).status).toBe(400);
  });

  it('manages synonyms as data, used at once', async () => {
    const before = await t.http.get('/api/search/synonyms');
    expect(before.body.groups.length).toBeGreaterThan(10);
    expect((await t.http.get('/api/search?q=xylofoonpas')).body.total).toBe(0);
    const put = await t.http.put('/api/search/synonyms').send({ groups: [...before.body.groups, ['xylofoonpas', 'identiteitskaart']] });
    expect(put.status).toBe(200);
    expect((await t.http.get('/api/search?q=xylofoonpas')).body.hits[0]?.id).toBe(idkaart.id);
    expect((await t.http.put('/api/search/synonyms').send({ groups: [['alleen']] })).status).toBe(400);
    expect((await t.http.put('/api/search/synonyms').send({ groups: 'x' })).status).toBe(400);
    expect((await t.http.put('/api/search/synonyms').send({ groups: [['a', 'a ']] })).body.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    [`q=${'x'.repeat(501)}`, 'q'],
    ['q=x&limit=0', 'limit'],
    ['q=x&limit=51', 'limit'],
    ['q=x&kind=recipe', 'kind'],
    ['q=x&department=Burger%20Zaken', 'department'],
    ['q=x&sort=title', 'sort'],
  ])('rejects ?%s', async (query, field) => {
    const res = await t.http.get(`/api/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers odd but valid queries without error', async () => {
    for (const q of ['???', '-', '""', 'a & b | c', "o'neill", '🙂', 'SELECT * FROM articles', '<script>', 'x:* & !y']) {
      const res = await t.http.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
    }
  });

  it('judges a PostgreSQL answer on the evidence its own search statement carried, the same as reading the hit again', async () => {
    await a.publishedProduct({
      title: 'Rijbewijs verlengen',
      summary: 'Verlengen kan vanaf drie maanden voor de vervaldatum.',
      alternativeQuestions: ['Hoe lang is mijn rijbewijs geldig?'],
      sections: { inleiding: 'U verlengt uw rijbewijs bij de gemeente.' },
    });
    await settle();
    const engine = t.app.get(PostgresSearchEngine);
    const analyzer = t.app.get(DutchAnalyzer);
    const synonyms = await t.app.get(SynonymsService).index();
    // exact, prefix, typo (corrections), question variant (synonym keys), unknown topic, body only
    for (const q of ['paspoort kosten', 'reisdocu', 'pasport aanvragen', 'rijbewijs geldig', 'visum thailand paspoort', 'balie europa']) {
      const plan = planQuery(q, analyzer, synonyms);
      const result = await engine.search({ plan, filters: {}, scope: 'staff', limit: 10, offset: 0 });
      expect(result.hits.length).toBeGreaterThan(0);
      expect(result.evidence).toEqual(await engine.answerEvidenceInput(plan.groups, result.hits[0].id));
    }
  });
});

describe('search fallback when Meilisearch is unreachable (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A closed port: every Meilisearch call fails at once.
    t = await createTestApp({ SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://127.0.0.1:9' });
    const a = api(t.http);
    await a.department();
    await a.publishedProduct({ title: 'Paspoort aanvragen' });
    await t.app.get(SearchIndexingTrigger).settle();
  });
  afterAll(async () => t.close());

  it('still answers, from PostgreSQL, and says so', async () => {
    const res = await t.http.get('/api/search?q=paspoort');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ engine: 'postgres', fallback: true, total: 1 });
    const suggest = await t.http.get('/api/search/suggest?q=pasp');
    expect(suggest.body.engine).toBe('postgres');
  });

  it('reports search as degraded in /health', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'degraded',
      checks: { search: { configured: 'meilisearch', status: 'degraded', fallbackActive: true } },
    });
  });

  it('keeps the changes for Meilisearch queued until it is back', async () => {
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM search_secondary_outbox');
    expect(n).toBeGreaterThan(0);
  });
});
