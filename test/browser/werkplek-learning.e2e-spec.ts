/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { LearningSuggestionsRepository } from '../../src/search-learning/learning-suggestions.repository';
import { BrowserContext, devLogin, screenshot, seriousA11yViolations, startBrowserApp } from '../support/browser';

type TestPage = Page & { errors: string[] };

describe('werkplek: search suggestions (browser)', () => {
  let ctx: BrowserContext;
  let coordinator: TestPage;
  let articleId: string;

  beforeAll(async () => {
    ctx = await startBrowserApp();
    await ctx.t.app.get(FixtureLoader).load();
    [{ id: articleId }] = await ctx.t.dataSource.query(`SELECT id FROM articles WHERE external_id = 'lv-bz-paspoort'`);
    // two suggestions as the learning job writes them
    const at = ctx.t.clock.now();
    const evidence = { searchers: 4, days: 3, reformulations: 5, firstSeenAt: at, lastSeenAt: at };
    await ctx.t.dataSource.transaction((m) =>
      ctx.t.app.get(LearningSuggestionsRepository).upsert(
        m,
        [
          {
            key: `question:${articleId}:reisdocument gestolen op vakantie`,
            articleId,
            question: 'reisdocument gestolen op vakantie',
            ...evidence,
            examples: [{ failed: 'reisdocument gestolen op vakantie', found: 'paspoort kwijt' }],
          },
          { key: 'synonym:roze pasje|rijbewijs', terms: ['roze pasje', 'rijbewijs'], ...evidence, examples: [] },
        ] as never,
        at,
      ),
    );
    coordinator = await ctx.newPage();
    await devLogin(coordinator, ctx.baseUrl, 'coordinator', 'Rik Regisseur', '');
  }, 180_000);
  afterAll(async () => ctx?.close());
  afterEach(() => expect(coordinator.errors).toEqual([]));

  it('lets a coordinator accept one suggestion and reject another, each applied or not at once', async () => {
    await coordinator.click('#nav a:has-text("Suggesties")');
    await coordinator.waitForSelector('#learning section.card');
    expect(await coordinator.locator('#learning section.card').count()).toBe(2);
    expect(await seriousA11yViolations(coordinator)).toEqual([]);
    await screenshot(coordinator, 'werkplek-zoeksuggesties');

    const question = coordinator.locator('#learning section.card', { hasText: 'reisdocument gestolen op vakantie' });
    await question.locator('button:has-text("Accepteren")').click();
    await coordinator.waitForFunction(() => document.querySelectorAll('#learning section.card').length === 1);
    const synonym = coordinator.locator('#learning section.card', { hasText: 'roze pasje' });
    await synonym.locator('input').fill('Geen synoniem in onze gemeente');
    await synonym.locator('button:has-text("Afwijzen")').click();
    await coordinator.waitForSelector('#learning >> text=Er zijn geen open suggesties.');

    const article = (await ctx.t.dataSource.query(`SELECT content FROM articles WHERE id = $1`, [articleId]))[0];
    expect(article.content.alternativeQuestions).toContain('reisdocument gestolen op vakantie');
    const groups: { terms: string[] }[] = await ctx.t.dataSource.query('SELECT terms FROM search_synonym_groups');
    expect(groups.flatMap((g) => g.terms)).not.toContain('roze pasje');

    await coordinator.click('a:has-text("Afgewezen")');
    await coordinator.waitForSelector('#learning >> text=Geen synoniem in onze gemeente');
  });
});
