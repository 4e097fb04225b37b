import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source';
import { DutchAnalyzer } from '../src/search/dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../src/search/postgres/postgres-search.engine';
import { planQuery } from '../src/search/query/query-plan';
import { SynonymIndex } from '../src/search/query/synonym-index';
import { percentile } from './load';

/**
 * `ts-node bench/explain.ts <database url> [sample] [--plans q1,q2]`: runs the PostgreSQL engine's
 * real statements for a sample of typing-workload prefixes under EXPLAIN (ANALYZE, BUFFERS) and
 * prints execution-time percentiles per statement, the slowest queries, and full plans on request.
 * The profile behind docs/search.md (performance).
 */
async function main(): Promise<void> {
  const url = process.argv[2];
  const sample = Number(process.argv[3] ?? 300);
  const plansArg = process.argv.indexOf('--plans');
  const showPlans = plansArg > 0 ? process.argv[plansArg + 1].split(',') : [];
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
  await dataSource.initialize();
  const captured: { sql: string; params: unknown[] }[] = [];
  // Records every statement the engine sends and runs it as usual.
  const capture = <T extends { query: (sql: string, params?: unknown[]) => Promise<unknown> }>(target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === 'query')
          return (sql: string, params: unknown[] = []) => {
            if (!/^\s*(SET|BEGIN|ROLLBACK|COMMIT)\b/.test(sql)) captured.push({ sql, params });
            return t.query(sql, params);
          };
        if (prop === 'createQueryRunner') return () => capture((t as unknown as DataSource).createQueryRunner());
        // The engine reads on the driver's connection, with query configs ({ text, values, name }).
        if (prop === 'databaseConnection') {
          const client = Reflect.get(t, prop, receiver) as { query: (config: unknown) => Promise<unknown> } | undefined;
          if (!client) return client; // before connect()
          return new Proxy(client, {
            get(c, p) {
              const value = Reflect.get(c, p, c) as unknown;
              if (p !== 'query') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(c) : value;
              return (config: string | { text: string; values?: unknown[] }) => {
                const { text, values } = typeof config === 'string' ? { text: config, values: [] } : config;
                if (!/^\s*(SET|BEGIN|ROLLBACK|COMMIT)\b/.test(text)) captured.push({ sql: text, params: values ?? [] });
                return c.query(config);
              };
            },
          });
        }
        if (prop === 'transaction')
          return (run: (m: EntityManager) => Promise<unknown>) => (t as unknown as DataSource).transaction((m) => run(capture(m)));
        return Reflect.get(t, prop, receiver);
      },
    });
  // BENCH_EXPLAIN_ENGINE=<module>: profile another version of the engine (before/after comparisons).
  const Engine: typeof PostgresSearchEngine = process.env.BENCH_EXPLAIN_ENGINE
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(join(process.cwd(), process.env.BENCH_EXPLAIN_ENGINE)) as { PostgresSearchEngine: typeof PostgresSearchEngine })
        .PostgresSearchEngine
    : PostgresSearchEngine;
  const engine = new Engine(capture(dataSource));
  const analyzer = new DutchAnalyzer();
  const groups = (await dataSource.query<{ terms: string[] }[]>('SELECT terms FROM search_synonym_groups')).map((r) => r.terms);
  const synonyms = new SynonymIndex(groups, analyzer);
  const typing = JSON.parse(readFileSync(join(__dirname, 'queries/typing.json'), 'utf8')) as string[];
  const prefixes = typing.flatMap((q) => Array.from({ length: q.length - 2 }, (_, i) => q.slice(0, i + 3)));
  const step = Math.max(1, Math.floor(prefixes.length / sample));
  const chosen = [...prefixes.filter((_, i) => i % step === 0).slice(0, sample), ...showPlans];

  const byStatement = new Map<string, { q: string; ms: number; buffers: number }[]>();
  for (const q of chosen) {
    captured.length = 0;
    const plan = planQuery(q, analyzer, synonyms);
    if (!plan.groups.length) continue;
    await engine.search({ plan, filters: {}, scope: 'staff', limit: 10, offset: 0 });
    for (const [i, { sql, params }] of captured.entries()) {
      const name = i === 0 ? 'lookupTerms' : 'search';
      const rows: { 'QUERY PLAN': string }[] = await dataSource.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off');
        return m.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      });
      const text = rows.map((r) => r['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? 0) + Number(/Planning Time: ([\d.]+)/.exec(text)?.[1] ?? 0);
      // The top node's buffers: everything the statement read (shared hits: the data is in memory).
      const buffers = Number(/Buffers: shared hit=(\d+)/.exec(text)?.[1] ?? 0);
      byStatement.set(name, [...(byStatement.get(name) ?? []), { q, ms, buffers }]);
      if (showPlans.includes(q)) console.log(`\n=== ${name} for "${q}"\n${text}`);
    }
  }
  for (const [name, runs] of byStatement) {
    const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
    const total = sorted.reduce((a, b) => a + b, 0);
    console.log(
      `${name}: n=${runs.length} p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms, mean ${(total / runs.length).toFixed(1)} ms (planning + execution)`,
    );
    const buffers = runs.map((r) => r.buffers).sort((a, b) => a - b);
    console.log(
      `  buffers: p50 ${percentile(buffers, 50)}, p95 ${percentile(buffers, 95)}, max ${buffers[buffers.length - 1]}, mean ${Math.round(buffers.reduce((a, b) => a + b, 0) / runs.length)}`,
    );
    const slowest = [...runs].sort((a, b) => b.ms - a.ms).slice(0, 8);
    console.log(`  slowest: ${slowest.map((r) => `"${r.q}" ${r.ms.toFixed(0)}`).join(', ')}`);
  }
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
