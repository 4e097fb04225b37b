import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the metrics token. No token configured: open (scraped on a
 * private network). Compared in constant time over hashes, so neither content nor length leaks.
 */
export function metricsTokenAccepted(configured: string, authorization: string | undefined): boolean {
  if (!configured) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(configured));
}
