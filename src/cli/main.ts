import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { ArticleImportService, ImportReport } from '../articles/import/article-import.service';
import { FixtureLoader } from '../articles/import/fixture-loader';
import { mintLocalToken } from '../auth/local-token';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../auth/token-verifier';
import { ValidationFailedError } from '../common/errors/domain-error';
import { ROLES, Role } from '../common/request-context/actor';
import { requestContext } from '../common/request-context/request-context';
import { InvalidConfigurationError } from '../config/env.schema';
import { loadAppConfig } from '../config/app-config';
import { completeEnvFile, freshSecrets } from '../config/generated-env';
import { withDatabase } from '../database/database-bootstrap';
import { runMigrationsExclusively } from '../database/migrate';
import { ContentGapAggregator } from '../content-gaps/content-gap-aggregator.service';
import { NationalFeedService } from '../national-content/national-feed.service';
import { SourceChangeNotifier } from '../national-content/source-change.notifier';
import { SearchIndexer } from '../search/indexing/search-indexer';
import { StewardshipProcessor } from '../stewardship/jobs/stewardship.processor';
import { StewardshipJob } from '../stewardship/jobs/stewardship-jobs';
import { ReviewLevelingService } from '../stewardship/review-leveling.service';
import type { DrainStats } from '../stewardship/reminder-delivery.service';
import type { ScanStats } from '../stewardship/review-scan.service';
import { UsersService } from '../users/users.service';

export const USAGE = `Usage: npm run cli -- <command>
  import FILE [--as EMAIL]   import a JSON array of articles (content-fixtures shape)
  fixtures                   load content-fixtures/ (idempotent)
  reindex                    rebuild the search index(es) from the published articles
  content-gaps               turn the failed searches of the last CONTENT_GAPS_WINDOW_DAYS into content gaps
  national-content FILE      take in a national content feed (JSON array of { uri, title, body, version, changedAt })
  token --sub ID --role ROLE [--role ROLE] [--department SLUG]… [--email E] [--name N] [--ttl SECONDS]
                             mint a local HS256 token (needs AUTH_JWT_SECRET); its claims go to stderr
  env:generate               print fresh random secrets for docker-compose.yml (POSTGRES_PASSWORD, MEILI_MASTER_KEY, …)
  env:init [FILE]            add fresh random secrets to FILE (default ./.env) for the ones it does not set yet (keeps existing values)
  migrate                    apply pending database migrations
  review-scan                run the daily review scan now and send due reminders
  level-review-dates [--department SLUG] [--allow-later] [--dry-run] [--as EMAIL]
                             spread review storms (e.g. after a bulk import) over the weeks before them`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if (command === 'token') return mintToken(args);
  if (command === 'env:generate') return printSecrets();
  if (command === 'env:init') return initEnvFile(args[0] ?? '.env');
  const { config, stop } = await withDatabase(loadAppConfig());
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    await runMigrationsExclusively(app.get(DataSource));
    return await requestContext.run({ requestId: null, actor: null, origin: `cli:${command}` }, () => run(app, command, args));
  } finally {
    await app.close();
    await stop();
  }
}

/** A command, run as `cli:<command>` for the audit log. */
async function run(app: INestApplicationContext, command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'migrate':
      console.log('migrations are up to date');
      return 0;
    case 'fixtures':
      return summarise(await withProgress((progress) => app.get(FixtureLoader).load(undefined, progress)));
    case 'import':
      return importFile(app, args);
    case 'content-gaps': {
      const result = await app.get(ContentGapAggregator).aggregate('cli');
      console.log(`${result.failedSearches} failed searches → ${result.gaps} content gaps (${result.created} new)`);
      return 0;
    }
    case 'national-content':
      return importNationalFeed(app, args);
    case 'review-scan':
      return reviewScan(app);
    case 'level-review-dates':
      return levelReviewDates(app, args);
    case 'reindex': {
      const count = await withProgress((progress) => app.get(SearchIndexer).reindexAll(progress));
      console.log(`${count} articles indexed`);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n${USAGE}`);
      return 1;
  }
}

async function mintToken(args: string[]): Promise<number> {
  const config = loadAppConfig();
  if (!config.auth.jwtSecret) {
    console.error('Set AUTH_JWT_SECRET (the same value the service runs with) to mint local tokens.');
    return 1;
  }
  const values = (flag: string) => args.flatMap((a, i) => (a === `--${flag}` && args[i + 1] ? [args[i + 1]] : []));
  const sub = values('sub')[0];
  const roles = values('role').filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  if (!sub || roles.length === 0) {
    console.error(`token needs --sub and at least one --role (${ROLES.join(', ')})`);
    return 1;
  }
  const claims = {
    sub,
    roles,
    departments: values('department'),
    email: values('email')[0] ?? `${sub}@kennisbank.local`,
    name: values('name')[0] ?? sub,
  };
  const ttl = Number(values('ttl')[0] ?? 8 * 3600);
  const token = await mintLocalToken(config.auth.jwtSecret, claims, ttl);
  // The token alone on stdout (for scripts); on stderr what a client minting its own tokens must match.
  const expires = new Date(Date.now() + ttl * 1000).toISOString();
  console.error(
    `HS256 token: ${JSON.stringify({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, ...claims })}, exp ${expires}\n` +
      `A client signing its own tokens with AUTH_JWT_SECRET must set alg HS256, iss "${LOCAL_ISSUER}", aud "${LOCAL_AUDIENCE}", sub, roles and exp.`,
  );
  if (!config.auth.localTokens)
    console.error('Note: this service refuses local tokens (OIDC is configured; AUTH_ACCEPT_LOCAL_TOKENS=true allows them).');
  console.log(token);
  return 0;
}

function printSecrets(): number {
  for (const [name, value] of Object.entries(freshSecrets())) console.log(`${name}=${value}`);
  return 0;
}

/** Writes ./.env (next to docker-compose.yml) with fresh secrets for the ones it lacks. */
function initEnvFile(file: string): number {
  const path = resolve(file);
  const { text, added } = completeEnvFile(existsSync(path) ? readFileSync(path, 'utf8') : '');
  if (added.length === 0) {
    console.log(`${path} already sets every secret; nothing changed`);
    return 0;
  }
  writeFileSync(path, text, { mode: 0o600 });
  console.log(`${path}: wrote fresh ${added.join(', ')}`);
  return 0;
}

async function importFile(app: INestApplicationContext, args: string[]): Promise<number> {
  const items = readJsonFile(args.find((a) => !a.startsWith('--')));
  if (items === undefined) return 1;
  const asIndex = args.indexOf('--as');
  const email = asIndex >= 0 ? args[asIndex + 1] : 'import@kennisbank.local';
  const actor = await cliActor(app, email);
  return summarise(await withProgress((progress) => app.get(ArticleImportService).import(actor, items, progress)));
}

async function importNationalFeed(app: INestApplicationContext, args: string[]): Promise<number> {
  const items = readJsonFile(args.find((a) => !a.startsWith('--')));
  if (items === undefined) return 1;
  const report = await app.get(NationalFeedService).import(items);
  // the bronwijziging mails go out before the process ends
  await app.get(SourceChangeNotifier).settle();
  console.log(
    `${report.total} items: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged, ${report.stale} out of date, ${report.failed} failed; ${report.sourceChanges} bronwijzigingen`,
  );
  for (const item of report.items.filter((i) => i.outcome === 'failed')) {
    console.log(`  failed #${item.index} ${item.uri ?? ''}: ${item.error?.message} ${JSON.stringify(item.error?.errors ?? [])}`);
  }
  return report.failed > 0 ? 2 : 0;
}

