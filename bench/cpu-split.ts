import { readFileSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { Client, saturate } from './load';
import { benchAuth, popularQueries, startApi, stopApi, typingPrefixes } from './search.bench';

/**
 * `ts-node bench/cpu-split.ts <database url> [typing|popular] [seconds]`: saturates the built API
 * (32 connections, 200 agent tokens, default rate limits) against an already seeded database (e.g.
 * kb_bench_10000, left by `BENCH_REUSE_SEED=1 npm run bench`) and splits the machine's CPU per
 * request between the API process, this client and the rest (on a quiet machine: PostgreSQL). The
 * split behind docs/search.md, "Where a miss spends its CPU". `BENCH_CPU_PROFILE=<dir>` adds a V8
 * profile of the API.
 */
async function main(): Promise<void> {
  const [url, workload = 'typing', secondsArg = '15'] = process.argv.slice(2);
  const seconds = Number(secondsArg);
  const port = 43000 + Math.floor(Math.random() * 1000);
  const api = await startApi(url, port, {}, { rateLimits: 'default' });
  const client = new Client(new URL(`http://127.0.0.1:${port}`), 1024);
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    const agents = await Promise.all(Array.from({ length: 200 }, (_, i) => benchAuth(`bench-agent-${i}`, ['agent'])));
    for (const headers of agents) await client.request('/api/search/synonyms', 'GET', undefined, headers);
    // The API loads its candidate index at start, and the first search waits for it: measure after.
    await client.request('/api/search?q=opwarmen', 'GET', undefined, agents[0]);
    const paths = (workload === 'typing' ? typingPrefixes() : popularQueries()).map(
      (q) => `/api/search?q=${encodeURIComponent(q)}&limit=10`,
    );
    if (workload === 'typing') await pg.query('UPDATE search_index_stats SET generation = generation + 1 WHERE id = 1');
    else for (const [i, path] of paths.entries()) await client.request(path, 'GET', undefined, agents[i % agents.length]);

    const before = { api: processTicks(api.pid!), machine: machineTicks(), self: process.cpuUsage() };
    const result = await saturate(client, paths, 32, seconds, 200, (i) => agents[i % agents.length]);
    const self = process.cpuUsage(before.self);
    const cores = {
      api: (processTicks(api.pid!) - before.api) / 100 / seconds,
      client: (self.user + self.system) / 1e6 / seconds,
      machine: (machineTicks() - before.machine) / 100 / seconds,
    };
    const rest = cores.machine - cores.api - cores.client;
    const perRequest = (c: number) => Math.round(((c * 1000) / result.rps) * 100) / 100;
    console.log(
      JSON.stringify(
        {
          workload,
          rps: result.rps,
          latency: result.latency,
          cores: { api: round(cores.api), client: round(cores.client), rest: round(rest), machine: round(cores.machine) },
          cpuMsPerRequest: { api: perRequest(cores.api), rest: perRequest(rest) },
        },
        null,
        2,
      ),
    );
  } finally {
    client.close();
    await pg.end();
    await stopApi(api);
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

/** utime + stime of one process, in clock ticks (1/100 s). */
function processTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy ticks of the whole machine (every core). */
function machineTicks(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
