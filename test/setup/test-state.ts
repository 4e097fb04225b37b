import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Its own name per checkout when several run their tests on one shared server at once.
export const TEMPLATE_DATABASE = process.env.KB_TEST_TEMPLATE_DATABASE ?? 'kb_test_template';
export const TEST_STATE_FILE = join(tmpdir(), `kennisbank-test-state-${process.ppid}-${process.pid}.json`);

export interface TestState {
  adminUrl: string;
  redisUrl: string;
  cleanup: { pid: number }[];
}
