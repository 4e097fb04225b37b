/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { BrowserContext, devLogin, screenshot, seriousA11yViolations, startBrowserApp } from '../support/browser';

// Realistic caller questions (from the relevance set) and the article the agent must reach.
const QUESTIONS: [string, string][] = [
  ['ik kan mijn belasting niet betalen', 'lv-bel-betalingsregeling'],
  ['heb ik een vergunning nodig voor een dakkapel aan de achterkant', 'lv-wb-faq-dakkapel'],
  ['gemeentebelasting elke maand laten afschrijven', 'lv-bel-incasso'],
  ['hoe kom ik aan het taxatieverslag van mijn huis', 'lv-bel-faq-taxatieverslag'],
  ['mijn man is overleden', 'lv-bz-overlijden'],
];

describe('werkplek: the agent (browser)', () => {
  let ctx: BrowserContext;
  let page: Page & { errors: string[] };
  const titles = new Map<string, string>();

  beforeAll(async () => {
    ctx = await startBrowserApp();
    await ctx.t.app.get(FixtureLoader).load();
    await ctx.t.app.get(SearchIndexingTrigger).settle();
    const rows: { externalId: string; title: string }[] = await ctx.t.dataSource.query(
      `SELECT external_id AS "externalId", title FROM articles WHERE external_id = ANY($1)`,
      [QUESTIONS.map(([, id]) => id)],
    );
    for (const r of rows) titles.set(r.externalId, r.title);
    page = await ctx.newPage();
    await devLogin(page, ctx.baseUrl, 'agent', 'Anna Agent');
  }, 120_000);
  afterAll(async () => ctx?.close());
  afterEach(() => expect(page.errors).toEqual([]));

  it('opens with the search box focused', async () => {
    await page.goto(`${ctx.baseUrl}/werkplek/#/zoeken`);
    await page.waitForSelector('#q');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q'); // focused on load
    await screenshot(page, 'agent-zoeken-leeg');
  });

  // One caller per test, one after the other in the same page, as an agent's morning goes: each within
  // the test budget on a loaded machine, and a failure names the caller.
  it.each(QUESTIONS)('finds the right article for "%s" with the keyboard only', async (question, externalId) => {
    if (!(await page.evaluate(() => document.activeElement?.id === 'q'))) {
      // The caller before did not end in the search box (its own test says so): start afresh.
      await page.goto(`${ctx.baseUrl}/werkplek/#/zoeken`);
      await page.waitForSelector('#q:focus');
    }
    const title = titles.get(externalId)!;
    await page.keyboard.type(question, { delay: 15 });
    // The expected article among the first three results for the whole question. Under load a list for
    // a prefix can be on screen while the answer for the question is still coming (aria-busy): read the
    // list only once it belongs to what is in the box, as an agent would.
    await page
      .waitForFunction(
        ([expected, q]) =>
          (document.getElementById('q') as HTMLInputElement).value === q &&
          document.getElementById('results')?.dataset.query === q &&
          !document.getElementById('results')?.hasAttribute('aria-busy') &&
          [...document.querySelectorAll('#results .title')].slice(0, 3).some((el) => el.textContent === expected),
        [title, question],
        { timeout: 5000 },
      )
      .catch(async () => {
        throw new Error(
          `"${question}": expected "${title}" in the top 3, saw ${JSON.stringify(await page.$$eval('#results .title', (els) => els.map((el) => el.textContent)))}`,
        );
      });
    if (externalId === QUESTIONS[0][1]) await screenshot(page, 'agent-zoekresultaten');
    const position = await page.$$eval('#results .title', (els, expected) => els.findIndex((el) => el.textContent === expected), title);
    await page.keyboard.press('ArrowDown');
    for (let i = 0; i < position; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.querySelector('.title')?.textContent)).toBe(title);
    await page.keyboard.press('Enter');
    await page.waitForFunction((expected) => document.querySelector('#article-title')?.firstChild?.textContent === expected, title);
    if (externalId === QUESTIONS[0][1]) await screenshot(page, 'agent-artikel');
    // "/" brings the agent back to an empty, focused search box for the next caller.
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.id === 'q');
  });

  it('shows the article summary first, KCC notes apart, review info, related items, and copies the answer', async () => {
    const [row] = await ctx.t.dataSource.query(
      `SELECT id, content->>'summary' AS summary FROM articles WHERE external_id = 'lv-bz-overlijden'`,
    );
    await page.goto(`${ctx.baseUrl}/werkplek/#/artikel/${row.id}`);
    await page.waitForSelector('#article-title');
    expect(await page.textContent('.summary')).toContain(row.summary);
    expect(await page.textContent('.reviewed')).toMatch(/Laatst gecontroleerd op .+ Volgende controle/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.baseUrl });
    await page.click('#copy-answer');
    await page.waitForFunction(() => document.querySelector('[role=status].hint')?.textContent === 'Antwoord gekopieerd');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(row.summary);
    expect(copied).not.toContain('<');
  });

  it('lets the agent send a terugmelding', async () => {
    const [row] = await ctx.t.dataSource.query(`SELECT id FROM articles WHERE external_id = 'lv-bel-incasso'`);
    await page.goto(`${ctx.baseUrl}/werkplek/#/artikel/${row.id}`);
    await page.waitForSelector('#feedback-form');
    await page.selectOption('#fb-kind', 'outdated');
    await page.fill('#fb-comment', 'De incassodata kloppen niet meer voor dit jaar.');
    await page.click('#feedback-form button[type=submit]');
    await page.waitForSelector('#my-feedback li');
    expect(await page.textContent('#my-feedback')).toContain('De incassodata kloppen niet meer');
    const [stored] = await ctx.t.dataSource.query(`SELECT kind, status FROM feedback WHERE article_id = $1`, [row.id]);
    expect(stored).toEqual({ kind: 'outdated', status: 'open' });
  });

  it('has no serious or critical accessibility violations on the agent screens', async () => {
    const [row] = await ctx.t.dataSource.query(`SELECT id FROM articles WHERE external_id = 'lv-bz-overlijden'`);
    for (const path of ['#/zoeken?q=paspoort', `#/artikel/${row.id}`, '#/inloggen']) {
      await page.goto(`${ctx.baseUrl}/werkplek/${path}`);
      await page.waitForSelector('main > *');
      await page.waitForTimeout(300);
      expect({ path, violations: await seriousA11yViolations(page) }).toEqual({ path, violations: [] });
    }
  });
});
