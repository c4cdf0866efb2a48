import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-store.port.js';

export interface PollingSubscriptionOptions extends SubscribeOptions {
  read: (after: bigint | undefined, maxCount: number) => RecordedEvent[];
  /** Registers a wake-up listener; returns the function that removes it. */
  listen: (wake: () => void) => () => void;
  pollIntervalMs: number;
  /**
   * A number that changes when another process has written the log since the last call: the
   * timer reads the log only then (this process's appends wake the subscription themselves).
   * Without it, every tick reads.
   */
  version?: () => number;
}

/**
 * Catch-up then live delivery over a readable log: reads batch after batch (awaiting the handler
 * in between), then waits for a wake-up from an in-process append or the polling timer, which
 * picks up appends by other processes.
 */
export function startPollingSubscription(options: PollingSubscriptionOptions): Subscription {
  const batchSize = options.batchSize ?? 1000;
  let checkpoint = options.after;
  let stopped = false;
  let caughtUp = false;
  let running: Promise<void> | undefined;
  let wakeRequested = false;

  const pump = async (): Promise<void> => {
    while (!stopped) {
      const batch = options.read(checkpoint, batchSize);
      if (batch.length > 0) {
        await options.handler(batch);
        checkpoint = batch[batch.length - 1]!.position;
      }
      if (batch.length < batchSize) {
        if (!caughtUp) {
          caughtUp = true;
          options.onCaughtUp?.();
        }
        return;
      }
    }
  };

  const fail = (error: unknown): void => {
    halt();
    if (options.onError) options.onError(error);
    else console.error('event store subscription stopped', error);
  };

  const wake = (): void => {
    if (stopped) return;
    if (running) {
      wakeRequested = true;
      return;
    }
    running = pump()
      .catch(fail)
      .finally(() => {
        running = undefined;
        if (wakeRequested) {
          wakeRequested = false;
          wake();
        }
      });
  };

  const unlisten = options.listen(wake);
  let seenVersion = options.version?.();
  const poll = (): void => {
    if (options.version) {
      const version = options.version();
      if (version === seenVersion) return;
      seenVersion = version;
    }
    wake();
  };
  // Not unref'd: a live subscription keeps its process alive, as an EventStoreDB subscription's
  // open stream does (the projector process, apps/projector, has nothing else to wait on).
  const timer = setInterval(poll, options.pollIntervalMs);
  queueMicrotask(wake);

  function halt(): void {
    stopped = true;
    clearInterval(timer);
    unlisten();
  }

  return {
    async stop() {
      halt();
      await running;
    },
  };
}
