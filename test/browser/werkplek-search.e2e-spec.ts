/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page, Request, Route } from 'playwright-core';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { BrowserContext, devLogin, resultsFor, startBrowserApp } from '../support/browser';

// The search box's timing, made deterministic: late answers are held back with route interception,
// and the page's timers run on Playwright's clock, so no step depends on how busy the machine is.

const searchedFor = (request: Request): string | null =>
  new URL(request.url()).pathname === '/api/search' ? new URL(request.url()).searchParams.get('q') : null;

const focusedTitle = (page: Page) => page.evaluate(() => document.activeElement?.querySelector('.title')?.textContent ?? null);

describe('werkplek: the search box under real timing (browser)', () => {
  let ctx: BrowserContext;

  beforeAll(async () => {
    ctx = await startBrowserApp();
    await ctx.t.app.get(FixtureLoader).load();
    await ctx.t.app.get(SearchIndexingTrigger).settle();
  }, 120_000);
  afterAll(async () => ctx?.close());

  describe('races', () => {
    let page: Page & { errors: string[] };
    beforeAll(async () => {
      page = await ctx.newPage();
      await devLogin(page, ctx.baseUrl, 'agent', 'Anna Agent');
    });
    afterEach(() => expect(page.errors).toEqual([]));

    it('keeps the list the agent moved into when a late answer lands, so Enter opens the chosen result', async () => {
      // The answer for the whole question is held back until the agent is already in the older list.
      const held: Route[] = [];
      await page.route('**/api/search?*', (route) =>
        searchedFor(route.request()) === 'paspoort aanvragen' ? void held.push(route) : route.continue(),
      );
      const settled = new Set<string>();
      const onSettled = (r: Request) => searchedFor(r) === 'paspoort aanvragen' && settled.add(r.url());
      page.on('requestfinished', onSettled);
      page.on('requestfailed', onSettled);
      try {
        await page.goto(`${ctx.baseUrl}/werkplek/#/zoeken`);
        await page.waitForSelector('#q:focus');
        await page.keyboard.type('paspoort');
        await resultsFor(page, 'paspoort');
        const chosen = await page.textContent('#results li:first-child .title');

        const late = page.waitForRequest((r) => searchedFor(r) === 'paspoort aanvragen');
        await page.keyboard.type(' aanvragen');
        await late;
        await page.keyboard.press('ArrowDown');
        expect(await focusedTitle(page)).toBe(chosen);

        // Let the late answer through (the page may have cancelled it already) and let the page handle it.
        await held[0].continue().catch(() => undefined);
        for (const deadline = Date.now() + 10_000; settled.size === 0 && Date.now() < deadline;) await page.waitForTimeout(20);
        expect(settled.size).toBe(1);
        // A few page tasks for the answer's body to be read and drawn, had the page kept the request.
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));

        expect(await focusedTitle(page)).toBe(chosen);
        await page.keyboard.press('Enter');
        await page.waitForFunction((title) => document.querySelector('#article-title')?.firstChild?.textContent === title, chosen);
      } finally {
        await page.unroute('**/api/search?*');
        page.off('requestfinished', onSettled);
        page.off('requestfailed', onSettled);
      }
    });
  });

  describe('timing, on a controlled clock', () => {
    let page: Page & { errors: string[] };
    const requests: string[] = [];

    beforeAll(async () => {
      page = await ctx.newPage();
      await page.clock.install();
      await devLogin(page, ctx.baseUrl, 'agent', 'Anna Agent');
      page.on('request', (r) => {
        const q = searchedFor(r);
        if (q !== null) requests.push(q);
      });
    });
    beforeEach(async () => {
      await page.clock.resume();
      await page.goto('about:blank');
      await page.goto(`${ctx.baseUrl}/werkplek/#/zoeken`);
      await page.waitForSelector('#q:focus');
      // From here on the page's timers only run when the test moves the clock.
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
      requests.length = 0;
    });
    afterEach(() => expect(page.errors).toEqual([]));

    /** Types like a person: `intervalMs` of page time between keys. */
    const typeAt = async (text: string, intervalMs: number) => {
      for (const key of text) {
        await page.keyboard.type(key);
        await page.clock.runFor(intervalMs);
      }
    };

    it('sends nothing for one character, however long the pause', async () => {
      await typeAt('p', 0);
      await page.clock.runFor(2_000);
      expect(await page.textContent('#status')).toContain('minstens 2 tekens');
      // A second character is worth a request; had the first sent one, it would have gone out before this.
      await typeAt('a', 0);
      await page.clock.runFor(120);
      await resultsFor(page, 'pa');
      expect(requests).toEqual(['pa']);
    });

    it('sends one request after a burst of fast keystrokes, when the typing pauses', async () => {
      // 60 ms between keys: a fast typist's burst (docs/werkplek.md); no request while it lasts.
      await typeAt('paspoort aanvragen', 60);
      expect(requests).toEqual([]);
      await page.clock.runFor(120);
      await resultsFor(page, 'paspoort aanvragen');
      expect(requests).toEqual(['paspoort aanvragen']);
    });

    it('cancels the request the agent typed past, and draws only the newest answer', async () => {
      const held: Route[] = [];
      await page.route('**/api/search?*', (route) =>
        searchedFor(route.request()) === 'paspoort' ? void held.push(route) : route.continue(),
      );
      const aborted = page.waitForEvent('requestfailed', (r) => searchedFor(r) === 'paspoort');
      try {
        await typeAt('paspoort', 20);
        await page.clock.runFor(120); // a pause: the request goes out, and its answer is held back
        for (const deadline = Date.now() + 10_000; held.length === 0 && Date.now() < deadline;) await page.waitForTimeout(20);
        expect(held).toHaveLength(1);
        await typeAt(' aanvragen', 20);
        await page.clock.runFor(120);
        expect((await aborted).failure()?.errorText).toMatch(/ABORTED/);
        await resultsFor(page, 'paspoort aanvragen');
        expect(requests).toEqual(['paspoort', 'paspoort aanvragen']);
      } finally {
        await page.unroute('**/api/search?*');
        for (const route of held) await route.continue().catch(() => undefined);
      }
    });

    it('searches at once on Enter, then goes to the first result; Enter again opens it', async () => {
      await typeAt('rijbewijs', 20);
      await page.keyboard.press('Enter'); // the clock stands still: no pause in typing has passed
      await resultsFor(page, 'rijbewijs');
      expect(requests).toEqual(['rijbewijs']);
      const first = await page.textContent('#results li:first-child .title');
      await page.waitForFunction(() => document.activeElement?.closest('#results li') !== null, undefined, { polling: 50 });
      expect(await focusedTitle(page)).toBe(first);
      await page.keyboard.press('Enter');
      await page.waitForFunction((title) => document.querySelector('#article-title')?.firstChild?.textContent === title, first, {
        polling: 50,
      });
    });

    it('sends no search after the agent left the screen, so "/" still brings back the box', async () => {
      const [row] = await ctx.t.dataSource.query(`SELECT id FROM articles WHERE external_id = 'lv-bz-overlijden'`);
      // A search is waiting for the typing pause when the agent opens an article (a nav link, a link
      // from an e-mail): the same task, so the pause cannot have passed.
      await page.evaluate((id) => {
        const input = document.getElementById('q') as HTMLInputElement;
        input.value = 'overlijden';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        location.hash = `#/artikel/${id}`;
      }, row.id);
      await page.waitForSelector('#article-title', { state: 'attached' });
      await page.clock.runFor(2_000); // the pause passes while the article is on screen
      expect(requests).toEqual([]);
      expect(await page.evaluate(() => location.hash)).toBe(`#/artikel/${row.id}`);
      await page.keyboard.press('/');
      await page.waitForFunction(() => document.activeElement?.id === 'q', undefined, { polling: 50 });
    });
  });
});
