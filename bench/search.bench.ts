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
import { DutchAnalyzer } from '../src/search/dutch/dutch-analyzer';
import { PostgresSearchEngine } from '../src/search/postgres/postgres-search.engine';
import { buildSearchDocument } from '../src/search/search-document.builder';
import { loadFixtures, random, syntheticArticles } from './corpus';
import { Client, LatencyStats, percentile, saturate, stats, steadyRate } from './load';

export interface SearchBenchResult {
  articles: number;
  seedSeconds: number;
  distinctQueries: number;
  /** default configuration: result cache on, every distinct query asked once before (steady state) */
  cached: { steady200: LatencyStats; saturation: { connections: number; rps: number; latency: LatencyStats } };
  /** SEARCH_CACHE_SIZE=0: every request runs the full search */
  uncached: { singleClient: LatencyStats; saturation: { connections: number; rps: number; latency: LatencyStats } };
  /** the same agent queries, one client, uncached, against a naive ILIKE over title, summary and body */
  baseline: { kennisbankP50: number; ilikeP50: number; ilikeToKennisbank: number };
  indexLag: { samples: number; p50: number; p95: number; max: number };
  apiMemory: { rssMb: number; peakRssMb: number };
}

const ROOT = join(__dirname, '..');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Agent queries: whole queries from the relevance set and the prefixes typed on the way to them. */
export function agentQueries(): string[] {
  const cases = JSON.parse(readFileSync(join(ROOT, 'test/relevance/queries.json'), 'utf8')) as { q: string }[];
  const rnd = random(7);
  const out: string[] = [];
  for (const { q } of cases) {
    out.push(`${q} `);
    if (q.length > 6) out.push(q.slice(0, 3 + Math.floor(rnd() * (q.length - 4))));
  }
  return out.sort(() => rnd() - 0.5);
}

/** `size` synthetic articles (or only public products), published, indexed, with an approval event each. */
export async function seed(
  adminUrl: string,
  size: number,
  options: { publicProductsOnly?: boolean } = {},
): Promise<{ url: string; seconds: number }> {
  const started = performance.now();
  const database = `kb_bench_${options.publicProductsOnly ? 'products_' : ''}${size}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
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
    const [row] = await dataSource.query(`INSERT INTO departments (slug, name, row_version) VALUES ($1, $2, 1) RETURNING id`, [
      d.slug,
      d.name,
    ]);
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

export async function startApi(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    env: {
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
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const client = new Client(new URL(`http://127.0.0.1:${port}`), 1);
  for (let i = 0; i < 300; i++) {
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

async function indexLag(client: Client, samples: number): Promise<SearchBenchResult['indexLag']> {
  const lags: number[] = [];
  const editor = await benchAuth('bench-editor', ['editor']);
  const coordinator = await benchAuth('bench-coordinator', ['coordinator']);
  for (let i = 0; i < samples; i++) {
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
    const id = JSON.parse(created.body).id as string;
    await client.request(`/api/articles/${id}/submit`, 'POST', undefined, editor);
    const approved = await client.request(`/api/articles/${id}/approve`, 'POST', undefined, coordinator);
    if (approved.status !== 200) throw new Error(`approve answered ${approved.status}: ${approved.body}`);
    const published = performance.now();
    for (;;) {
      const res = await client.request(`/api/search?q=${word}`);
      if (JSON.parse(res.body).total > 0) break;
      if (performance.now() - published > 30_000) throw new Error('article never became searchable');
      await new Promise((r) => setTimeout(r, 5));
    }
    lags.push(performance.now() - published);
  }
  const sorted = lags.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n);
  return { samples, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1]) };
}

export async function stopApi(api: ChildProcess): Promise<void> {
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
}

export async function benchSearch(adminUrl: string, size: number, seconds: number): Promise<SearchBenchResult> {
  console.log(`search @ ${size} articles`);
  const { url, seconds: seedSeconds } = await seed(adminUrl, size);
  const queries = agentQueries();
  const paths = queries.map((q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`);
  const saturationSeconds = Math.max(5, Math.round(seconds / 2));

  // Uncached: every request is a full search.
  let port = 41000 + Math.floor(Math.random() * 5000);
  let api = await startApi(url, port, { SEARCH_CACHE_SIZE: '0' });
  const agent = await benchAuth('bench-agent', ['agent']);
  let client = new Client(new URL(`http://127.0.0.1:${port}`), 32, agent);
  let uncached: SearchBenchResult['uncached'];
  let baseline: SearchBenchResult['baseline'];
  try {
    console.log('  uncached: warming up, then one client through every distinct query');
    await saturate(client, paths.slice(0, 50), 4, 2);
    const ours: number[] = [];
    for (const path of paths) ours.push((await client.request(path)).ms);
    const singleClient = stats(ours, 0);
    console.log(`    p50 ${singleClient.p50} ms, p95 ${singleClient.p95} ms`);
    console.log(`  uncached saturation, 32 connections for ${saturationSeconds} s`);
    const saturation = await saturate(client, paths, 32, saturationSeconds);
    console.log(`    ${saturation.rps} req/s`);
    uncached = { singleClient, saturation: { connections: 32, ...saturation } };

    console.log('  naive ILIKE baseline');
    const pg = new PgClient({ connectionString: url });
    await pg.connect();
    const naive: number[] = [];
    for (const q of queries.slice(0, 100)) {
      const started = performance.now();
      await pg.query(
        `SELECT article_id, title FROM search_documents WHERE title ILIKE $1 OR summary ILIKE $1 OR body_text ILIKE $1 ORDER BY title LIMIT 10`,
        [`%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
      );
      naive.push(performance.now() - started);
    }
    await pg.end();
    const ilikeP50 = stats(naive, 0).p50;
    baseline = { kennisbankP50: singleClient.p50, ilikeP50, ilikeToKennisbank: Math.round((ilikeP50 / singleClient.p50) * 10) / 10 };
  } finally {
    client.close();
    await stopApi(api);
  }

  // Default configuration (result cache on), in steady state: each distinct query asked once before.
  port += 1;
  api = await startApi(url, port);
  client = new Client(new URL(`http://127.0.0.1:${port}`), 32, agent);
  try {
    console.log('  cached: every distinct query once, then a steady 200 req/s from 32 connections');
    for (const path of paths) await client.request(path);
    const steady200 = await steadyRate(client, paths, 200, seconds);
    console.log(`    p50 ${steady200.p50} ms, p95 ${steady200.p95} ms, p99 ${steady200.p99} ms, errors ${steady200.errors}`);
    console.log(`  cached saturation, 32 connections for ${saturationSeconds} s`);
    const saturation = await saturate(client, paths, 32, saturationSeconds);
    console.log(`    ${saturation.rps} req/s`);
    console.log('  index lag (publish → searchable)');
    const lag = await indexLag(client, 20);
    console.log(`    p50 ${lag.p50} ms, p95 ${lag.p95} ms`);
    return {
      articles: size,
      seedSeconds,
      distinctQueries: paths.length,
      cached: { steady200, saturation: { connections: 32, ...saturation } },
      uncached,
      baseline,
      indexLag: lag,
      apiMemory: memoryOf(api.pid!),
    };
  } finally {
    client.close();
    await stopApi(api);
  }
}
