import { readFileSync, rmSync } from 'node:fs';
import { TEST_STATE_FILE, TestState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  const state = JSON.parse(readFileSync(TEST_STATE_FILE, 'utf8')) as TestState;
  for (const { pid } of state.cleanup) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const pg = (globalThis as { __KB_PG__?: { stop(): Promise<void> } }).__KB_PG__;
  if (pg) await pg.stop();
  rmSync(TEST_STATE_FILE, { force: true });
}
