/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { BrowserContext, devLogin, resultsFor, startBrowserApp } from '../support/browser';

// A search without a good answer is said plainly, its hits are offered as suggestions only, and the
// agent reports the gap in one click.

describe('werkplek: search confidence (browser)', () => {
  let ctx: BrowserContext;
  let page: Page & { errors: string[] };

  beforeAll(async () => {
    ctx = await startBrowserApp();
    await ctx.t.app.get(FixtureLoader).load();
    await ctx.t.app.get(SearchIndexingTrigger).settle();
    page = await ctx.newPage();
    await devLogin(page, ctx.baseUrl, 'agent', 'Anna Agent');
  }, 120_000);
  afterAll(async () => ctx?.close());
  afterEach(() => expect(page.errors).toEqual([]));

  const searchFor = async (q: string) => {
    await page.goto('about:blank');
    await page.goto(`${ctx.baseUrl}/werkplek/#/zoeken?q=${encodeURIComponent(q)}`);
    await resultsFor(page, q);
  };

  it('shows weak hits under "Misschien bedoelt u" and reports the gap in one click', async () => {
    await searchFor('visum thailand paspoort');
    expect(await page.isVisible('#no-answer')).toBe(true);
    expect(await page.textContent('#no-answer')).toContain('Geen goed antwoord gevonden — probeer andere woorden of meld een kennislacune');
    expect(await page.isVisible('#weak-heading')).toBe(true);
    expect(await page.textContent('#weak-heading')).toBe('Misschien bedoelt u');
    expect(await page.getAttribute('#results', 'class')).toContain('weak');
    expect(await page.locator('#results li').count()).toBeGreaterThan(0);

    await page.click('#no-answer button.report-gap');
    await page.waitForSelector('#no-answer .gap-reported');
    const rows: { kind: string; search_query: string }[] = await ctx.t.dataSource.query(
      `SELECT kind, search_query FROM feedback WHERE kind = 'cannot-find'`,
    );
    expect(rows).toEqual([{ kind: 'cannot-find', search_query: 'visum thailand paspoort' }]);
  });

  it('says so plainly when nothing is found, without a report button (the search log reports it)', async () => {
    await searchFor('xqzvbn flurpgrmpf');
    expect(await page.isVisible('#no-answer')).toBe(true);
    expect(await page.textContent('#no-answer')).toContain('Geen goed antwoord gevonden');
    expect(await page.isVisible('#no-answer button')).toBe(false);
    expect(await page.isVisible('#weak-heading')).toBe(false);
  });

  it('shows a good answer as an answer', async () => {
    await searchFor('paspoort aanvragen');
    expect(await page.isVisible('#no-answer')).toBe(false);
    expect(await page.isVisible('#weak-heading')).toBe(false);
    expect(await page.getAttribute('#results', 'class')).not.toContain('weak');
    expect(await page.locator('#results li').count()).toBeGreaterThan(0);
  });
});
