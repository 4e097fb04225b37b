import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Logger as Pino } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/config/app-config';
import { FixedClock } from '../../src/common/time/clock';
import { createHttpApp } from '../../src/http-app';
import { TEMPLATE_DATABASE } from './test-state';

export interface TestApp {
  app: INestApplication;
  http: TestAgent;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.KB_TEST_ADMIN_URL;
  if (!url) throw new Error('KB_TEST_ADMIN_URL missing: run the tests through jest (global setup)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh database copied from the migrated template (fast), private to the calling test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The real HTTP application on its own database, with a clock the test controls. */
export async function createTestApp(
  env: Record<string, string> = {},
  now = new Date('2026-11-23T09:00:00Z'),
  options: { logger?: Pino } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const t = await createTestAppOn(database.url, env, new FixedClock(now), options);
  return {
    ...t,
    close: async () => {
      await t.close();
      await database.drop();
    },
  };
}

/** Another application instance on an existing database (a second replica, a restart); closing leaves the database. */
export async function createTestAppOn(
  databaseUrl: string,
  env: Record<string, string>,
  clock: FixedClock,
  options: { logger?: Pino } = {},
): Promise<TestApp> {
  // Rate limits are off unless a test turns them on: tests fire many requests on a clock that stands still.
  const config = loadAppConfig({
    NODE_ENV: 'test',
    SWAGGER_ENABLED: 'true',
    LOG_LEVEL: 'error',
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_STAFF: '0',
    RATE_LIMIT_AUTH_FAILURES: '0',
    ...env,
    DATABASE_URL: databaseUrl,
  });
  const app = await createHttpApp(config, { logger: options.logger ?? (process.env.KB_TEST_LOGS ? undefined : false), clock });
  await app.init();
  return { app, http: request(app.getHttpServer()), dataSource: app.get(DataSource), clock, close: () => app.close() };
}
