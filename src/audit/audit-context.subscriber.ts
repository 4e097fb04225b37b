import { EntitySubscriberInterface, EventSubscriber, QueryRunner } from 'typeorm';
import type { BeforeQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent';
import type { TransactionStartEvent } from 'typeorm/subscriber/event/TransactionStartEvent';
import { requestContext } from '../common/request-context/request-context';
import { NOT_AUDITED_TABLES } from './audited-tables';

export const AUDIT_CONTEXT_SETTING = 'kennisbank.audit_context';
const WRITE = /^\s*(INSERT|UPDATE|DELETE|MERGE)\b/i;
/** A WITH statement writes only when one of its parts does; a read (every uncached search) needs no round trip. */
const WITH_WRITE = /^\s*WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE|MERGE)\b/i;
const TARGET = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i;
const UNAUDITED = new Set(NOT_AUDITED_TABLES);
const SET_IN_TRANSACTION = Symbol('auditContextSet');

type PgRunner = QueryRunner & {
  databaseConnection: { query(sql: string, parameters: unknown[]): Promise<unknown> };
  [SET_IN_TRANSACTION]?: boolean;
};

/** What the audit trigger records as "who": the acting party, request id and origin of the current work. */
export function auditContextJson(): string {
  const context = requestContext.current();
  return JSON.stringify({
    userId: context?.actor?.userId ?? null,
    subject: context?.actor?.subject ?? null,
    apiKeyId: context?.actor?.apiKeyId ?? null,
    requestId: context?.requestId ?? null,
    origin: context?.origin ?? 'system',
  });
}

/**
 * Hands the current request context to the database before the first write of each transaction
 * (and before every write outside one), as the setting the audit trigger reads. Set on the same
 * connection, transaction-local where a transaction is open, so it cannot leak into other work.
 * Registered as a TypeORM subscriber, so every module's writes carry it without doing anything.
 */
@EventSubscriber()
export class AuditContextSubscriber implements EntitySubscriberInterface {
  afterTransactionStart(event: TransactionStartEvent): void {
    (event.queryRunner as PgRunner)[SET_IN_TRANSACTION] = false;
  }

  /** A rollback (also to a savepoint) undoes settings made inside it. */
  afterTransactionRollback(event: TransactionRollbackEvent): void {
    (event.queryRunner as PgRunner)[SET_IN_TRANSACTION] = false;
  }

  async beforeQuery(event: BeforeQueryEvent<unknown>): Promise<void> {
    if (!WRITE.test(event.query) && !WITH_WRITE.test(event.query)) return;
    // No trigger there (search log, outboxes, index): no round trip on the hot paths that write them.
    const target = TARGET.exec(event.query)?.[1];
    if (target && UNAUDITED.has(target.toLowerCase())) return;
    const runner = event.queryRunner as PgRunner;
    const inTransaction = runner.isTransactionActive;
    if (inTransaction && runner[SET_IN_TRANSACTION]) return;
    // Straight on the connection: through the runner this query would trigger this hook again.
    await runner.databaseConnection.query('SELECT set_config($1, $2, $3)', [AUDIT_CONTEXT_SETTING, auditContextJson(), inTransaction]);
    if (inTransaction) runner[SET_IN_TRANSACTION] = true;
  }
}
