import { LookupAddress, lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress } from './private-address';

export const LINK_STATUSES = ['ok', 'redirected', 'broken', 'unreachable', 'blocked'] as const;
/**
 * - ok: 2xx; redirected: 2xx after a permanent redirect (works; the link could be updated)
 * - broken: 4xx/5xx, unknown host, a redirect loop; unreachable: timeouts and connection errors,
 *   also after the retries; both count as broken links
 * - blocked: a private or loopback address, not checked
 */
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const BROKEN_STATUSES: readonly LinkStatus[] = ['broken', 'unreachable'];

export interface LinkCheckOutcome {
  status: LinkStatus;
  httpStatus: number | null;
  /** where a redirect led */
  finalUrl: string | null;
  error: string | null;
  /** requests made for the last attempt's chain plus the retries before it */
  attempts: number;
}

export interface UrlCheckerOptions {
  timeoutMs: number;
  retries: number;
  retryDelayMs: number;
  allowPrivate: boolean;
  /**
   * Addresses let through although private, spelled exactly as here: for tests, whose web servers
   * listen on 127.0.0.1 and must still see every other private address refused.
   */
  exemptAddresses?: readonly string[];
  /** waits between retries; tests may replace it */
  sleep?: (ms: number) => Promise<void>;
}

const MAX_REDIRECTS = 5;
/** Answers to HEAD after which GET is tried: servers that refuse or mishandle HEAD. */
const HEAD_REFUSED = new Set([400, 403, 405, 501]);
const USER_AGENT = 'Kennisbank-linkcheck/1.0 (+KCC kennisbank)';

class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
  constructor(host: string) {
    super(`${host} resolves to a private or loopback address`);
  }
}

class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

interface Answer {
  status: number;
  location: string | null;
}

/**
 * Checks one URL: HEAD, GET when HEAD is refused, redirects followed by hand (each hop checked
 * against private addresses, also after DNS), timeouts, and retries with exponential backoff for
 * what may pass (timeouts, connection errors, 5xx, 429).
 */
export class UrlChecker {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: UrlCheckerOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async check(url: string): Promise<LinkCheckOutcome> {
    let outcome: LinkCheckOutcome & { transient: boolean } = {
      status: 'unreachable',
      httpStatus: null,
      finalUrl: null,
      error: null,
      attempts: 0,
      transient: true,
    };
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      if (attempt > 0) await this.sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
      outcome = await this.once(url);
      outcome.attempts = attempt + 1;
      if (!outcome.transient) break;
    }
    const { transient: _, ...result } = outcome;
    return result;
  }

  private async once(start: string): Promise<LinkCheckOutcome & { transient: boolean }> {
    let current = new URL(start);
    let permanentRedirect = false;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let answer: Answer;
      try {
        this.assertAllowedHost(current.hostname);
        answer = await this.request('HEAD', current);
        if (HEAD_REFUSED.has(answer.status)) answer = await this.request('GET', current);
      } catch (error) {
        return this.failure(error as Error & { code?: string }, current, start);
      }
      if (answer.status >= 300 && answer.status < 400 && answer.location) {
        permanentRedirect ||= answer.status === 301 || answer.status === 308;
        current = new URL(answer.location, current);
        if (current.protocol !== 'http:' && current.protocol !== 'https:') {
          return {
            status: 'broken',
            httpStatus: answer.status,
            finalUrl: current.toString(),
            error: 'redirects to a non-web address',
            attempts: 1,
            transient: false,
          };
        }
        continue;
      }
      const finalUrl = current.toString() === start ? null : current.toString();
      if (answer.status >= 200 && answer.status < 300) {
        return {
          status: permanentRedirect ? 'redirected' : 'ok',
          httpStatus: answer.status,
          finalUrl,
          error: null,
          attempts: 1,
          transient: false,
        };
      }
      return {
        status: 'broken',
        httpStatus: answer.status,
        finalUrl,
        error: null,
        attempts: 1,
        transient: answer.status >= 500 || answer.status === 429,
      };
    }
    return {
      status: 'broken',
      httpStatus: null,
      finalUrl: current.toString(),
      error: `more than ${MAX_REDIRECTS} redirects`,
      attempts: 1,
      transient: false,
    };
  }

  private failure(error: Error & { code?: string }, at: URL, start: string): LinkCheckOutcome & { transient: boolean } {
    const finalUrl = at.toString() === start ? null : at.toString();
    if (error instanceof BlockedAddressError)
      return { status: 'blocked', httpStatus: null, finalUrl, error: error.message, attempts: 1, transient: false };
    if (error.code === 'ENOTFOUND')
      return { status: 'broken', httpStatus: null, finalUrl, error: `host not found: ${at.hostname}`, attempts: 1, transient: false };
    const message = error instanceof TimeoutError ? error.message : `${error.code ?? 'ERROR'}: ${error.message}`;
    return { status: 'unreachable', httpStatus: null, finalUrl, error: message, attempts: 1, transient: true };
  }

  private blocked(address: string): boolean {
    return !this.options.allowPrivate && isPrivateAddress(address) && !this.options.exemptAddresses?.includes(address);
  }

  private assertAllowedHost(hostname: string): void {
    const host = hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && this.blocked(host)) throw new BlockedAddressError(host);
  }

  /** DNS lookup that refuses private addresses at connect time (no gap between check and use). */
  private readonly lookup = (hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      if (addresses.some((a) => this.blocked(a.address))) return callback(new BlockedAddressError(hostname));
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  private request(method: 'HEAD' | 'GET', url: URL): Promise<Answer> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Answer>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method,
          agent: false,
          headers: { 'user-agent': USER_AGENT, accept: '*/*' },
          lookup: this.lookup as unknown as http.RequestOptions['lookup'],
        },
        (res) => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null });
          res.destroy(); // the status is all we need; never download the body
        },
      );
      // Last line: whatever the name or literal was, the address actually connected to is checked
      // before a byte is sent (a listener put first, ahead of the request's own write on connect).
      req.on('socket', (socket) =>
        socket.prependOnceListener('connect', () => {
          const peer = socket.remoteAddress ?? '';
          if (this.blocked(peer)) req.destroy(new BlockedAddressError(peer));
        }),
      );
      const timer = setTimeout(() => req.destroy(new TimeoutError(this.options.timeoutMs)), this.options.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end();
    });
  }
}
