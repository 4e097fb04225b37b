import { scrubPersonalData } from '../../analytics/personal-data-scrubber';

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
 */
export function logSafeUrl(url: string): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart + 1);
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
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH)}…` : safe;
}

/** An error message fit for the logs (database errors quote the offending input). */
export function logSafeMessage(message: string): string {
  const safe = scrub(message);
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH)}…` : safe;
}
