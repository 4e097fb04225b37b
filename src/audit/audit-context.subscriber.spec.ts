import type { BeforeQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { requestContext } from '../common/request-context/request-context';
import { AUDIT_CONTEXT_SETTING, AuditContextSubscriber } from './audit-context.subscriber';

function runner(inTransaction: boolean) {
  const calls: unknown[][] = [];
  return {
    calls,
    isTransactionActive: inTransaction,
    databaseConnection: { query: async (_sql: string, parameters: unknown[]) => void calls.push(parameters) },
  };
}

describe(AuditContextSubscriber.name, () => {
  const subscriber = new AuditContextSubscriber();
  const query = (r: ReturnType<typeof runner>, sql: string) =>
    subscriber.beforeQuery({ queryRunner: r, query: sql } as unknown as BeforeQueryEvent<unknown>);
  const event = (r: ReturnType<typeof runner>) => ({ queryRunner: r }) as never;

  it('hands the context over once per transaction, before its first write, transaction-locally', async () => {
    const r = runner(true);
    subscriber.afterTransactionStart(event(r));
    await requestContext.run(
      { requestId: 'req-1', actor: { userId: 'u-1', subject: 'alice', apiKeyId: null }, origin: 'http' },
      async () => {
        await query(r, 'SELECT * FROM articles');
        await query(r, 'UPDATE "articles" SET "title" = $1');
        await query(r, 'INSERT INTO "article_versions" ("id") VALUES ($1)');
      },
    );
    expect(r.calls).toEqual([[AUDIT_CONTEXT_SETTING, expect.any(String), true]]);
    expect(JSON.parse(r.calls[0][1] as string)).toEqual({
      userId: 'u-1',
      subject: 'alice',
      apiKeyId: null,
      requestId: 'req-1',
      origin: 'http',
    });
  });

  it('hands it over again after a rollback (to a savepoint too), which undoes the setting', async () => {
    const r = runner(true);
    subscriber.afterTransactionStart(event(r));
    await query(r, 'DELETE FROM "departments"');
    subscriber.afterTransactionRollback(event(r));
    await query(r, 'DELETE FROM "departments"');
    expect(r.calls).toHaveLength(2);
  });

  it('outside a transaction, before every write, for the session; the system when no request is known', async () => {
    const r = runner(false);
    await query(r, `INSERT INTO departments (slug) VALUES ('x')`);
    await query(r, `UPDATE departments SET name = 'y'`);
    expect(r.calls).toEqual([
      [AUDIT_CONTEXT_SETTING, expect.stringContaining('"origin":"system"'), false],
      [AUDIT_CONTEXT_SETTING, expect.any(String), false],
    ]);
  });

  it('takes a WITH statement for a write only when a part of it writes', async () => {
    const r = runner(false);
    await query(r, '\n  WITH m AS MATERIALIZED (SELECT article_id FROM search_documents) SELECT count(*) FROM m');
    expect(r.calls).toHaveLength(0);
    await query(
      r,
      'WITH picked AS (SELECT id FROM articles LIMIT 1)\n  UPDATE articles SET title = $1 WHERE id IN (SELECT id FROM picked)',
    );
    expect(r.calls).toHaveLength(1);
  });

  it('skips tables without the audit trigger', async () => {
    const r = runner(false);
    await query(r, 'INSERT INTO search_log (id) VALUES ($1)');
    await query(r, 'INSERT INTO "article_outbox"("article_id") VALUES ($1)');
    expect(r.calls).toEqual([]);
  });
});
