import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { ArticleContent, contentHash, emptyContent } from '../src/articles/article-content';
import { MarkdownRenderer } from '../src/articles/markdown/markdown-renderer';
import type { LiveArticle } from '../src/articles/published-articles.service';
import { mintLocalToken } from '../src/auth/local-token';
import type { Role } from '../src/common/request-context/actor';
import { slugify } from '../src/common/http/slug';
import { buildDataSourceOptions } from '../src/database/data-source';
import { DutchAnalyzer, normalizeText } from '../src/search/dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../src/search/postgres/postgres-search.engine';
import { buildSearchDocument } from '../src/search/search-document.builder';
import { loadFixtures, random, syntheticArticles } from './corpus';
import { Client, LatencyStats, percentile, saturate, stats, steadyRate } from './load';

export interface Saturation {
  connections: number;
  seconds: number;
  rps: number;
  latency: LatencyStats;
}

export interface WorkloadResult {
  /** open loop at a fixed offered rate: latency from when each request was due */
  offered: { rps: number; seconds: number; latency: LatencyStats };
  /** closed loop, `connections` flat out */
  saturation: Saturation;
}

export interface SearchBenchResult {
  articles: number;
  seedSeconds: number;
  /** simulated agents, one signed token each, requests spread round-robin (default rate limits apply per agent) */
  agents: number;
  indexing: 'in-process' | 'worker';
  /** every prefix (>= 2 characters) of bench/queries/typing.json, shuffled, each asked once per phase; the cache cannot carry them */
  typing: WorkloadResult & { distinctRequests: number };
  /** bench/queries/popular.json, asked once each first (cache warm) */
  popular: WorkloadResult;
  /** the popular workload again while an editor publishes an article every second (each publish invalidates the result cache) */
  popularWhilePublishing: WorkloadResult;
  /** publish (approve answered) → found by search, while publishing once per second */
  indexLag: { samples: number; p50: number; p95: number; max: number };
  /** the same typing prefixes, one at a time: ours over HTTP (uncached) against two naive SQL searches on the same data */
  baselines: {
    sample: number;
    oursP50Ms: number;
    ilikeP50Ms: number;
    allWordsTsqueryP50Ms: number;
    ilikeToOurs: number;
    allWordsToOurs: number;
  };
  /** answers other than 2xx over the whole run: any fails the bench */
  non2xx: number;
  apiMemory: { rssMb: number; peakRssMb: number };
}

