import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Returns the config with a database URL: the configured one, or an embedded PostgreSQL started for
 * a zero-install local run (data under DATA_DIR/postgres).
 */
export async function withDatabase(config: AppConfig): Promise<{ config: AppConfig; stop: () => Promise<void> }> {
  if (config.database.url) return { config, stop: () => Promise.resolve() };
  const logger = new Logger('EmbeddedPostgres');
  const { dataDir, port } = config.database.embedded;
  logger.log(`DATABASE_URL is not set: starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${join(dataDir, 'postgres')})`);
  const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port, database: 'kennisbank', persistent: true });
  return { config: { ...config, database: { ...config.database, url: pg.url } }, stop: () => pg.stop() };
}
