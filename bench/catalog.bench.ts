import { Client, LatencyStats, saturate, stats } from './load';
import { memoryOf, seed, startApi, stopApi } from './search.bench';

export interface CatalogBenchResult {
  products: number;
  /** a website pulling everything: every list page (100 per page), then every product, 8 connections */
  fullPull: { requests: number; seconds: number; rps: number; list: LatencyStats; detail: LatencyStats; megabytes: number };
  /** the same URLs again with If-None-Match: all 304, saturation with 32 connections */
  /** latency.errors counts answers that were not 304 */
  revalidate304: { connections: number; rps: number; latency: LatencyStats };
  /** the change feed read from the start, 100 per page */
  changeFeed: { pages: number; seconds: number };
  apiMemory: { rssMb: number; peakRssMb: number };
}

async function inParallel<T>(items: T[], connections: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export async function benchCatalog(adminUrl: string, size: number, seconds: number): Promise<CatalogBenchResult> {
  console.log(`catalogue @ ${size} public products`);
  const { url } = await seed(adminUrl, size, { publicProductsOnly: true });
  const port = 46000 + Math.floor(Math.random() * 3000);
  const api = await startApi(url, port);
  const client = new Client(new URL(`http://127.0.0.1:${port}`), 32);
  try {
    console.log('  full pull: every list page, then every product (8 connections)');
    const started = performance.now();
    const listMs: number[] = [];
    const slugs: string[] = [];
    const etags = new Map<string, string>();
    let bytes = 0;
    for (let path: string | null = '/api/catalog/products?limit=100'; path;) {
      const res = await client.request(path);
      if (res.status !== 200) throw new Error(`list answered ${res.status}`);
      listMs.push(res.ms);
      bytes += res.body.length;
      etags.set(path, String(res.headers.etag));
      const page = JSON.parse(res.body) as { items: { slug: string }[]; next: string | null };
      slugs.push(...page.items.map((i) => i.slug));
      path = page.next ? new URL(page.next).pathname + new URL(page.next).search : null;
    }
    const detailMs: number[] = [];
    await inParallel(slugs, 8, async (slug) => {
      const path = `/api/catalog/products/${slug}`;
      const res = await client.request(path);
      if (res.status !== 200) throw new Error(`product answered ${res.status}`);
      detailMs.push(res.ms);
      bytes += res.body.length;
      etags.set(path, String(res.headers.etag));
    });
    const pullSeconds = (performance.now() - started) / 1000;
    if (slugs.length !== size) throw new Error(`pulled ${slugs.length} products, expected ${size}`);
    const requests = listMs.length + detailMs.length;
    const fullPull = {
      requests,
      seconds: Math.round(pullSeconds * 100) / 100,
      rps: Math.round(requests / pullSeconds),
      list: stats(listMs, 0),
      detail: stats(detailMs, 0),
      megabytes: Math.round((bytes / 1_048_576) * 10) / 10,
    };
    console.log(
      `    ${requests} requests in ${fullPull.seconds} s (${fullPull.rps} req/s); list p50/p95 ${fullPull.list.p50}/${fullPull.list.p95} ms, product p50/p95 ${fullPull.detail.p50}/${fullPull.detail.p95} ms`,
    );

    console.log(`  revalidation with If-None-Match, 32 connections for ${seconds} s`);
    const paths = [...etags.keys()];
    const revalidating = new Client(new URL(`http://127.0.0.1:${port}`), 32);
    const probe = await revalidating.request(paths[0], 'GET', undefined, { 'If-None-Match': etags.get(paths[0])! });
    if (probe.status !== 304) throw new Error(`revalidation answered ${probe.status}, not 304`);
    const saturation = await saturate(withIfNoneMatch(revalidating, etags), paths, 32, seconds, 304);
    revalidating.close();
    console.log(`    ${saturation.rps} req/s, p50/p95 ${saturation.latency.p50}/${saturation.latency.p95} ms`);

    console.log('  change feed from the start');
    const feedStarted = performance.now();
    let pages = 0;
    for (let since = '', more = true; more; pages++) {
      const res = JSON.parse((await client.request(`/api/catalog/changes?limit=100${since ? `&since=${since}` : ''}`)).body) as {
        since: string;
        hasMore: boolean;
      };
      since = res.since;
      more = res.hasMore;
    }
    const changeFeed = { pages, seconds: Math.round(((performance.now() - feedStarted) / 1000) * 100) / 100 };
    console.log(`    ${pages} pages in ${changeFeed.seconds} s`);

    return {
      products: size,
      fullPull,
      revalidate304: { connections: 32, rps: saturation.rps, latency: saturation.latency },
      changeFeed,
      apiMemory: memoryOf(api.pid!),
    };
  } finally {
    client.close();
    await stopApi(api);
  }
}

/** A client whose every GET revalidates with the ETag it saw for that path. */
function withIfNoneMatch(client: Client, etags: Map<string, string>): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'request') return Reflect.get(target, prop, receiver) as unknown;
      return (path: string) => target.request(path, 'GET', undefined, { 'If-None-Match': etags.get(path) ?? '' });
    },
  });
}

export function catalogTable(r: CatalogBenchResult): string {
  return [
    '| products | full pull (lists + every product, 8 connections) | list page p50 / p95 | product p50 / p95 | 304 revalidation p50 / p95 | 304 saturation | change feed from start |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${r.products.toLocaleString('en')} | ${r.fullPull.requests} requests in ${r.fullPull.seconds} s (${r.fullPull.rps} req/s, ${r.fullPull.megabytes} MB) | ${r.fullPull.list.p50} / ${r.fullPull.list.p95} ms | ${r.fullPull.detail.p50} / ${r.fullPull.detail.p95} ms | ${r.revalidate304.latency.p50} / ${r.revalidate304.latency.p95} ms | ${r.revalidate304.rps} req/s | ${r.changeFeed.pages} pages in ${r.changeFeed.seconds} s |`,
  ].join('\n');
}
