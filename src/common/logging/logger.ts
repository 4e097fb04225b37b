import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import { requestContext } from '../request-context/request-context';

const PINO_LEVEL: Record<LogLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Paths that must never reach a log line, in case an object carrying them is ever logged. The HTTP
 * logger does not log headers at all; this is the second line of defence.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'authorization',
  'cookie',
  'apiKey',
  'secret',
  'token',
  'password',
];

/** The process's one JSON logger. `level` is LOG_LEVEL (Nest's names); `false` silences it (tests). */
export function createLogger(level: LogLevel | false, destination?: DestinationStream): Pino {
  return pino(
    {
      level: level === false ? 'silent' : PINO_LEVEL[level],
      base: { service: 'kennisbank' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination(1),
  );
}

/**
 * Nest's logger (and every `new Logger(...)` in the code) written through pino: one JSON line per
 * message with its context and the id of the request it belongs to, if any.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  /** Nest calls error(message, stack?, context?). Stacks go to the log, never to clients. */
  error(message: unknown, ...rest: unknown[]): void {
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    this.write('error', message, context === undefined ? [] : [context], stack);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[], stack?: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const requestId = requestContext.current()?.requestId ?? undefined;
    const fields: Record<string, unknown> = { context, requestId, ...(stack ? { stack } : {}) };
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
