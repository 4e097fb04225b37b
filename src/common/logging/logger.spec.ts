import { Writable } from 'node:stream';
import { requestContext } from '../request-context/request-context';
import { PinoNestLogger, createLogger } from './logger';

function capture(level: Parameters<typeof createLogger>[0] = 'log') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l)),
      );
      done();
    },
  });
  return { lines, logger: createLogger(level, sink) };
}

describe(PinoNestLogger.name, () => {
  it('writes Nest messages as JSON with their context and the current request id', () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log('outside a request', 'Boot');
    requestContext.run({ requestId: 'req-1', actor: null, origin: 'http' }, () => nest.warn('inside', 'ArticlesService'));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Boot', msg: 'outside a request' }),
      expect.objectContaining({ level: 'warn', context: 'ArticlesService', requestId: 'req-1', msg: 'inside' }),
    ]);
    expect(lines[0]).not.toHaveProperty('requestId');
  });

  it('keeps the stack of an error in the log', () => {
    const { lines, logger } = capture();
    new PinoNestLogger(logger).error('boom', 'Error: boom\n    at x', 'HttpError');
    expect(lines[0]).toEqual(
      expect.objectContaining({ level: 'error', context: 'HttpError', msg: 'boom', stack: 'Error: boom\n    at x' }),
    );
  });

  it('follows LOG_LEVEL', () => {
    const { lines, logger } = capture('warn');
    const nest = new PinoNestLogger(logger);
    nest.log('dropped');
    nest.debug('dropped');
    nest.error('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});

describe('createLogger', () => {
  it('redacts credentials even when an object carrying them is logged', () => {
    const { lines, logger } = capture();
    logger.info(
      { req: { headers: { authorization: 'Bearer eyJ.secret', cookie: 'sid=1', 'x-api-key': 'kb_123' } }, token: 't0k3n' },
      'oops',
    );
    const line = JSON.stringify(lines[0]);
    for (const secret of ['eyJ.secret', 'sid=1', 'kb_123', 't0k3n']) expect(line).not.toContain(secret);
  });
});
