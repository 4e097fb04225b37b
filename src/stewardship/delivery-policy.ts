import type { ChannelResult } from '../notifications/notifications.service';

export interface RetryPolicy {
  /** attempts in all, the first one included */
  attempts: number;
  /** wait before the first retry; doubles after every further failure */
  baseMs: number;
}

const MAX_DELAY_MS = 24 * 3_600_000;

/** Exponential backoff: base, 2×base, 4×base, … (capped at a day) after the 1st, 2nd, 3rd failed attempt. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS);
}

export type AttemptOutcome =
  | { status: 'sent'; channelsDone: string[] }
  | { status: 'pending'; channelsDone: string[]; nextAttemptAt: Date; error: string }
  | { status: 'dead'; channelsDone: string[]; outcome: 'permanent' | 'exhausted'; error: string };

/**
 * What happens to a delivery after attempt number `attempts`: done when every channel has accepted
 * it; dead at once when a channel refused it for good (a retry cannot help, a person must look);
 * else another attempt after the backoff, until the attempts are used up.
 */
export function afterAttempt(
  results: ChannelResult[],
  previouslyDone: string[],
  attempts: number,
  policy: RetryPolicy,
  now: Date,
): AttemptOutcome {
  const channelsDone = [...new Set([...previouslyDone, ...results.filter((r) => r.ok).map((r) => r.channel)])];
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return { status: 'sent', channelsDone };
  const error = failed.map((r) => `${r.channel}: ${r.error ?? 'failed'}`).join('; ');
  if (failed.some((r) => r.permanent)) return { status: 'dead', channelsDone, outcome: 'permanent', error };
  if (attempts >= policy.attempts) return { status: 'dead', channelsDone, outcome: 'exhausted', error };
  return { status: 'pending', channelsDone, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)), error };
}
