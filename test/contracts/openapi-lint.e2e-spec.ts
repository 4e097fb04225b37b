import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestApp, createTestApp } from '../setup/test-app';

const run = promisify(execFile);
const REDOCLY = join(__dirname, '../../node_modules/@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/**
 * Websites and KISS integrators generate clients from /api/openapi.json, so it has to pass a real
 * linter: Redocly's recommended ruleset, with zero errors.
 */
describe('the OpenAPI document (Redocly lint, recommended rules)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = await mkdtemp(join(tmpdir(), 'kennisbank-openapi-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has no errors', async () => {
    const spec = await t.http.get('/api/openapi.json');
    expect(spec.status).toBe(200);
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(spec.body));
    // The CLI exits non-zero when it finds errors; its JSON report on stdout says what they are.
    const { stdout } = await run(process.execPath, [REDOCLY, 'lint', '--extends', 'recommended', '--format', 'json', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((failed: { stdout: string }) => failed);
    const { problems } = JSON.parse(stdout) as { problems: LintProblem[] };
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    expect(errors).toEqual([]);
  });
});
