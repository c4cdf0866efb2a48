import { RetryBackoff, RetryStoppedError } from './retry-backoff.js';

describe('RetryBackoff', () => {
  it('retries a failing task until it succeeds, doubling the delay up to the cap, then clears the failure', async () => {
    const backoff = new RetryBackoff(1, 4);
    let calls = 0;
    const delays: number[] = [];
    const result = await backoff.run(
      async () => {
        calls += 1;
        if (calls < 6) throw new Error(`disk full ${calls}`);
        return 'done';
      },
      () => false,
      (failure) => delays.push(failure.nextRetryMs),
    );
    expect(result).toBe('done');
    expect(calls).toBe(6);
    expect(delays).toEqual([1, 2, 4, 4, 4]);
    expect(backoff.failure).toBeNull();
    expect(backoff.totalRetries).toBe(5);
  });

  it('reports the error and the retry count while failing, and stops waiting at once when stopped', async () => {
    const backoff = new RetryBackoff(60_000, 60_000);
    let stopped = false;
    const running = backoff.run(async () => Promise.reject(new Error('SQLITE_FULL: database or disk is full')), () => stopped, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(backoff.failure).toMatchObject({ error: 'SQLITE_FULL: database or disk is full', retries: 1, nextRetryMs: 60_000 });
    stopped = true;
    backoff.stop();
    await expect(running).rejects.toBeInstanceOf(RetryStoppedError);
  });
});
