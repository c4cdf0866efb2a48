/** What /health shows of a projection that keeps failing. */
export interface ProjectionFailure {
  error: string;
  /** Failed attempts since the last success. */
  retries: number;
  since: string;
  /** Delay before the next attempt. */
  nextRetryMs: number;
}

export class RetryStoppedError extends Error {
  constructor() {
    super('projection paused while retrying');
    this.name = 'RetryStoppedError';
  }
}

/**
 * Retries a task forever with capped exponential backoff (firstMs, doubling, at most maxMs),
 * keeping the current failure for /health. The wait is cut short by stop(), so pausing the
 * projector never waits out a long backoff.
 */
export class RetryBackoff {
  failure: ProjectionFailure | null = null;
  /** Failed attempts since the process started (never reset). */
  totalRetries = 0;
  private wake: (() => void) | null = null;

  constructor(
    public firstMs = 100,
    public maxMs = 30_000,
  ) {}

  /** Runs `task` until it succeeds; throws RetryStoppedError once `stopped()` is true between attempts. */
  async run<T>(task: () => Promise<T>, stopped: () => boolean, onFailure: (failure: ProjectionFailure, error: unknown) => void): Promise<T> {
    for (;;) {
      if (stopped()) throw new RetryStoppedError();
      try {
        const result = await task();
        this.failure = null;
        return result;
      } catch (error) {
        onFailure(this.recordFailure(error), error);
      }
      await this.sleep(this.failure!.nextRetryMs);
    }
  }

  /** Records a failed attempt (also for failures retried elsewhere, e.g. a subscription restart). */
  recordFailure(error: unknown): ProjectionFailure {
    const retries = (this.failure?.retries ?? 0) + 1;
    this.totalRetries += 1;
    this.failure = {
      error: error instanceof Error ? error.message : String(error),
      retries,
      since: this.failure?.since ?? new Date().toISOString(),
      nextRetryMs: Math.min(this.maxMs, this.firstMs * 2 ** Math.min(retries - 1, 30)),
    };
    return this.failure;
  }

  succeeded(): void {
    this.failure = null;
  }

  /** Ends the current wait at once. */
  stop(): void {
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }
}