const ROOT = join(__dirname, '..');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Every prefix of at least 2 characters (the werkplek's minimum) of the typing queries, distinct, shuffled. */
export function typingPrefixes(seed = 7): string[] {
  const queries = JSON.parse(readFileSync(join(ROOT, 'bench/queries/typing.json'), 'utf8')) as string[];
  const prefixes = new Set<string>();
  for (const q of queries) for (let n = 2; n <= q.length; n++) if (q[n - 1] !== ' ') prefixes.add(q.slice(0, n));
  return shuffle([...prefixes], seed);
}

export function popularQueries(): string[] {
  return JSON.parse(readFileSync(join(ROOT, 'bench/queries/popular.json'), 'utf8')) as string[];
}

function shuffle<T>(items: T[], seed: number): T[] {
  const rnd = random(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `size` synthetic articles (or only public products), published, indexed, with an approval event each. */
export async function seed(
  adminUrl: string,
  size: number,
  options: { publicProductsOnly?: boolean; reuse?: boolean } = {},
): Promise<{ url: string; seconds: number }> {
  const started = performance.now();
  const database = `kb_bench_${options.publicProductsOnly ? 'products_' : ''}${size}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  if (options.reuse && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount) {
    // BENCH_REUSE_SEED=1: the corpus is deterministic; only the schema may have moved on.
    await admin.end();
    const url = withDatabase(adminUrl, database);
    const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('DELETE FROM article_outbox');
    const [{ n }] = await dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM search_documents');
    await dataSource.query('VACUUM ANALYZE');
    await dataSource.destroy();
    if (n >= size) return { url, seconds: 0 };
    throw new Error(`${database} holds ${n} documents, not ${size}: run without BENCH_REUSE_SEED`);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = withDatabase(adminUrl, database);
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 4 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });

  const departments = JSON.parse(readFileSync(join(ROOT, 'content-fixtures/departments.json'), 'utf8')) as { slug: string; name: string }[];
  const departmentIds = new Map<string, string>();
  for (const d of departments) {
    const [row] = await dataSource.query<[{ id: string }]>(
      `INSERT INTO departments (slug, name, row_version) VALUES ($1, $2, 1) RETURNING id`,
      [d.slug, d.name],
    );
    departmentIds.set(d.slug, row.id);
  }
  const renderer = new MarkdownRenderer();
  const analyzer = new DutchAnalyzer();
  const engine = new PostgresSearchEngine(dataSource);
  const rnd = random(size);
  const articles = syntheticArticles(loadFixtures(ROOT), size).map((s) =>
    options.publicProductsOnly ? { ...s, kind: 'product' as const, audience: 'public' as const } : s,
  );
  const BATCH = 1000;
  for (let offset = 0; offset < articles.length; offset += BATCH) {
    const rows = articles.slice(offset, offset + BATCH).map((s, i) => {
      const content: ArticleContent = {
        ...emptyContent(s.kind),
        title: s.title,
        summary: s.summary,
        audience: s.audience,
        themes: s.themes,
        synonyms: s.synonyms,
        ...(s.kind === 'product'
          ? { sections: { inleiding: s.markdown } }
          : s.kind === 'faq'
            ? { question: s.question, answer: s.markdown }
            : { body: s.markdown }),
      };
      const rendered = renderer.renderContent(s.kind, content);
      const id = randomUUID();
      const department = { id: departmentIds.get(s.department)!, slug: s.department, name: s.department };
      const reviewDueAt = new Date(Date.now() + (rnd() * 400 - 60) * 86_400_000);
      return { id, s, content, rendered, department, reviewDueAt, slug: `${slugify(s.title)}-${offset + i}` };
    });
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO articles (id, kind, slug, status, title, content, content_hash, department_id, review_due_at, published_version, latest_version, row_version)
         SELECT r.id, r.kind, r.slug, 'published', r.title, r.content, r.hash, r.department_id, r.review_due_at, 1, 1, 1
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, slug text, title text, content jsonb, hash text, department_id uuid, review_due_at timestamptz)`,
        [
          JSON.stringify(
            rows.map((r) => ({
              id: r.id,
              kind: r.s.kind,
              slug: r.slug,
              title: r.s.title,
              content: r.content,
              hash: contentHash(r.content),
              department_id: r.department.id,
              review_due_at: r.reviewDueAt,
            })),
          ),
        ],
      );
      await manager.query(
        `INSERT INTO article_versions (article_id, number, content, rendered, plain_text, content_hash, reason)
         SELECT r.article_id, 1, r.content, r.rendered, r.plain_text, r.hash, 'bench'
         FROM jsonb_to_recordset($1::jsonb) AS r(article_id uuid, content jsonb, rendered jsonb, plain_text text, hash text)`,
        [
          JSON.stringify(
            rows.map((r) => ({
              article_id: r.id,
              content: r.content,
              rendered: r.rendered,
              plain_text: renderer.publicText(r.content, r.rendered),
              hash: contentHash(r.content),
            })),
          ),
        ],
      );
      await manager.query(
        `INSERT INTO article_events (article_id, action, to_status, version) SELECT unnest($1::uuid[]), 'approve', 'published', 1`,
        [rows.map((r) => r.id)],
      );
      const documents = rows.map((r) =>
        buildSearchDocument(
          {
            article: { id: r.id, slug: r.slug, kind: r.s.kind, reviewDueAt: r.reviewDueAt, department: r.department },
            version: { number: 1, content: r.content, rendered: r.rendered, createdAt: new Date() },
          } as unknown as LiveArticle,
          analyzer,
        ),
      );
      await engine.write(manager, documents, []);
    });
    process.stdout.write(`\r  seeded ${Math.min(offset + BATCH, size)}/${size}`);
  }
  process.stdout.write('\n');
  await engine.refreshStatistics();
  await dataSource.query('VACUUM ANALYZE');
  await dataSource.destroy();
  return { url, seconds: Math.round((performance.now() - started) / 1000) };
}

