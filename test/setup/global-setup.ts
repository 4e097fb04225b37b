import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { TEMPLATE_DATABASE, TEST_STATE_FILE, TestState } from './test-state';

/**
 * Starts (or connects to) the real services the suite needs, once:
 * - PostgreSQL: TEST_DATABASE_URL (an admin connection; CI starts a cluster) or an embedded server.
 * - Redis: TEST_REDIS_URL or a `redis-server` from PATH on a spare port.
 * Then migrates a template database that each test file copies (CREATE DATABASE ... TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  const state: TestState = { adminUrl: '', redisUrl: '', cleanup: [] };

  if (process.env.TEST_DATABASE_URL) {
    state.adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'kb-test-pg-'));
    chmodSync(dir, 0o755); // the server runs as the postgres user and must reach its data dir
    const pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'data'),
      port: 55000 + Math.floor(Math.random() * 4000),
      database: 'postgres',
      persistent: false,
    });
    state.adminUrl = pg.adminUrl;
    (globalThis as { __KB_PG__?: unknown }).__KB_PG__ = pg;
  }

  state.redisUrl = process.env.TEST_REDIS_URL ?? (await startRedis(state));

  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabase(state.adminUrl, TEMPLATE_DATABASE);
  const dataSource = new DataSource(buildDataSourceOptions({ url: templateUrl, poolSize: 2 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  writeFileSync(TEST_STATE_FILE, JSON.stringify(state));
  process.env.KB_TEST_ADMIN_URL = state.adminUrl;
  process.env.KB_TEST_REDIS_URL = state.redisUrl;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** redis-server from PATH; on a fresh Debian machine as root, installed from Debian's packages first. */
function findOrInstallRedis(): string {
  const find = () => spawnSync('sh', ['-c', 'command -v redis-server']).stdout.toString().trim();
  if (find()) return find();
  if (process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
    console.log('\nredis-server not found: installing it (apt-get install -y redis-server) for the queue tests');
    spawnSync(
      'sh',
      [
        '-c',
        'apt-get install -y -qq redis-server >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null)',
      ],
      {
        stdio: 'inherit',
      },
    );
  }
  const binary = find();
  if (!binary) throw new Error('The tests need Redis: install redis-server (apt-get install -y redis-server) or set TEST_REDIS_URL');
  return binary;
}

async function startRedis(state: TestState): Promise<string> {
  const binary = findOrInstallRedis();
  const port = 46000 + Math.floor(Math.random() * 4000);
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
    detached: false,
  });
  child.unref();
  state.cleanup.push({ pid: child.pid! });
  await new Promise((r) => setTimeout(r, 150));
  return `redis://127.0.0.1:${port}`;
}
