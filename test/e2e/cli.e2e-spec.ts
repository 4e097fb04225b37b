import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { USAGE, main } from '../../src/cli/main';
import { createTestDatabase } from '../setup/test-app';

// Every command the usage text lists must exist: the usage text is parsed, not copied, so a command
// documented there (or in the README, which copies it) and missing from the dispatcher fails here.

const FIXTURES = resolve(__dirname, '../../content-fixtures');
const SCRATCH = mkdtempSync(join(tmpdir(), 'kb-cli-env-'));

/** Arguments that are safe against a test database; a command not listed here runs without any. */
const SAFE_ARGS: Record<string, string[]> = {
  import: [join(FIXTURES, 'articles/afval-en-reiniging.json')],
  'national-content': [join(FIXTURES, 'national-content.json')],
  token: ['--sub', 'cli-test', '--role', 'agent'],
  'level-review-dates': ['--dry-run'],
  // never the checkout's own .env
  'env:init': [join(SCRATCH, '.env')],
};

const listedCommands = (usage: string): string[] =>
  usage
    .split('\n')
    .slice(1)
    .flatMap((line) => /^ {2}([a-z][\w:-]*)/.exec(line)?.[1] ?? []);

describe('cli: every command in the usage text (e2e)', () => {
  let database: { url: string; drop(): Promise<void> };
  const saved = { ...process.env };
  let output: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      AUTH_JWT_SECRET: 'cli-test-secret-0123456789abcdefghijklmnop',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'kb-cli-')),
    });
    for (const name of ['REDIS_URL', 'MEILI_URL', 'SEARCH_ENGINE']) delete process.env[name];
    const capture = (...args: unknown[]) => void output.push(args.map(String).join(' '));
    jest.spyOn(console, 'log').mockImplementation(capture);
    jest.spyOn(console, 'error').mockImplementation(capture);
    jest.spyOn(console, 'warn').mockImplementation(capture);
  }, 60_000);
  afterAll(async () => {
    jest.restoreAllMocks();
    rmSync(process.env.DATA_DIR!, { recursive: true, force: true });
    rmSync(SCRATCH, { recursive: true, force: true });
    process.env = saved;
    await database.drop();
  });

  const run = async (argv: string[]) => {
    output = [];
    const code = await main(argv);
    return { code, text: output.join('\n') };
  };

  it('lists the commands the README shows', () => {
    expect(listedCommands(USAGE)).toEqual(expect.arrayContaining(['import', 'fixtures', 'reindex', 'review-scan', 'level-review-dates']));
  });

  it('knows an unknown command as unknown (so the check below can fail)', async () => {
    const { code, text } = await run(['no-such-command']);
    expect({ code, text }).toEqual({ code: 1, text: expect.stringContaining('Unknown command "no-such-command"') });
  }, 60_000);

  it.each(['fixtures', ...listedCommands(USAGE).filter((c) => c !== 'fixtures')])(
    'runs %s',
    async (command) => {
      const { code, text } = await run([command, ...(SAFE_ARGS[command] ?? [])]);
      expect(text).not.toMatch(/Unknown command/);
      // With safe arguments (or none needed), a listed command succeeds.
      if (command in SAFE_ARGS || !/FILE/.test(USAGE.split('\n').find((l) => l.startsWith(`  ${command}`)) ?? ''))
        expect({ command, code, text }).toEqual({ command, code: 0, text: expect.any(String) });
    },
    300_000, // fixtures loads every fixture article: minutes on a loaded machine
  );

  it('review-scan records the day and level-review-dates reports per department', async () => {
    const scan = await run(['review-scan']);
    expect(scan.code).toBe(0);
    expect(scan.text).toMatch(/^review scan \d{4}-\d{2}-\d{2}: \d+ articles/m);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM stewardship_runs WHERE job = 'scan'`);
      expect(rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    const level = await run(['level-review-dates', '--dry-run']);
    expect(level.code).toBe(0);
    expect(level.text).toMatch(/review date\(s\) would move/);
    const unknown = await run(['level-review-dates', '--dry-run', '--department', 'geen-afdeling']);
    expect(unknown).toEqual({ code: 1, text: expect.stringContaining('is not a department') });
  }, 120_000);
});
