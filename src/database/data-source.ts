import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AuditContextSubscriber } from '../audit/audit-context.subscriber';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { projectRoot } from '../common/project-root';

/** Without a configured value, a connection attempt gives up after this long (a request then answers 503). */
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;

export function buildDataSourceOptions(database: { url: string; poolSize: number; connectTimeoutMs?: number }): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    // Gives the audit trigger who is writing (see migrations/*-AuditLog.ts).
    subscribers: [AuditContextSubscriber],
    // Hand-reviewed migrations only; the schema is never synchronised from the entities.
    migrations: [join(projectRoot(), __filename.endsWith('.ts') ? 'migrations/*.ts' : 'dist/migrations/*.js')],
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto', // gen_random_uuid() is built into PostgreSQL 13+
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // A database that is down or restarting must fail a request quickly (503), not hang it: connecting
    // (and waiting for a pooled connection) is bounded, and TCP keepalive notices a vanished server.
    extra: {
      max: database.poolSize,
      connectionTimeoutMillis: database.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      keepAlive: true,
    },
  };
}
