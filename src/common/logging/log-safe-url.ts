import type { IncomingMessage } from 'node:http';
import { scrubPersonalData } from '../privacy/personal-data-scrubber';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Query parameters that carry credentials are never logged. */
const SECRET_PARAM = /token|secret|passw|key|auth|signature|session|cookie/i;
/** Free text (what an agent typed while a citizen was on the line) may hold a name: never logged. */
const FREE_TEXT_PARAM = new Set(['q']);
const MAX_LENGTH = 1000;

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

const scrub = (text: string): string => scrubPersonalData(text).text;

/**
 * A request URL fit for the logs: path segments and query values scrubbed of personal data (BSN,
 * phone, e-mail, IBAN, postcode, ...), free-text and credential parameters replaced, length capped.
 * Ids (UUIDs) stay readable so a log line can still be traced to its article.
 *
 * Cut first, then scrub: the scrubbing costs time in proportion to its input, and this runs for every
 * request, anonymous 404s included, so only the first MAX_LENGTH characters are ever looked at. The
 * segment or value that straddles the cut is dropped whole: half a BSN is too short to be recognised
 * as one, but still personal data.
 */
export function logSafeUrl(url: string): string {
  const cut = url.length > MAX_LENGTH;
  const head = cut ? url.slice(0, lastSeparatorBefore(url, MAX_LENGTH) + 1) : url;
  const queryStart = head.indexOf('?');
  const path = queryStart === -1 ? head : head.slice(0, queryStart);
  const query = queryStart === -1 ? '' : head.slice(queryStart + 1);
  const safePath = path
    .split('/')
    .map((segment) => {
      const decoded = decode(segment);
      return UUID.test(decoded) ? decoded : scrub(decoded);
    })
    .join('/');
  const safeQuery = query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = scrub(decode(eq === -1 ? pair : pair.slice(0, eq)));
      if (eq === -1) return key;
      const value = decode(pair.slice(eq + 1));
      if (SECRET_PARAM.test(key) || FREE_TEXT_PARAM.has(key)) return `${key}=[redacted]`;
      return `${key}=${scrub(value)}`;
    })
    .join('&');
  const safe = safeQuery ? `${safePath}?${safeQuery}` : safePath;
  // Placeholders can be longer than what they replace.
  return cut || safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH)}…` : safe;
}

/** The position of the last `/`, `?`, `&` or `=` before `end` (-1 if none). */
function lastSeparatorBefore(url: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) if ('/?&='.includes(url[i])) return i;
  return -1;
}

const safeUrls = new WeakMap<object, string>();

/**
 * `logSafeUrl` of a request's URL, worked out once per request: the access log and the error filter
 * both write it.
 */
export function logSafeRequestUrl(req: IncomingMessage & { originalUrl?: string }): string {
  let safe = safeUrls.get(req);
  if (safe === undefined) {
    safe = logSafeUrl(req.originalUrl ?? req.url ?? '');
    safeUrls.set(req, safe);
  }
  return safe;
}

/**
 * An error message fit for the logs (database errors quote the offending input). Cut first, like
 * URLs, dropping the word that straddles the cut.
 */
export function logSafeMessage(message: string): string {
  if (message.length <= MAX_LENGTH) return scrub(message);
  const head = message.slice(0, message.slice(0, MAX_LENGTH).search(/\s\S*$/u) + 1);
  return `${scrub(head).slice(0, MAX_LENGTH)}…`;
}
