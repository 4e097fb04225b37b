import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEMPLATE_DATABASE = 'kb_test_template';
export const TEST_STATE_FILE = join(tmpdir(), `kennisbank-test-state-${process.ppid}-${process.pid}.json`);

export interface TestState {
  adminUrl: string;
  redisUrl: string;
  cleanup: { pid: number }[];
}
