import http from 'node:http';

export interface LatencyStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function stats(latencies: number[], errors: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length + errors,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
  };
}

/** A keep-alive client with a fixed number of sockets, timing each request in ms. */
export class Client {
  private readonly agent: http.Agent;

  constructor(
    private readonly base: URL,
    connections: number,
    private readonly headers: Record<string, string> = {},
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  request(
    path: string,
    method = 'GET',
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; ms: number; body: string; headers: http.IncomingHttpHeaders }> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...headers,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - started,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as it was reused (Node's documented race):
        // the request never reached it, so asking again is safe.
        if (req.reusedSocket && error.code === 'ECONNRESET') this.request(path, method, body, headers).then(resolve, reject);
        else reject(error);
      });
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Open loop: `rate` requests per second for `seconds`, whatever the latency (no coordinated omission). */
export async function steadyRate(
  client: Client,
  paths: string[],
  rate: number,
  seconds: number,
  headersFor: (i: number) => Record<string, string> = () => ({}),
): Promise<LatencyStats> {
  const latencies: number[] = [];
  const timeline: [number, number, number, number][] = [];
  let errors = 0;
  const total = rate * seconds;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const scheduled = due;
    pending.push(
      client.request(paths[i % paths.length], 'GET', undefined, headersFor(i)).then(
        (res) => {
          // Latency from the moment the request was due, so a stalled server cannot hide queueing.
          if (process.env.BENCH_DEBUG)
            timeline.push([
              Math.floor((scheduled - started) / 1000),
              performance.now() - scheduled,
              res.ms,
              (JSON.parse(res.body) as { tookMs: number }).tookMs,
            ]);
          if (res.status === 200) latencies.push(performance.now() - scheduled);
          else errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  if (process.env.BENCH_DEBUG) {
    for (let second = 0; second < seconds; second++) {
      const rows = timeline.filter(([s]) => s === second);
      console.log(
        `    second ${second}: due→done p95 ${
          stats(
            rows.map((r) => r[1]),
            0,
          ).p95
        }, sent→done p95 ${
          stats(
            rows.map((r) => r[2]),
            0,
          ).p95
        }, server p95 ${
          stats(
            rows.map((r) => r[3]),
            0,
          ).p95
        }`,
      );
    }
  }
  return stats(latencies, errors);
}

/** Closed loop: `connections` clients back to back for `seconds`; returns requests per second. */
export async function saturate(
  client: Client,
  paths: string[],
  connections: number,
  seconds: number,
  okStatus = 200,
  headersFor: (i: number) => Record<string, string> = () => ({}),
): Promise<{ rps: number; latency: LatencyStats }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const i = next++;
        const res = await client.request(paths[i % paths.length], 'GET', undefined, headersFor(i)).catch(() => null);
        if (res?.status === okStatus) latencies.push(res.ms);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { rps: Math.round(latencies.length / elapsed), latency: stats(latencies, errors) };
}
