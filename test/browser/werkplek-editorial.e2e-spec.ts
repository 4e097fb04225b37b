/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';
import { FixtureLoader } from '../../src/articles/import/fixture-loader';
import { SearchIndexingTrigger } from '../../src/search/jobs/search-indexing.trigger';
import { StewardshipProcessor } from '../../src/stewardship/jobs/stewardship.processor';
import { StewardshipJob } from '../../src/stewardship/jobs/stewardship-jobs';
import { BrowserContext, devLogin, screenshot, seriousA11yViolations, startBrowserApp } from '../support/browser';

type TestPage = Page & { errors: string[] };

describe('werkplek: editors and coordinators (browser)', () => {
  let ctx: BrowserContext;
  let editor: TestPage;
  let colleague: TestPage;
  let coordinator: TestPage;
  let agent: TestPage;
  let articleId: string;

  beforeAll(async () => {
    ctx = await startBrowserApp();
    await ctx.t.app.get(FixtureLoader).load();
    await ctx.t.app.get(SearchIndexingTrigger).settle();
    // A daily scan so the dashboard has a snapshot to draw its trend from.
    await ctx.t.app.get(StewardshipProcessor).run(StewardshipJob.Scan);
    [articleId] = (await ctx.t.dataSource.query(`SELECT id FROM articles WHERE external_id = 'lv-bz-paspoort'`)).map(
      (r: { id: string }) => r.id,
    );
    editor = await ctx.newPage();
    colleague = await ctx.newPage();
    coordinator = await ctx.newPage();
    agent = await ctx.newPage();
    await devLogin(editor, ctx.baseUrl, 'editor', 'Eva Redacteur', 'burgerzaken');
    await devLogin(colleague, ctx.baseUrl, 'editor', 'Koen Collega', 'burgerzaken');
    await devLogin(coordinator, ctx.baseUrl, 'coordinator', 'Rik Regisseur', '');
    await devLogin(agent, ctx.baseUrl, 'agent', 'Anna Agent');
  }, 180_000);
  afterAll(async () => ctx?.close());
  afterEach(() => {
    for (const page of [editor, colleague, coordinator, agent]) expect(page.errors).toEqual([]);
  });

  /** Waits for the editor's message and fails with its text unless it is a success. */
  const saved = async (page: TestPage) => {
    const notice = await page.waitForSelector('#editor-message .notice');
    if (!(await notice.evaluate((el) => el.classList.contains('ok')))) throw new Error(`not saved: ${await notice.textContent()}`);
  };
  const open = async (page: TestPage, hash: string, selector: string) => {
    await page.goto(`${ctx.baseUrl}/werkplek/${hash}`);
    await page.waitForSelector(selector);
  };

  it('lets an editor edit with a live preview and submit, a coordinator approve, and the agent read the new text', async () => {
    await open(editor, `#/bewerken/${articleId}`, '#f-summary');
    const summary = 'Een paspoort vraagt u aan bij de balie van Burgerzaken; reken op vijf werkdagen.';
    await editor.fill('#f-summary', summary);
    await editor.fill('#f-sections\\.kosten', 'Het paspoort kost **€ 91,20** voor volwassenen.');
    await editor
      .waitForFunction(() => document.querySelector('#preview')?.innerHTML.includes('<strong>€ 91,20</strong>'), undefined, {
        timeout: 5000,
      })
      .catch(async () => {
        throw new Error(`preview: ${await editor.innerHTML('#preview')}`);
      });
    await screenshot(editor, 'redacteur-editor');
    await editor.click('#save');
    await saved(editor);
    await editor.click('#submit-review');
    await editor.waitForFunction(() => document.querySelector('#editor-message')?.textContent?.includes('Aangeboden ter beoordeling'));

    await open(coordinator, '#/beoordelen', '#queue .card');
    const card = coordinator.locator('#queue .card', { hasText: 'Paspoort' });
    await card.locator('.diff ins', { hasText: '91,20' }).first().waitFor();
    await screenshot(coordinator, 'regisseur-beoordelen');
    await card.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
    await coordinator.waitForFunction(() => !document.querySelector('#queue')?.textContent?.includes('Paspoort'));
    await ctx.t.app.get(SearchIndexingTrigger).settle();

    await open(agent, `#/artikel/${articleId}`, '#article-title');
    expect(await agent.textContent('.summary')).toContain(summary);
    expect(await agent.innerHTML('article')).toContain('<strong>€ 91,20</strong>');
  });

  it('resolves a 412 conflict with both texts on screen, losing neither', async () => {
    await open(editor, `#/bewerken/${articleId}`, '#f-summary');
    await open(colleague, `#/bewerken/${articleId}`, '#f-summary');
    await colleague.fill('#f-summary', 'Tekst van de collega.');
    await colleague.click('#save');
    await saved(colleague);

    await editor.fill('#f-summary', 'Mijn eigen tekst.');
    await editor.click('#save');
    await editor.waitForSelector('#conflict pre[data-side="theirs"]');
    expect(await editor.textContent('#conflict pre[data-side="mine"]')).toBe('Mijn eigen tekst.');
    expect(await editor.textContent('#conflict pre[data-side="theirs"]')).toBe('Tekst van de collega.');
    expect(await editor.inputValue('#f-summary')).toBe('Mijn eigen tekst.'); // nothing typed is lost
    await screenshot(editor, 'redacteur-conflict');

    // The editor merges both and saves deliberately, against the new version.
    await editor.fill('#f-summary', 'Tekst van de collega. Mijn eigen tekst.');
    await editor.click('#save');
    await saved(editor);
    const [row] = await ctx.t.dataSource.query(`SELECT content->>'summary' AS summary FROM articles WHERE id = $1`, [articleId]);
    expect(row.summary).toBe('Tekst van de collega. Mijn eigen tekst.');
  });

  it('shows the editor their tasks, and "inhoud gecontroleerd" works in one click', async () => {
    const [overdue] = await ctx.t.dataSource.query(
      `SELECT a.id, a.title FROM articles a JOIN departments d ON d.id = a.department_id WHERE d.slug = 'burgerzaken' AND a.review_due_at < $1 AND a.status = 'published' ORDER BY a.review_due_at LIMIT 1`,
      [ctx.t.clock.now()],
    );
    // The editor becomes its owner, so the review is theirs.
    const [user] = await ctx.t.dataSource.query(`SELECT id FROM users WHERE name = 'Eva Redacteur'`);
    await ctx.t.dataSource.query(`UPDATE articles SET owner_id = $1 WHERE id = $2`, [user.id, overdue.id]);
    await open(editor, '#/taken', '#tasks-status');
    const task = editor.locator('#tasks .card', { hasText: overdue.title });
    await task.waitFor();
    await screenshot(editor, 'redacteur-taken');
    await task.getByRole('button', { name: 'Inhoud gecontroleerd' }).click();
    await editor.waitForFunction((title) => !document.querySelector('#tasks')?.textContent?.includes(title), overdue.title);
    const [after] = await ctx.t.dataSource.query(`SELECT review_due_at > $2 AS fresh FROM articles WHERE id = $1`, [
      overdue.id,
      ctx.t.clock.now(),
    ]);
    expect(after.fresh).toBe(true);
  });

  it('opens the confirmation from the reminder e-mail link', async () => {
    await editor.goto(`${ctx.baseUrl}/werkplek/artikelen/${articleId}?actie=inhoud-gecontroleerd`);
    await editor.waitForSelector('#confirm-from-mail button');
    expect(await editor.evaluate(() => document.activeElement?.id)).toBe('confirm-review');
  });

  it('renders the dashboard charts from real data', async () => {
    await open(coordinator, '#/regie', '#department-table');
    await coordinator.waitForFunction(() => {
      const canvas = document.getElementById('chart-departments') as HTMLCanvasElement | null;
      const chart =
        canvas &&
        (
          window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: { data: number[] }[] } } | undefined } }
        ).Chart.getChart(canvas);
      return Boolean(chart && chart.data.datasets.some((d) => d.data.some((v) => v > 0)));
    });
    const published = await coordinator.evaluate(() => {
      const chart = (
        window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: { data: number[] }[] } } } }
      ).Chart.getChart(document.getElementById('chart-departments') as HTMLCanvasElement);
      const i = chart.data.labels.indexOf('Burgerzaken');
      return chart.data.datasets.reduce((sum, d) => sum + d.data[i], 0);
    });
    const [truth] = await ctx.t.dataSource.query(
      `SELECT count(*)::int AS n FROM articles a JOIN departments d ON d.id = a.department_id WHERE d.slug = 'burgerzaken' AND a.published_version IS NOT NULL AND a.status <> 'archived'`,
    );
    expect(published).toBe(truth.n);
    await coordinator.waitForSelector('#chart-trend');
    await screenshot(coordinator, 'regisseur-dashboard');
  });

  it('has no serious or critical accessibility violations on the editor and coordinator screens', async () => {
    const screens: [TestPage, string, string][] = [
      [editor, '#/taken', '#tasks-status'],
      [editor, `#/bewerken/${articleId}`, '#f-summary'],
      [editor, '#/nieuw', '#f-title'],
      [coordinator, '#/beoordelen', 'main h1'],
      [coordinator, '#/regie', '#department-table'],
      [coordinator, '#/synoniemen', '#synonyms'],
      [coordinator, '#/importeren', '#import-file'],
    ];
    for (const [page, hash, selector] of screens) {
      await open(page, hash, selector);
      expect({ hash, violations: await seriousA11yViolations(page) }).toEqual({ hash, violations: [] });
    }
    await screenshot(coordinator, 'regisseur-importeren');
  });
});
