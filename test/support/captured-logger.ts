import type { LogLevel } from '@nestjs/common';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/common/logging/logger';

/** A real JSON logger, as in production, whose lines land in `lines` for the test to read. */
export function capturedLogger(level: LogLevel, lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger(level, sink);
}
