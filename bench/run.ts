import { mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { SearchBenchResult, benchSearch } from './search.bench';
import { StewardshipBenchResult, benchStewardship, stewardshipTable } from './stewardship.bench';

/**
 * `npm run bench [-- --only search|stewardship --sizes 10000,100000 --seconds 20 --stewardship-sizes 100000]`:
 * - search: seeds realistic articles, drives the API (a child process, as deployed) with agent
 *   queries and writes bench/results/search.json;
 * - stewardship: the daily review scan over that many live articles and the reminders it triggers
 *   (time, memory), written to bench/results/stewardship.json.
 * Uses BENCH_DATABASE_URL (an admin connection) or an embedded PostgreSQL.
 */
async function main(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
  };
  const sizes = arg('sizes', '10000,100000').split(',').map(Number);
  const seconds = Number(arg('seconds', '20'));
  const only = arg('only', '');
  const stewardshipSizes = arg('stewardship-sizes', '100000').split(',').map(Number);

  let adminUrl = process.env.BENCH_DATABASE_URL ?? '';
  let stop = async () => undefined as void;
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'kb-bench-pg-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: 56000 + Math.floor(Math.random() * 3000), database: 'postgres', persistent: false });
    adminUrl = pg.adminUrl;
    stop = pg.stop;
  }
  const results: Record<string, SearchBenchResult> = {};
  const stewardship: StewardshipBenchResult[] = [];
  try {
    if (only !== 'stewardship') for (const size of sizes) results[size] = await benchSearch(adminUrl, size, seconds);
    if (only !== 'search') for (const size of stewardshipSizes) stewardship.push(await benchStewardship(adminUrl, size));
  } finally {
    await stop();
  }
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  if (stewardship.length > 0) {
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version };
    writeFileSync(join(__dirname, 'results', 'stewardship.json'), JSON.stringify({ generatedAt: new Date().toISOString(), machine, stewardship }, null, 2) + '\n');
    console.log(`\n${stewardshipTable(stewardship)}`);
  }
  if (only === 'stewardship') return;
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    targets: { steady200P95Ms: { 10000: 15, 100000: 40 }, saturationRps: { 10000: 800 }, indexLagP95Ms: 1000 },
    search: results,
  };
  writeFileSync(join(__dirname, 'results', 'search.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(`\n${searchTable(results)}`);
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
