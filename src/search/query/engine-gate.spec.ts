import { EngineGate, SearchCancelledError, SearchSaturatedError } from './engine-gate';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('EngineGate', () => {
  it('runs at most `concurrency` tasks at once and starts waiters in arrival order', async () => {
    const gate = new EngineGate(2, 10, 1000);
    const started: number[] = [];
    const blockers = [deferred(), deferred(), deferred()];
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        started.push(i);
        await b.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.waiting).toBe(1);
    blockers[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    blockers[0].resolve();
    blockers[2].resolve();
    await Promise.all(runs);
    expect(gate.running).toBe(0);
  });

  it('sheds with 503 and Retry-After when the queue is full', async () => {
    const gate = new EngineGate(1, 1, 1000);
    const block = deferred();
    const first = gate.run(() => block.promise);
    const second = gate.run(async () => 'second');
    const error = await gate.run(async () => 'third').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchSaturatedError);
    expect((error as SearchSaturatedError).details.retryAfterSeconds).toBe(1);
    block.resolve();
    await first;
    expect(await second).toBe('second');
  });

  it('gives up on a waiter after maxWaitMs', async () => {
    const gate = new EngineGate(1, 5, 20);
    const block = deferred();
    const first = gate.run(() => block.promise);
    await expect(gate.run(async () => 'late')).rejects.toBeInstanceOf(SearchSaturatedError);
    expect(gate.waiting).toBe(0);
    block.resolve();
    await first;
    expect(gate.running).toBe(0);
  });

  it('drops a waiter whose client went away, without running its task', async () => {
    const gate = new EngineGate(1, 5, 1000);
    const block = deferred();
    const first = gate.run(() => block.promise);
    const abort = new AbortController();
    let ran = false;
    const waiting = gate.run(async () => {
      ran = true;
    }, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(SearchCancelledError);
    block.resolve();
    await first;
    expect(ran).toBe(false);
    expect(gate.running).toBe(0);
  });
});
