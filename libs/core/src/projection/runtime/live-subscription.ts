import type { EventStore, Subscription } from '@lifecycle/event-store';
import type { Projector } from '../projector.js';
import type { ProjectionFailure, RetryBackoff } from './retry-backoff.js';

export interface LiveSubscriptionOptions {
  events: EventStore;
  projector: Projector;
  after: bigint | null;
  batchSize: number;
  backoff: RetryBackoff;
  /** True once this subscription was replaced or paused: a batch being retried gives up. */
  stale: () => boolean;
  onBatchFailed(failure: ProjectionFailure, error: unknown): void;
  onBatch(): void;
  onCaughtUp(): void;
  onError(error: unknown): void;
}

/**
 * The live projector: a catch-up subscription over the whole log from the checkpoint. A failing
 * batch (storage error, disk full, store unreachable) is retried as it is, forever; the
 * projector's position guards make a retry after a partial write a no-op.
 */
export function subscribeLive(options: LiveSubscriptionOptions): Subscription {
  const { projector, backoff } = options;
  return options.events.subscribeToAll({
    after: options.after ?? undefined,
    batchSize: options.batchSize,
    handler: async (batch) => {
      await backoff.run(() => projector.handle(batch), options.stale, (failure, error) => options.onBatchFailed(failure, error));
      options.onBatch();
    },
    onCaughtUp: () => options.onCaughtUp(),
    onError: (error) => options.onError(error),
  });
}
