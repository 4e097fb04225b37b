import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AuditContextSubscriber } from '../audit/audit-context.subscriber';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { projectRoot } from '../common/project-root';

export function buildDataSourceOptions(database: { url: string; poolSize: number }): DataSourceOptions {
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
    extra: { max: database.poolSize, connectionTimeoutMillis: 5000 },
  };
}
