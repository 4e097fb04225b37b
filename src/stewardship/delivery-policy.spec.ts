import { afterAttempt, retryDelayMs } from './delivery-policy';

const policy = { attempts: 4, baseMs: 60_000 };
const now = new Date('2026-11-23T05:30:00Z');

describe('delivery policy', () => {
  it('backs off exponentially, capped at a day', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, policy))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30, policy)).toBe(86_400_000);
  });

  it('is done when every channel accepted, also over several attempts', () => {
    expect(
      afterAttempt(
        [
          { channel: 'smtp', ok: true },
          { channel: 'webhook', ok: true },
        ],
        [],
        1,
        policy,
        now,
      ),
    ).toEqual({ status: 'sent', channelsDone: ['smtp', 'webhook'] });
    expect(afterAttempt([{ channel: 'webhook', ok: true }], ['smtp'], 2, policy, now)).toEqual({
      status: 'sent',
      channelsDone: ['smtp', 'webhook'],
    });
  });

  it('retries transient failures after the backoff, remembering the channels that succeeded', () => {
    const outcome = afterAttempt(
      [
        { channel: 'smtp', ok: true },
        { channel: 'webhook', ok: false, permanent: false, error: '503' },
      ],
      [],
      2,
      policy,
      now,
    );
    expect(outcome).toEqual({
      status: 'pending',
      channelsDone: ['smtp'],
      nextAttemptAt: new Date('2026-11-23T05:32:00Z'),
      error: 'webhook: 503',
    });
  });

  it('gives up into the dead letters when a channel refuses for good, or the attempts are used up', () => {
    expect(afterAttempt([{ channel: 'smtp', ok: false, permanent: true, error: '550 no such user' }], [], 1, policy, now)).toMatchObject({
      status: 'dead',
      outcome: 'permanent',
      error: 'smtp: 550 no such user',
    });
    expect(afterAttempt([{ channel: 'smtp', ok: false, permanent: false, error: 'ECONNREFUSED' }], [], 4, policy, now)).toMatchObject({
      status: 'dead',
      outcome: 'exhausted',
    });
  });
});
