import { isIP } from 'node:net';
import { parseCron } from '../common/time/cron';

// How an environment variable is declared and parsed: a description (used in the start-up error and
// mirrored in the README), a default and a parser that rejects bad values with a message.

export interface EnvVariable<T> {
  description: string;
  default?: string;
  parse(raw: string): T;
}

export class EnvParseError extends Error {}

export const fail = (message: string): never => {
  throw new EnvParseError(message);
};

export const str = (): ((raw: string) => string) => (raw) => raw;

/** Empty means unset; anything else must pass `parse`. */
export const optional =
  <T>(parse: (raw: string) => T) =>
  (raw: string): T | '' =>
    raw === '' ? '' : parse(raw);

/** Checked as JSON, kept as text. */
export const json = (raw: string): string => {
  try {
    JSON.parse(raw);
  } catch {
    fail('must be JSON');
  }
  return raw;
};

export const int =
  (min: number, max: number) =>
  (raw: string): number => {
    const n = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      fail(`must be a whole number from ${min} to ${max}`);
    }
    return n;
  };

export const bool =
  () =>
  (raw: string): boolean => {
    const v = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    return fail('must be true or false');
  };

export const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): T =>
    (values as string[]).includes(raw) ? (raw as T) : fail(`must be one of: ${values.join(', ')}`);

export const url =
  (...protocols: string[]) =>
  (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return fail(`must be a URL (${protocols.join(', ')})`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      fail(`must use one of the protocols ${protocols.join(', ')}`);
    }
    return raw;
  };

/** A cron pattern (5 fields, Europe/Amsterdam), spacing normalised; "off" where a job may be switched off. */
export const cron =
  (options: { off?: boolean } = {}) =>
  (raw: string): string => {
    if (options.off && raw.trim() === 'off') return 'off';
    try {
      parseCron(raw);
    } catch (error) {
      fail(
        `must be a five-field cron pattern (minute hour day-of-month month day-of-week)${options.off ? ' or "off"' : ''}: ${(error as Error).message}`,
      );
    }
    return raw.trim().split(/\s+/).join(' ');
  };

export const email =
  () =>
  (raw: string): string =>
    raw === '' || /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(raw.trim()) ? raw.trim().toLowerCase() : fail('must be an e-mail address');

export const secret =
  (minLength: number) =>
  (raw: string): string =>
    raw.length >= minLength ? raw : fail(`must be at least ${minLength} characters`);

export const list =
  <T>(item: (raw: string) => T) =>
  (raw: string): T[] =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map(item);

/** An origin as browsers send it: scheme, host and port, no path (a trailing slash is forgiven). */
export const origin = (raw: string): string => {
  const candidate = raw.replace(/\/$/, '');
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return fail(`"${raw}" is not an origin such as https://www.lindeveen.nl`);
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== candidate) {
    return fail(`"${raw}" is not an origin such as https://www.lindeveen.nl (scheme and host only, no path or wildcard)`);
  }
  return candidate;
};

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** Express "trust proxy": off, a number of hops, or the addresses (IP, CIDR or a named range) of the proxies. */
export const trustProxy = (raw: string): false | number | string[] => {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return int(1, 10)(value);
  return list((part) => {
    if (PROXY_NAMES.includes(part)) return part;
    const [address, bits, ...extra] = part.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra.length > 0 || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= maxBits))) {
      fail(`"${part}" is not a proxy address: use false, a number of hops, or IPs/CIDRs/${PROXY_NAMES.join('/')} separated by commas`);
    }
    return part;
  })(value);
};
