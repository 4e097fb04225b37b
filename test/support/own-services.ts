import { ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source';

/*
 * Services private to one test file, for tests that break them on purpose. The rest of the suite
 * shares one PostgreSQL and one Redis (test/setup): never stop or kill those.
 */

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function until(check: () => Promise<boolean> | boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A redis-server of its own that a test can kill and start again on the same port (no persistence).
 * It requires a password of its own: ports are reused, and a client another test file left
 * reconnecting (a worker, a heartbeat) must not write into this one (a "no worker seen" test once
 * saw a stranger's heartbeat).
 */
export class OwnRedis {
  private process?: ChildProcess;
  private readonly password = randomBytes(12).toString('hex');

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://:${this.password}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const binary = spawnSync('sh', ['-c', 'command -v redis-server']).stdout.toString().trim();
    if (!binary) throw new Error('These tests need redis-server on the PATH (apt-get install -y redis-server)');
    const child = spawn(
      binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--requirepass', this.password, '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    this.process = child;
    await new Promise<void>((ready, fail) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) ready();
      });
      child.once('exit', (code) => fail(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    });
  }

  /** SIGKILL: like a crash or a pulled plug; its data is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * An embedded PostgreSQL of its own, migrated, that a test can stop and start again on the same port.
 * The server is managed by a child process (test/support/postgres-child.ts).
 */
export class OwnPostgres {
  private readonly child: ChildProcess;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {
    this.child = fork(resolve(__dirname, 'postgres-child.ts'), [join(dir, 'data'), String(port)], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: 'inherit',
    });
  }

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'kb-own-pg-'));
    chmodSync(dir, 0o755); // the server runs as the postgres user and must reach its data dir
    const pg = new OwnPostgres(dir, await freePort());
    await pg.start();
    const dataSource = new DataSource(buildDataSourceOptions({ url: pg.url, poolSize: 2 }));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    return pg;
  }

  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/kennisbank`;
  }

  /** Starts (again) on the same port and data. */
  start(): Promise<void> {
    return this.command('start');
  }

  /** A fast shutdown, as a restart by the service manager does: open sessions are terminated. */
  stop(): Promise<void> {
    return this.command('stop');
  }

  async destroy(): Promise<void> {
    if (this.child.connected) {
      await this.stop();
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.disconnect();
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private command(command: 'start' | 'stop'): Promise<void> {
    return new Promise((ok, fail) => {
      this.child.once('message', (reply: { ok: boolean; error?: string }) =>
        reply.ok ? ok() : fail(new Error(`PostgreSQL ${command}: ${reply.error}`)),
      );
      this.child.send(command);
    });
  }
}

/** A real entrypoint (src/main.ts, src/worker.ts) as a child process, run by ts-node like `npm run cli`. */
export class EntrypointProcess {
  output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    entry: 'main' | 'worker',
    env: Record<string, string>,
    readonly child: ChildProcess = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', resolve(__dirname, `../../src/${entry}.ts`)],
      {
        cwd: resolve(__dirname, '../..'),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'log', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  ) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (process.env.KB_TEST_LOGS) process.stderr.write(chunk);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  }

  async waitForOutput(pattern: RegExp, ms = 60_000): Promise<void> {
    await until(() => pattern.test(this.output) || this.child.exitCode !== null, ms, `output ${pattern}`);
    if (!pattern.test(this.output)) throw new Error(`exited (${this.child.exitCode}) before ${pattern}:\n${this.output.slice(-3000)}`);
  }

  exit(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }

  /** Cleanup: kills the child if a test left it running. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