// The API runs as in production (authentication required); the bench signs its own local tokens.
// Random per run: production refuses a secret that is written in the repository.
const BENCH_SECRET = randomBytes(32).toString('base64url');

/** Authorization header for a bench user with `roles` (editors in burgerzaken). */
export async function benchAuth(sub: string, roles: Role[]): Promise<Record<string, string>> {
  const token = await mintLocalToken(BENCH_SECRET, { sub, roles, departments: ['burgerzaken'], email: `${sub}@bench.local`, name: sub });
  return { Authorization: `Bearer ${token}` };
}

/**
 * The built API as deployed (production mode). Rate limits are off unless `rateLimits: 'default'`
 * (the search bench: one token per simulated agent, each within the default staff limit).
 */
export async function startApi(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
  options: { rateLimits?: 'off' | 'default' } = {},
): Promise<ChildProcess> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOAD_FIXTURES: 'false',
    LOG_LEVEL: 'warn',
    SWAGGER_ENABLED: 'false',
    NODE_ENV: 'production',
    REDIS_URL: '',
    RATE_LIMIT_STAFF: '0',
    RATE_LIMIT_ANONYMOUS: '0',
    AUTH_JWT_SECRET: BENCH_SECRET,
    ...env,
  };
  if (options.rateLimits === 'default') for (const key of Object.keys(childEnv)) if (key.startsWith('RATE_LIMIT_')) delete childEnv[key];
  // BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of the API, written when it stops (see docs/search.md).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'dist/src/main.js')], {
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const client = new Client(new URL(`http://127.0.0.1:${port}`), 1);
  // Up to 2 minutes: on a busy machine the API starts slowly.
  for (let i = 0; i < 1200; i++) {
    const ok = await client.request('/health').then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      client.close();
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('API did not start');
}

export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

export async function stopApi(api: ChildProcess): Promise<void> {
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
}

/** Bench knobs (env): sizes and durations keep the default run well under 15 minutes. */
export function searchBenchSettings() {
  const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  return {
    agents: num('BENCH_AGENTS', 200),
    rate: num('BENCH_RATE', 200),
    /** typing's offered rate at 100,000 articles and more: issue 11's target there is 100 req/s */
    typingRateLarge: num('BENCH_TYPING_RATE_LARGE', 100),
    connections: num('BENCH_CONNECTIONS', 32),
    saturationSeconds: num('BENCH_SATURATION_SECONDS', 10),
    baselineSample: num('BENCH_BASELINE_SAMPLE', 200),
    reuseSeed: process.env.BENCH_REUSE_SEED === '1',
    redisUrl: process.env.BENCH_REDIS_URL ?? '',
  };
}

/**
 * One size: seed, start the built API (and a worker when BENCH_REDIS_URL is set) with default rate
 * limits, then the phases below. Before each uncached phase the index generation is moved on, so no
 * answer of an earlier phase is served from the cache.
 */
