import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Overridable: test runs of several checkouts on one PostgreSQL must not replace each other's template.
export const TEMPLATE_DATABASE = process.env.KB_TEST_TEMPLATE ?? 'kb_test_template';
export const TEST_STATE_FILE = join(tmpdir(), `kennisbank-test-state-${process.ppid}-${process.pid}.json`);

export interface TestState {
  adminUrl: string;
  redisUrl: string;
  cleanup: { pid: number }[];
}
