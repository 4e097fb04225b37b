import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { Client as PgClient } from 'pg';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { FixedClock } from '../src/common/time/clock';
import { loadAppConfig } from '../src/config/app-config';
import { buildDataSourceOptions } from '../src/database/data-source';
import { ReminderDeliveryService } from '../src/stewardship/reminder-delivery.service';
import { ReviewScanService, ScanStats } from '../src/stewardship/review-scan.service';
import { random } from './corpus';

const ROOT = join(__dirname, '..');
const DAY = 86_400_000;
const NOW = new Date('2026-11-23T05:30:00Z'); // 06:30 in Amsterdam, when the scan runs

export interface Phase {
  seconds: number;
  /** process memory while the phase ran (the whole process: the application and the bench) */
  peakRssMb: number;
  peakHeapMb: number;
}

export interface StewardshipBenchResult {
  articles: number;
  editors: number;
  seedSeconds: number;
  baseline: { rssMb: number; heapMb: number };
  /** first scan: every article in a stage today gets its reminder (a backlog, as after a first install) */
  firstScan: Phase & ScanStats;
  /** sending what the first scan recorded, to a webhook on this machine (the pipeline's own speed) */
  firstDelivery: Phase & { sent: number; perSecond: number };
  /** the same day again: nothing new to record */
  rescan: Phase & ScanStats;
  /** the next day: the steady state, one day's stage changes */
  nextDayScan: Phase & ScanStats;
  /** the next day's reminders by e-mail, through a real SMTP server on this machine */
  nextDayDelivery: Phase & { sent: number; perSecond: number };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `work` while sampling the process's memory every 20 ms. */
async function measured<T>(work: () => Promise<T>): Promise<T & Phase> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  const started = performance.now();
  try {
    const result = await work();
    sample();
    return { ...result, seconds: round((performance.now() - started) / 1000), peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap) };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
const round = (n: number) => Math.round(n * 100) / 100;

/** Departments with coordinators, editors (5% gone, 10% on the digest), and `size` live articles whose review dates spread from 30 days ago to 180 ahead. */
async function seed(url: string, size: number): Promise<{ editors: number }> {
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 4 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  const rnd = random(size + 1);
  const departments = JSON.parse(readFileSync(join(ROOT, 'content-fixtures/departments.json'), 'utf8')) as { slug: string; name: string }[];
  const departmentIds: string[] = [];
  for (const d of departments) {
    const [row] = await dataSource.query<[{ id: string }]>(
      `INSERT INTO departments (slug, name, coordinators, row_version) VALUES ($1, $2, $3, 1) RETURNING id`,
      [d.slug, d.name, [`regie-${d.slug}@lindeveen.nl`, `coordinator-${d.slug}@lindeveen.nl`]],
    );
    departmentIds.push(row.id);
  }
  const editors = Math.max(20, Math.round(size / 300));
  const users: { id: string; department: string }[] = [];
  for (let i = 0; i < editors; i++) {
    const [row] = await dataSource.query<[{ id: string }]>(`INSERT INTO users (email, name, active) VALUES ($1, $2, $3) RETURNING id`, [
      `redacteur${i}@lindeveen.nl`,
      `Redacteur ${i}`,
      rnd() > 0.05,
    ]);
    users.push({ id: row.id, department: departmentIds[i % departmentIds.length] });
    if (rnd() < 0.1)
      await dataSource.query(`INSERT INTO stewardship_preferences (user_id, reminder_mail, updated_at) VALUES ($1, 'digest', $2)`, [
        row.id,
        NOW,
      ]);
  }
  const kinds = ['product', 'faq', 'instruction'];
  const BATCH = 2000;
  for (let offset = 0; offset < size; offset += BATCH) {
    const n = Math.min(BATCH, size - offset);
    const rows = Array.from({ length: n }, (_, i) => {
      const owner = users[Math.floor(rnd() * users.length)];
      const due = new Date(NOW.getTime() + Math.floor((rnd() * 210 - 30) * DAY) + Math.floor(rnd() * 10) * 3_600_000);
      return {
        id: randomUUID(),
        kind: kinds[Math.floor(rnd() * 3)],
        slug: `artikel-${offset + i}`,
        title: `Artikel ${offset + i}`,
        department: owner.department,
        owner: rnd() < 0.02 ? null : owner.id,
        due,
      };
    });
    await dataSource.query(
      `INSERT INTO articles (id, kind, slug, status, title, content, content_hash, department_id, owner_id, review_due_at, last_reviewed_at, published_version, latest_version, row_version)
       SELECT id, kind, slug, 'published', title, '{}'::jsonb, 'bench', department_id, owner_id, due, due - interval '180 days', 1, 1, 1
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::timestamptz[]) AS r(id, kind, slug, title, department_id, owner_id, due)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.kind),
        rows.map((r) => r.slug),
        rows.map((r) => r.title),
        rows.map((r) => r.department),
        rows.map((r) => r.owner),
        rows.map((r) => r.due),
      ],
    );
  }
  // Agents' opens, a few articles often and most rarely: one search, many clicks.
  const searchId = randomUUID();
  await dataSource.query(
    `INSERT INTO search_log (id, intent_id, searcher, query, engine, result_count, took_ms, created_at) VALUES ($1, $1, 'bench', 'bench', 'postgres', 10, 1, $2)`,
    [searchId, NOW],
  );
  await dataSource.query(
    `INSERT INTO search_clicks (search_id, intent_id, article_id, department_id, position, created_at)
     SELECT $1, $1, a.id, a.department_id, 1, $2::timestamptz - (g * interval '1 minute')
     FROM (SELECT id, department_id, row_number() OVER (ORDER BY id) AS rank FROM articles) a
     CROSS JOIN LATERAL generate_series(1, GREATEST(1, (200 / a.rank)::int)) g
     WHERE a.rank <= $3`,
    [searchId, NOW, Math.round(size / 2)],
  );
  await dataSource.query('ANALYZE');
  await dataSource.destroy();
  return { editors };
}

/** A webhook receiver (keep-alive HTTP) that counts: the delivery pipeline's own throughput. */
async function countingWebhook(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An SMTP server that accepts and counts, so delivery is measured through a real SMTP conversation.
 * Note: smtp-server waits 100 ms before it greets each connection (early-talker detection), so
 * this measures that server as much as our pipeline.
 */
async function countingSmtp(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?ignoreTLS=true`,
    count: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The daily review scan over `size` live articles and the reminders it triggers: time and memory. */
export async function benchStewardship(adminUrl: string, size: number): Promise<StewardshipBenchResult> {
  const database = `kb_bench_stewardship_${size}`;
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = withDatabase(adminUrl, database);
  const seedStarted = performance.now();
  const { editors } = await seed(url, size);
  const seedSeconds = round((performance.now() - seedStarted) / 1000);
  console.log(`stewardship: seeded ${size} articles in ${seedSeconds} s`);

  const clock = new FixedClock(NOW);
  const start = async (channel: Record<string, string>) =>
    NestFactory.createApplicationContext(
      AppModule.forRoot(
        loadAppConfig({
          NODE_ENV: 'production',
          AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), // production refuses one from the repository
          DATABASE_URL: url,
          KENNISREGISSEUR_EMAIL: 'regie@lindeveen.nl',
          LOG_LEVEL: 'warn',
          ...channel,
        }),
        { clock },
      ),
      { logger: ['error', 'warn'] },
    );
  const deliver = async (app: INestApplicationContext, count: () => number) => {
    const before = count();
    const started = performance.now();
    await app.get(ReminderDeliveryService).drain();
    const sent = count() - before;
    return { sent, perSecond: Math.round(sent / ((performance.now() - started) / 1000)) };
  };

  // Day 1: the backlog, delivered to a webhook (the pipeline's own speed).
  const webhook = await countingWebhook();
  let app = await start({ NOTIFY_WEBHOOK_URL: webhook.url });
  let firstScan: StewardshipBenchResult['firstScan'];
  let firstDelivery: StewardshipBenchResult['firstDelivery'];
  let rescan: StewardshipBenchResult['rescan'];
  const memory = process.memoryUsage();
  const baseline = { rssMb: mb(memory.rss), heapMb: mb(memory.heapUsed) };
  try {
    firstScan = await measured(() => app.get(ReviewScanService).scan());
    console.log(`stewardship: first scan ${firstScan.seconds} s, ${firstScan.reminders} reminders, ${firstScan.deliveries} deliveries`);
    firstDelivery = await measured(() => deliver(app, webhook.count));
    console.log(`stewardship: delivered ${firstDelivery.sent} in ${firstDelivery.seconds} s`);
    rescan = await measured(() => app.get(ReviewScanService).scan());
  } finally {
    await app.close();
    await webhook.close();
  }

  // Day 2: the steady state, by e-mail.
  const smtp = await countingSmtp();
  app = await start({ SMTP_URL: smtp.url });
  try {
    clock.advanceDays(1);
    const nextDayScan = await measured(() => app.get(ReviewScanService).scan());
    const nextDayDelivery = await measured(() => deliver(app, smtp.count));
    console.log(
      `stewardship: next day ${nextDayScan.seconds} s, ${nextDayScan.reminders} reminders, ${nextDayDelivery.sent} mails in ${nextDayDelivery.seconds} s`,
    );
    return { articles: size, editors, seedSeconds, baseline, firstScan, firstDelivery, rescan, nextDayScan, nextDayDelivery };
  } finally {
    await app.close();
    await smtp.close();
  }
}

/** The README's table. */
export function stewardshipTable(results: StewardshipBenchResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.articles.toLocaleString('en')} | ${r.firstScan.seconds} s, ${r.firstScan.reminders.toLocaleString('en')} reminders | ${r.firstDelivery.sent.toLocaleString('en')} in ${r.firstDelivery.seconds} s (${r.firstDelivery.perSecond}/s) | ${r.rescan.seconds} s, ${r.rescan.reminders} new | ${r.nextDayScan.seconds} s, ${r.nextDayScan.reminders.toLocaleString('en')} reminders | ${r.nextDayDelivery.sent.toLocaleString('en')} in ${r.nextDayDelivery.seconds} s | ${r.baseline.rssMb} → ${Math.max(r.firstScan.peakRssMb, r.rescan.peakRssMb, r.nextDayScan.peakRssMb)} MB | ${Math.max(r.firstScan.peakHeapMb, r.rescan.peakHeapMb, r.nextDayScan.peakHeapMb)} MB |`,
  );
  return [
    '| live articles | first scan (backlog) | its delivery (webhook) | same day again | next day: scan | next day: e-mail (SMTP) | RSS baseline → peak | peak heap |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