export async function benchSearch(adminUrl: string, size: number, seconds: number): Promise<SearchBenchResult> {
  const settings = searchBenchSettings();
  console.log(`search @ ${size} articles (${settings.agents} agents, ${settings.rate} req/s offered, ${seconds} s per phase)`);
  const { url, seconds: seedSeconds } = await seed(adminUrl, size, { reuse: settings.reuseSeed });
  const prefixes = typingPrefixes();
  const popular = popularQueries();
  const searchPath = (q: string) => `/api/search?q=${encodeURIComponent(q)}&limit=10`;
  const agents = await Promise.all(Array.from({ length: settings.agents }, (_, i) => benchAuth(`bench-agent-${i}`, ['agent'])));
  const agentHeaders = (i: number) => agents[i % agents.length];
  let non2xx = 0;
  const count = <T extends { latency?: LatencyStats; errors?: number }>(r: T): T => {
    non2xx += r.latency?.errors ?? r.errors ?? 0;
    return r;
  };

  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  const invalidateCache = () => pg.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');

  const port = 41000 + Math.floor(Math.random() * 5000);
  const env: Record<string, string> = settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {};
  const api = await startApi(url, port, env, { rateLimits: 'default' });
  const worker = settings.redisUrl ? startWorker(url, settings.redisUrl) : null;
  // Enough sockets that the open loop never queues in the client (latency is counted from when a request was due).
  const client = new Client(new URL(`http://127.0.0.1:${port}`), 1024);
  try {
    // Each agent signs in once, one after another (as a shift starts), before the load.
    for (const headers of agents) {
      const res = await client.request('/api/search/synonyms', 'GET', undefined, headers);
      if (res.status !== 200) non2xx++;
    }

    console.log(`  baselines: ${settings.baselineSample} typing prefixes, one at a time`);
    await invalidateCache();
    const sample = prefixes.slice(0, settings.baselineSample);
    const baselines = await measureBaselines(client, pg, sample, searchPath, agentHeaders);
    non2xx += baselines.errors;
    console.log(
      `    ours ${baselines.result.oursP50Ms} ms, ILIKE ×${baselines.result.ilikeToOurs}, all-words ×${baselines.result.allWordsToOurs}`,
    );

    const typingPaths = prefixes.slice(settings.baselineSample).map(searchPath);
    const typingSettings = size >= 100_000 ? { ...settings, rate: settings.typingRateLarge } : settings;
    const typing = await workload('typing', client, typingPaths, typingSettings, seconds, agentHeaders, invalidateCache, count);

    const popularPaths = popular.map(searchPath);
    const warm = async () => {
      for (const [i, path] of popularPaths.entries())
        if ((await client.request(path, 'GET', undefined, agentHeaders(i))).status !== 200) non2xx++;
    };
    await warm();
    const popularResult = await workload('popular', client, popularPaths, settings, seconds, agentHeaders, warm, count);

    console.log('  popular while an editor publishes once per second');
    const publisher = startPublisher(client);
    let whilePublishing: WorkloadResult;
    try {
      whilePublishing = await workload('popular+publish', client, popularPaths, settings, seconds, agentHeaders, warm, count);
    } finally {
      await publisher.stop();
    }
    non2xx += publisher.errors();
    const lag = publisher.lag();
    console.log(`    index lag p50 ${lag.p50} ms, p95 ${lag.p95} ms (${lag.samples} publishes)`);

    return {
      articles: size,
      seedSeconds,
      agents: settings.agents,
      indexing: worker ? 'worker' : 'in-process',
      typing: { distinctRequests: prefixes.length, ...typing },
      popular: popularResult,
      popularWhilePublishing: whilePublishing,
      indexLag: lag,
      baselines: baselines.result,
      non2xx,
      apiMemory: memoryOf(api.pid!),
    };
  } finally {
    client.close();
    await pg.end();
    await stopApi(api);
    if (worker) await stopApi(worker);
  }
}

async function workload(
  name: string,
  client: Client,
  paths: string[],
  settings: ReturnType<typeof searchBenchSettings>,
  seconds: number,
  headersFor: (i: number) => Record<string, string>,
  before: () => Promise<unknown>,
  count: <T extends { latency?: LatencyStats; errors?: number }>(r: T) => T,
): Promise<WorkloadResult> {
  console.log(`  ${name}: ${settings.rate} req/s for ${seconds} s`);
  await before();
  const latency = count(await steadyRate(client, paths, settings.rate, seconds, headersFor));
  console.log(`    p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, non-2xx ${latency.errors}`);
  console.log(`  ${name}: saturation, ${settings.connections} connections for ${settings.saturationSeconds} s`);
  await before();
  // Continues where the fixed-rate phase stopped, so typing prefixes are not asked twice.
  const offset = Math.min(paths.length - 1, settings.rate * seconds);
  const rotated = [...paths.slice(offset), ...paths.slice(0, offset)];
  const saturation = count(await saturate(client, rotated, settings.connections, settings.saturationSeconds, 200, headersFor));
  console.log(`    ${saturation.rps} req/s, p95 ${saturation.latency.p95} ms, non-2xx ${saturation.latency.errors}`);
  return {
    offered: { rps: settings.rate, seconds, latency },
    saturation: { connections: settings.connections, seconds: settings.saturationSeconds, ...saturation },
  };
}

