import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source';
import { loadFixtures, syntheticArticles } from './corpus';
import { LatencyStats, stats } from './load';
import { benchAuth, memoryOf, startApi } from './search.bench';

export interface ImportBenchResult {
  articles: number;
  /** items per `POST /api/import` request */
  batchSize: number;
  /** from the first request to the last answer */
  importSeconds: number;
  articlesPerSecond: number;
  /** one request of `batchSize` items */
  requestMs: LatencyStats;
  /** from the last answer until every imported article is in the search index */
  searchableAfterLastBatchMs: number;
  /** items with an import warning (outdated UPL names on purpose) */
  warned: number;
  failed: number;
  /** the first batch again, unchanged: the idempotent path */
  reimportUnchangedPerSecond: number;
  apiMemory: { rssMb: number; peakRssMb: number };
  /** `node dist/src/cli/main.js import <file>` on a fresh database, process start to exit */
  cli?: { seconds: number; articlesPerSecond: number; exitCode: number | null };
}

const ROOT = join(__dirname, '..');
const BATCH = 1000;
/** Every tenth item names a UPL product that is not (or no longer) on the list, as migrations do. */
const OUTDATED_UPL_EVERY = 10;

/**
 * Bulk import as an operator does it: the built API in production mode (authentication, in-process
 * indexing), synthetic Dutch articles posted in requests of BATCH items by an admin (so they are
 * published), then the time until all of them are searchable. The CLI import of the same file is
 * timed on a second fresh database when `withCli` is set.
 */
