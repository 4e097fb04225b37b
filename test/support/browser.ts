/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { TestApp, createTestApp } from '../setup/test-app';

// Browser tests drive Debian's Chromium with playwright-core (never a downloaded browser).

export const ARTIFACTS = join(__dirname, '../artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium; on a fresh machine as root it is installed first (as the suite does for Redis). */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
    console.log('chromium not found: installing it (apt-get install -y chromium) for the browser tests');
    spawnSync(
      'sh',
      ['-c', 'apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)'],
      { stdio: 'inherit' },
    );
  }
  if (!existsSync(CHROMIUM))
    throw new Error(`The browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`);
}
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface BrowserContext {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  /** a page whose script errors and CSP violations are collected in `errors` */
  newPage(): Promise<Page & { errors: string[] }>;
  close(): Promise<void>;
}

/** The real app on a real port (local tokens and the development login on) plus a headless Chromium. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserContext> {
  const t = await createTestApp({ AUTH_JWT_SECRET: 'browser-test-secret-0123456789abcdefghij', ...env });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  ensureChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ], // playwright gives each launch a fresh temporary profile
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    t,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    newPage: async () => {
      const page = Object.assign(await browser.newPage(), { errors: [] as string[] });
      // BROWSER_CPU_THROTTLE=4 runs the page four times slower: how races that show only under a
      // loaded machine are reproduced on an idle one (docs/werkplek.md).
      const throttle = Number(process.env.BROWSER_CPU_THROTTLE ?? 0);
      if (throttle > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
      page.setDefaultTimeout(10_000); // fail with the step that hangs, well inside the test's own timeout
      page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (
          message.type() === 'error' &&
          !/Failed to load resource: the server responded with a status of (401|403|404|409|412)/.test(message.text())
        )
          page.errors.push(`console: ${message.text()}`);
      });
      return page;
    },
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the werkplek's development login as `role`. */
export async function devLogin(
  page: Page,
  baseUrl: string,
  role: 'agent' | 'editor' | 'coordinator' | 'admin',
  name: string,
  departments = 'burgerzaken',
): Promise<void> {
  await page.goto(`${baseUrl}/werkplek/#/inloggen`);
  await page.selectOption('#dev-role', role);
  await page.fill('#dev-name', name);
  await page.fill('#dev-departments', departments);
  await page.click('button[type=submit]');
  await page.waitForSelector('#nav a');
}

/** Waits until the results list shows the answer to `q` and is no longer busy. */
export const resultsFor = (page: Page, q: string) =>
  page.waitForFunction(
    (q) => {
      const list = document.getElementById('results');
      return list?.dataset.query === q && !list.hasAttribute('aria-busy');
    },
    q,
    { polling: 50 },
  );

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the current page: the serious and critical violations (WCAG 2.1 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE); // through the debugging protocol: not subject to the page CSP
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
