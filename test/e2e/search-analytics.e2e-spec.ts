import { SearchLogService } from '../../src/analytics/search-log.service';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { TestApp, createTestApp } from '../setup/test-app';
import { api } from '../support/builders';
import { WITH_PERSONAL_DATA } from '../support/personal-data-corpus';

describe('search analytics (e2e)', () => {
  let t: TestApp;
  let paspoortId: string;
  let containerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const a = api(t.http);
    await a.department();
    await a.department('afval');
    paspoortId = (await a.publishedProduct({ title: 'Paspoort aanvragen', summary: 'Reisdocument.' })).id;
    containerId = (
      await a.publishedProduct({
        title: 'Container kapot',
        department: 'afval',
        summary: 'Meld het.',
        sections: { inleiding: 'Kapotte container.' },
      })
    ).id;
    await t.app.get(SearchIndexingTrigger).settle();
  });
  afterAll(async () => t.close());

  const search = (q: string, user = 'anna@lindeveen.nl') =>
    t.http.get(`/api/search?q=${encodeURIComponent(q)}`).set('X-Kennisbank-User', user);

  it('stores no personal data from the whole scrubbing corpus', async () => {
    for (const [query] of WITH_PERSONAL_DATA) {
      t.clock.advanceDays(1); // separate intents
      expect((await search(query)).status).toBe(200);
    }
    await t.app.get(SearchLogService).flush();
    const rows: { query: string }[] = await t.dataSource.query('SELECT query FROM search_log');
    expect(rows.length).toBe(WITH_PERSONAL_DATA.length);
    const stored = rows.map((r) => r.query).join('\n');
    for (const [query, expected] of WITH_PERSONAL_DATA) {
      expect(rows.map((r) => r.query)).toContain(expected.toLowerCase().replace(/\s+/g, ' ').trim());
      // No run of 6+ digits and no e-mail address from the input survives anywhere in the log.
      for (const digits of query.replace(/[\s.-]/g, ' ').match(/\d{6,}/g) ?? []) expect(stored).not.toContain(digits);
    }
    expect(stored).not.toMatch(/@/);
    await t.dataSource.query('DELETE FROM search_log');
  });

  it('reports per search intent: keystrokes collapse, zero results and clicks count once', async () => {
    t.clock.advanceDays(1);
    const day = t.clock.now();
    // Anna types "paspoort" and opens the 1st hit; Bram types it too and opens nothing.
    for (const q of ['pas', 'pasp', 'paspoort']) await search(q);
    const anna = await search('paspoort ');
    await t.http.post(`/api/search/${anna.body.queryId}/click`).send({ articleId: paspoortId, position: 1 }).expect(204);
    await search('paspoort', 'bram@lindeveen.nl');
    // A zero-result search, then a new intent that finds the container at position 2.
    t.clock.set(new Date(day.getTime() + 60_000));
    expect((await search('xylofoonles ')).body.total).toBe(0);
    t.clock.set(new Date(day.getTime() + 120_000));
    const container = await search('container kapot');
    await t.http.post(`/api/search/${container.body.queryId}/click`).send({ articleId: containerId, position: 2 }).expect(204);

    const report = await t.http.get(`/api/analytics/search?from=${new Date(day.getTime() - 1000).toISOString()}`);
    expect(report.status).toBe(200);
    expect(report.body.totals).toEqual({
      searches: 4,
      keystrokes: 7,
      zeroResults: 1,
      withoutClick: 2,
      clickThroughRate: 0.5,
      meanClickPosition: 1.5,
      fallbackSearches: 0,
    });
    expect(report.body.topQueries[0]).toEqual({
      query: 'paspoort',
      searches: 2,
      zeroResults: 0,
      clicked: 1,
      clickThroughRate: 0.5,
      meanClickPosition: 1,
    });
    expect(report.body.zeroResultQueries).toEqual([
      { query: 'xylofoonles', searches: 1, zeroResults: 1, clicked: 0, clickThroughRate: 0, meanClickPosition: null },
    ]);
    expect(report.body.noClickQueries.map((q: { query: string }) => q.query)).toEqual(['paspoort']);
    expect(report.body.byDepartment).toEqual([
      { department: 'afval', name: 'Afval', clickedSearches: 1 },
      { department: 'burgerzaken', name: 'Burgerzaken', clickedSearches: 1 },
    ]);

    const afval = await t.http.get(`/api/analytics/search?from=${new Date(day.getTime() - 1000).toISOString()}&department=afval`);
    expect(afval.body.totals.searches).toBe(1);
    expect(afval.body.topQueries.map((q: { query: string }) => q.query)).toEqual(['container kapot']);

    const csv = await t.http.get(`/api/analytics/search?from=${new Date(day.getTime() - 1000).toISOString()}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('table,query,searches,zero_results,clicked,click_through_rate,mean_click_position');
    expect(csv.text).toContain('topQueries,"paspoort",2,0,1,0.5,1');
  });

  it.each(['from=yesterday', 'to=2026-13-01', 'department=Afval Dienst', 'format=xml', 'from=2026-12-01&to=2026-11-01'])(
    'rejects %s',
    async (query) => {
      expect((await t.http.get(`/api/analytics/search?${query}`)).status).toBe(400);
    },
  );
});
