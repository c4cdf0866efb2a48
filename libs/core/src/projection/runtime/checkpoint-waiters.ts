/** How often a wait polls the stored checkpoint when another process projects. */
export const CHECKPOINT_POLL_MS = 5;

/**
 * Read-your-writes inside the projecting process: waits resolve as soon as a projected batch
 * reaches their position (`release` after each batch), or with the last answer at their timeout.
 */
export interface CheckpointWaiters {
  /** Resolves true once `reached(position)`, or with `reached(position)` after `timeoutMs`. */
  wait(position: bigint, timeoutMs: number): Promise<boolean>;
  /** Resolves every wait whose position is reached now. */
  release(): void;
  readonly pending: number;
}

export function createCheckpointWaiters(checkpoint: () => bigint | null): CheckpointWaiters {
  let waiters: Array<{ position: bigint; resolve: () => void }> = [];
  const reached = (position: bigint): boolean => {
    const at = checkpoint();
    return at !== null && at >= position;
  };
  return {
    wait(position, timeoutMs) {
      if (reached(position)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter = {
          position,
          resolve: () => {
            clearTimeout(timer);
            resolve(true);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve(reached(position));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    release() {
      const ready = waiters.filter((w) => reached(w.position));
      if (ready.length === 0) return;
      waiters = waiters.filter((w) => !ready.includes(w));
      for (const waiter of ready) waiter.resolve();
    },
    get pending() {
      return waiters.length;
    },
  };
}

/** The wait where another process projects: polls the stored checkpoint until it passes `position` or the timeout. */
export async function pollCheckpoint(stored: () => Promise<bigint | null>, position: bigint, timeoutMs: number, pollMs = CHECKPOINT_POLL_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoint = await stored();
    if (checkpoint !== null && checkpoint >= position) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}