/** The parsed JSON of a file named on the command line, or undefined after saying what is wrong. */
function readJsonFile(file: string | undefined): unknown {
  if (!file) {
    console.error(USAGE);
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

/** The daily scan, now (as the scheduler runs it), then the deliveries it made due. */
async function reviewScan(app: INestApplicationContext): Promise<number> {
  const { scan, delivered } = (await app.get(StewardshipProcessor).run(StewardshipJob.Scan)) as { scan: ScanStats; delivered: DrainStats };
  console.log(
    `review scan ${scan.day}: ${scan.articles} articles, ${scan.inStage} in a reminder stage, ${scan.reminders} new reminders, ${scan.deliveries} deliveries`,
  );
  console.log(`sent ${delivered.sent}, retrying ${delivered.retrying}, undeliverable ${delivered.dead}, cancelled ${delivered.cancelled}`);
  return 0;
}

async function levelReviewDates(app: INestApplicationContext, args: string[]): Promise<number> {
  const value = (flag: string) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);
  const actor = await cliActor(app, value('--as') ?? 'regie@kennisbank.local');
  const options = { department: value('--department'), allowLater: args.includes('--allow-later'), dryRun: args.includes('--dry-run') };
  const report = await app
    .get(ReviewLevelingService)
    .level(actor, options)
    .catch((error: unknown) => {
      if (!(error instanceof ValidationFailedError)) throw error;
      for (const f of error.fields) console.error(`--${f.field} ${options.department ?? ''}: ${f.message}`);
      return null;
    });
  if (!report) return 1;
  for (const d of report.departments) {
    const later = d.moves.filter((m) => m.laterByDays).length;
    console.log(
      `${d.department.name}: ${d.moves.length} review date(s) ${report.dryRun ? 'would move' : `moved (${d.moved} applied)`}${later ? `, ${later} past their interval` : ''}`,
    );
    for (const week of d.stormWeeks) console.log(`  week of ${week.week} still has ${week.after} reviews (cap ${report.weeklyCap})`);
  }
  return 0;
}

async function cliActor(app: INestApplicationContext, email: string) {
  const user = await app.get(UsersService).ensureByEmail(email, '');
  return { userId: user.id, email: user.email, name: user.name, roles: ['admin' as const], departments: [] };
}

async function withProgress<T>(run: (progress: (done: number, total: number) => void) => Promise<T>): Promise<T> {
  const bar = new SingleBar({
    format: '[{bar}] {value}/{total} {percentage}% eta {eta}s',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  let started = false;
  try {
    return await run((done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    });
  } finally {
    if (started) bar.stop();
  }
}

function summarise(report: ImportReport): number {
  console.log(
    `${report.total} items: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.failed} failed`,
  );
  for (const item of report.items) {
    if (item.outcome === 'failed')
      console.log(`  failed #${item.index} ${item.externalId ?? ''}: ${item.error?.message} ${JSON.stringify(item.error?.errors ?? [])}`);
    for (const w of item.warnings ?? []) console.log(`  warning #${item.index} ${item.externalId} ${w.field} ${w.code}: ${w.message}`);
  }
  return report.failed > 0 ? 2 : 0;
}

// Run as a program; imported (by the test that runs every command in USAGE), only `main` is used.
if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      console.error(error instanceof InvalidConfigurationError ? error.message : error);
      process.exit(1);
    });
}