export async function benchImport(adminUrl: string, size: number, options: { withCli?: boolean } = {}): Promise<ImportBenchResult> {
  const items = importItems(size);
  const url = await freshDatabase(adminUrl, `kb_bench_import_${size}`);
  const port = 47000 + Math.floor(Math.random() * 2000);
  const api = await startApi(url, port);
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    const headers = { ...(await benchAuth('bench-admin', ['admin'])), 'content-type': 'application/json' };
    const post = async (batch: unknown[]) => {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/import`, { method: 'POST', headers, body: JSON.stringify(batch) });
      const body = (await res.json()) as { failed: number; unchanged: number; items: { warnings?: unknown[] }[] };
      if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return { ms: performance.now() - started, body };
    };

    const latencies: number[] = [];
    let failed = 0;
    let warned = 0;
    const started = performance.now();
    for (let offset = 0; offset < items.length; offset += BATCH) {
      const { ms, body } = await post(items.slice(offset, offset + BATCH));
      latencies.push(ms);
      failed += body.failed;
      warned += body.items.filter((i) => i.warnings?.length).length;
      process.stdout.write(`\r  imported ${Math.min(offset + BATCH, size)}/${size}`);
    }
    const lastAnswer = performance.now();
    process.stdout.write('\n');
    const searchableAfterLastBatchMs = await untilIndexed(pg, size - failed, lastAnswer);
    const importSeconds = (lastAnswer - started) / 1000;
    console.log(
      `  ${size} in ${round(importSeconds)} s (${Math.round(size / importSeconds)}/s), searchable ${Math.round(searchableAfterLastBatchMs)} ms later`,
    );

    const again = await post(items.slice(0, BATCH));
    if (again.body.unchanged !== Math.min(BATCH, size)) throw new Error(`re-import changed ${JSON.stringify(again.body).slice(0, 300)}`);

    const result: ImportBenchResult = {
      articles: size,
      batchSize: BATCH,
      importSeconds: round(importSeconds),
      articlesPerSecond: Math.round(size / importSeconds),
      requestMs: stats(latencies, 0),
      searchableAfterLastBatchMs: Math.round(searchableAfterLastBatchMs),
      warned,
      failed,
      reimportUnchangedPerSecond: Math.round(Math.min(BATCH, size) / (again.ms / 1000)),
      apiMemory: memoryOf(api.pid!),
    };
    if (options.withCli) result.cli = await benchCli(adminUrl, size, items);
    return result;
  } finally {
    await pg.end();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await dropDatabase(adminUrl, `kb_bench_import_${size}`);
  }
}

/** The same file through `npm run cli -- import` (compiled), as an operator migrating from another system. */
async function benchCli(adminUrl: string, size: number, items: unknown[]): Promise<ImportBenchResult['cli']> {
  const name = `kb_bench_import_cli_${size}`;
  const url = await freshDatabase(adminUrl, name);
  const dir = mkdtempSync(join(tmpdir(), 'kb-bench-import-'));
  const file = join(dir, 'items.json');
  writeFileSync(file, JSON.stringify(items));
  const started = performance.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'import', file], {
      // production mode wants authentication configured, although the CLI does not serve HTTP
      env: {
        ...process.env,
        DATABASE_URL: url,
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), // production refuses a secret from the repository
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => resolve(code));
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase(adminUrl, name);
  // A CLI that refused to start imported nothing: no rate to report.
  if (exitCode !== 0) throw new Error(`the CLI import exited with ${exitCode}`);
  return { seconds: round(seconds), articlesPerSecond: Math.round(size / seconds), exitCode };
}

/** Import items in the content-fixtures shape, one per synthetic article, with unique external ids. */
export function importItems(size: number): Record<string, unknown>[] {
  const fixtures = loadFixtures(ROOT);
  const upl = JSON.parse(readFileSync(join(ROOT, 'content-fixtures/articles/burgerzaken.json'), 'utf8')) as { uplName?: string }[];
  const uplNames = upl.flatMap((f) => (f.uplName ? [f.uplName] : []));
  return syntheticArticles(fixtures, size).map((s, i) => ({
    externalId: `bench-${i}`,
    kind: s.kind,
    title: s.title,
    summary: s.summary,
    department: s.department,
    audience: s.audience,
    themes: s.themes,
    synonyms: s.synonyms,
    ...(s.kind === 'product'
      ? {
          body: s.markdown,
          targetGroups: ['burger'],
          uplName: i % OUTDATED_UPL_EVERY === 0 ? `verouderde productnaam ${i % 7}` : uplNames[i % uplNames.length],
        }
      : s.kind === 'faq'
        ? { question: s.question, answer: s.markdown }
        : { body: s.markdown }),
  }));
}

async function untilIndexed(pg: PgClient, expected: number, since: number): Promise<number> {
  for (;;) {
    const [{ n }] = (await pg.query('SELECT count(*)::int AS n FROM search_documents')).rows as { n: number }[];
    if (n >= expected) return performance.now() - since;
    if (performance.now() - since > 600_000) throw new Error(`only ${n} of ${expected} indexed after 10 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  await dropDatabase(adminUrl, name);
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const dataSource = new DataSource(buildDataSourceOptions({ url: u.toString(), poolSize: 2 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const departments = JSON.parse(readFileSync(join(ROOT, 'content-fixtures/departments.json'), 'utf8')) as { slug: string; name: string }[];
  for (const d of departments) {
    await dataSource.query(`INSERT INTO departments (slug, name, row_version) VALUES ($1, $2, 1)`, [d.slug, d.name]);
  }
  await dataSource.destroy();
  return u.toString();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The README's table. */
export function importTable(results: ImportBenchResult[]): string {
  return [
    '| articles | import | articles/s | per request of 1,000 (p50 / max) | searchable after last batch | re-import unchanged | CLI |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.articles.toLocaleString('en')} | ${r.importSeconds} s | ${r.articlesPerSecond} | ${Math.round(r.requestMs.p50)} / ${Math.round(r.requestMs.max)} ms | ${(r.searchableAfterLastBatchMs / 1000).toFixed(1)} s | ${r.reimportUnchangedPerSecond}/s | ${r.cli ? `${r.cli.seconds} s (${r.cli.articlesPerSecond}/s)` : '–'} |`,
    ),
  ].join('\n');
}
