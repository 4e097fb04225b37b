import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixtureLoader } from './articles/import/fixture-loader';
import { ArticlesRepository } from './articles/articles.repository';
import { InvalidConfigurationError } from './config/env.schema';
import { loadAppConfig } from './config/app-config';
import { exitGracefully } from './common/shutdown';
import { withDatabase } from './database/database-bootstrap';
import { runMigrationsExclusively } from './database/migrate';
import { createHttpApp } from './http-app';
import { PostgresSearchEngine } from './search/postgres/postgres-search.engine';
import { PinoNestLogger, createLogger } from './common/logging/logger';
import { requestContext } from './common/request-context/request-context';

async function main(): Promise<void> {
  const appConfig = loadAppConfig();
  const pino = createLogger(appConfig.logLevel);
  // JSON from the first line on, also before Nest takes over (embedded PostgreSQL start-up).
  Logger.overrideLogger(new PinoNestLogger(pino));
  const logger = new Logger('Kennisbank');
  const { config, stop } = await withDatabase(appConfig);
  // Without Redis there is no worker: this process keeps the job schedules itself.
  const app = await createHttpApp(config, { logger: pino, inProcessSchedules: true });
  const migrations = await runMigrationsExclusively(app.get(DataSource));
  if (migrations.length) logger.log(`applied ${migrations.length} migration(s): ${migrations.map((m) => m.name).join(', ')}`);

  const load = config.database.loadFixtures;
  if (load === 'true' || (load === 'auto' && (await app.get(ArticlesRepository).count()) === 0)) {
    await requestContext.run({ requestId: null, actor: null, origin: 'fixtures' }, () => app.get(FixtureLoader).load());
  }
  await app.listen(config.http.port, '0.0.0.0');
  logger.log(`Kennisbank listening on http://localhost:${config.http.port} (API docs: /docs)`);
  // The first search would load the candidate index; load it now (searches meanwhile wait for it).
  app
    .get(PostgresSearchEngine)
    .warm()
    .catch((e: Error) => logger.warn(`candidate index not loaded at start (the first search loads it): ${e.message}`));

  exitGracefully(logger, 'in-flight requests', async () => {
    await app.close();
    await stop();
  });
}

main().catch((error: unknown) => {
  if (error instanceof InvalidConfigurationError) {
    console.error(error.message);
  } else {
    console.error('Kennisbank failed to start:', error instanceof Error ? (error.stack ?? error.message) : error);
  }
  process.exit(1);
});
