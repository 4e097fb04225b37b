/**
 * Rejects when `promise` has not settled within `ms`. For calls to dependencies that may be down
 * (Redis, PostgreSQL) where waiting longer helps nobody: health checks, metrics, enqueueing.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
