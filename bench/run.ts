import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { CatalogBenchResult, benchCatalog, catalogTable } from './catalog.bench';
import { SearchBenchResult, benchSearch } from './search.bench';
import { StewardshipBenchResult, benchStewardship, stewardshipTable } from './stewardship.bench';

/**
 * `npm run bench [-- --suites search,catalog,stewardship --sizes 10000,100000 --products 2000
 *   --stewardship-sizes 100000 --seconds 20]`: each suite drives the API or the job (a child process or
 * the real services, as deployed) and writes bench/results/<suite>.json:
 * - search: agent queries over realistic articles; catalog: a website's full pull and revalidation;
 * - stewardship: the daily review scan over that many live articles and the reminders it triggers.
 * Uses BENCH_DATABASE_URL (an admin connection) or an embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const sizes = arg('sizes', '10000,100000').split(',').map(Number);
  const seconds = Number(arg('seconds', '20'));
  const suites = new Set(arg('suites', 'search,catalog,stewardship').split(','));
  const products = Number(arg('products', '2000'));
  const stewardshipSizes = arg('stewardship-sizes', '100000').split(',').map(Number);

  let adminUrl = process.env.BENCH_DATABASE_URL ?? '';
  let stop = async () => undefined as void;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'kb-bench-pg-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port: 56000 + Math.floor(Math.random() * 3000),
      database: 'postgres',
      persistent: false,
    });
    adminUrl = pg.adminUrl;
    stop = pg.stop;
  }
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version };
  const write = (name: string, report: object) => {
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', `${name}.json`),
      JSON.stringify({ generatedAt: new Date().toISOString(), machine, ...report }, null, 2) + '\n',
    );
  };
  const tables: string[] = [];
  try {
    if (suites.has('search')) {
      const results: Record<string, SearchBenchResult> = {};
      for (const size of sizes) results[size] = await benchSearch(adminUrl, size, seconds);
      write('search', {
        targets: { steady200P95Ms: { 10000: 15, 100000: 40 }, saturationRps: { 10000: 800 }, indexLagP95Ms: 1000 },
        search: results,
      });
      tables.push(searchTable(results));
    }
    if (suites.has('catalog')) {
      const result: CatalogBenchResult = await benchCatalog(adminUrl, products, Math.max(5, Math.round(seconds / 2)));
      write('catalog', { targets: { fullPullSeconds: 30, revalidateP95Ms: 10 }, catalog: result });
      tables.push(catalogTable(result));
    }
    // --- import suite (issue 11 item 5): bulk POST /api/import and the CLI; runs unless --suites leaves it out.
    // `--suites …,import --import-sizes 10000,100000`; the CLI is timed at the first size only.
    if (suites.has('import') || !process.argv.includes('--suites')) {
      const { benchImport, importTable } = await import('./import.bench');
      const results = [];
      for (const [i, size] of arg('import-sizes', '10000').split(',').map(Number).entries()) {
        results.push(await benchImport(adminUrl, size, { withCli: i === 0 }));
      }
      write('import', { targets: { articlesPerSecond: 500, tenThousandSeconds: 20 }, import: results });
      tables.push(importTable(results));
    }
    // --- end of the import suite
    if (suites.has('stewardship')) {
      const stewardship: StewardshipBenchResult[] = [];
      for (const size of stewardshipSizes) stewardship.push(await benchStewardship(adminUrl, size));
      write('stewardship', { stewardship });
      tables.push(stewardshipTable(stewardship));
    }
  } finally {
    await stop();
  }
  console.log(`\n${tables.join('\n\n')}`);
}

/** The README's table. */
export function searchTable(results: Record<string, SearchBenchResult>): string {
  const rows = Object.values(results).map(
    (r) =>
      `| ${r.articles.toLocaleString('en')} | ${r.cached.steady200.p50} / ${r.cached.steady200.p95} / ${r.cached.steady200.p99} ms | ${r.cached.saturation.rps} req/s | ${r.uncached.singleClient.p50} / ${r.uncached.singleClient.p95} ms | ${r.uncached.saturation.rps} req/s | ${r.indexLag.p50} / ${r.indexLag.p95} ms | ${r.baseline.ilikeP50} ms (×${r.baseline.ilikeToKennisbank}) | ${r.apiMemory.peakRssMb} MB |`,
  );
  return [
    '| articles | cached: p50 / p95 / p99 at 200 req/s | cached: saturation | uncached: p50 / p95, one client | uncached: saturation | index lag p50 / p95 | naive ILIKE p50 (× ours) | API peak RSS |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