async function measureBaselines(
  client: Client,
  pg: PgClient,
  sample: string[],
  searchPath: (q: string) => string,
  headersFor: (i: number) => Record<string, string>,
): Promise<{ result: SearchBenchResult['baselines']; errors: number }> {
  const analyzer = new DutchAnalyzer();
  const ours: number[] = [];
  const ilike: number[] = [];
  const allWords: number[] = [];
  let errors = 0;
  for (const [i, q] of sample.entries()) {
    const res = await client.request(searchPath(q), 'GET', undefined, headersFor(i));
    if (res.status !== 200) errors++;
    ours.push(res.ms);
    let started = performance.now();
    await pg.query(
      `SELECT article_id, title FROM search_documents WHERE title ILIKE $1 OR summary ILIKE $1 OR body_text ILIKE $1 ORDER BY title LIMIT 10`,
      [`%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
    );
    ilike.push(performance.now() - started);
    // Every word must match (analysed like ours; the unfinished last word as a prefix), ranked by ts_rank.
    const keys = analyzer
      .tokens(normalizeText(q))
      .map((t) => t.key)
      .filter((k) => /^[a-z0-9]+$/.test(k));
    started = performance.now();
    if (keys.length) {
      const text = keys.map((k, j) => (j === keys.length - 1 && !q.endsWith(' ') ? `${k}:*` : k)).join(' & ');
      await pg.query(
        `SELECT article_id, title, count(*) OVER () AS total FROM search_documents, to_tsquery('simple', $1) q
         WHERE vector @@ q ORDER BY ts_rank(vector, q) DESC, title LIMIT 10`,
        [text],
      );
    }
    allWords.push(performance.now() - started);
  }
  const p50 = (xs: number[]) => stats(xs, 0).p50;
  const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
  return {
    errors,
    result: {
      sample: sample.length,
      oursP50Ms: p50(ours),
      ilikeP50Ms: p50(ilike),
      allWordsTsqueryP50Ms: p50(allWords),
      ilikeToOurs: ratio(p50(ilike), p50(ours)),
      allWordsToOurs: ratio(p50(allWords), p50(ours)),
    },
  };
}

/** An editor publishes an article once per second; each is polled for by search until found. */
function startPublisher(client: Client) {
  const lags: number[] = [];
  let errors = 0;
  let stopped = false;
  const polls: Promise<void>[] = [];
  const run = (async () => {
    const editor = await benchAuth('bench-editor', ['editor']);
    const coordinator = await benchAuth('bench-coordinator', ['coordinator']);
    const reader = await benchAuth('bench-lag-agent', ['agent']);
    while (!stopped) {
      const tick = performance.now();
      const word = `benchlag${randomUUID()
        .replace(/[^a-z]/g, '')
        .slice(0, 8)}`;
      const created = await client.request(
        '/api/articles',
        'POST',
        {
          kind: 'product',
          title: `Lagmeting ${word}`,
          department: 'burgerzaken',
          summary: 'Meting van de indexvertraging.',
          sections: { inleiding: `Tekst met ${word}.` },
        },
        editor,
      );
      if (created.status !== 201) {
        errors++;
        continue;
      }
      const id = (JSON.parse(created.body) as { id: string }).id;
      const submitted = await client.request(`/api/articles/${id}/submit`, 'POST', undefined, editor);
      const approved = await client.request(`/api/articles/${id}/approve`, 'POST', undefined, coordinator);
      if (submitted.status !== 200 || approved.status !== 200) {
        errors++;
        continue;
      }
      const published = performance.now();
      polls.push(
        (async () => {
          for (;;) {
            const res = await client.request(`/api/search?q=${word}`, 'GET', undefined, reader);
            if (res.status !== 200) errors++;
            else if ((JSON.parse(res.body) as { total: number }).total > 0) break;
            if (performance.now() - published > 30_000) {
              errors++;
              return;
            }
            await new Promise((r) => setTimeout(r, 100));
          }
          lags.push(performance.now() - published);
        })(),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - tick))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await run;
      await Promise.all(polls);
    },
    errors: () => errors,
    lag: () => {
      const sorted = [...lags].sort((a, b) => a - b);
      return {
        samples: sorted.length,
        p50: Math.round(percentile(sorted, 50)),
        p95: Math.round(percentile(sorted, 95)),
        max: Math.round(sorted[sorted.length - 1] ?? 0),
      };
    },
  };
}

function startWorker(databaseUrl: string, redisUrl: string): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist/src/worker.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: BENCH_SECRET,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
