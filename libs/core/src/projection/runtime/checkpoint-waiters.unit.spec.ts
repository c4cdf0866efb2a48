import { createCheckpointWaiters, pollCheckpoint } from './checkpoint-waiters.js';

describe('checkpoint waiters (minPosition)', () => {
  it('answers at once when the position is already reached', async () => {
    const waiters = createCheckpointWaiters(() => 10n);
    await expect(waiters.wait(10n, 1000)).resolves.toBe(true);
    expect(waiters.pending).toBe(0);
  });

  it('resolves a wait when a released batch reaches its position, and only then', async () => {
    let checkpoint: bigint | null = null;
    const waiters = createCheckpointWaiters(() => checkpoint);
    const near = waiters.wait(5n, 10_000);
    const far = waiters.wait(9n, 10_000);
    expect(waiters.pending).toBe(2);
    checkpoint = 5n;
    waiters.release();
    await expect(near).resolves.toBe(true);
    expect(waiters.pending).toBe(1);
    checkpoint = 9n;
    waiters.release();
    await expect(far).resolves.toBe(true);
    expect(waiters.pending).toBe(0);
  });

  it('answers false after the timeout when nothing reached the position, and forgets the wait', async () => {
    const waiters = createCheckpointWaiters(() => 3n);
    await expect(waiters.wait(4n, 10)).resolves.toBe(false);
    expect(waiters.pending).toBe(0);
  });

  it('polls a stored checkpoint (another process projects) until it passes the position or the time is up', async () => {
    const stored = [null, 1n, 2n, 7n];
    let reads = 0;
    await expect(pollCheckpoint(async () => stored[Math.min(reads++, stored.length - 1)], 7n, 5000, 1)).resolves.toBe(true);
    expect(reads).toBe(4);
    await expect(pollCheckpoint(async () => 6n, 7n, 20, 1)).resolves.toBe(false);
  });
});
