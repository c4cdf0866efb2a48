import type { EventStore, RecordedEvent } from '@lifecycle/event-store';

export const DEFAULT_LOG_BATCH_SIZE = 5000;

export interface LogBatchOptions {
  /** Start after this position (exclusive); undefined = from the start of the log. */
  after?: bigint;
  /** Stop at this position (inclusive); undefined = up to the head as the reads reach it. */
  until?: bigint;
  /** Events per read (default 5000). */
  batchSize?: number;
}

/**
 * The log in position order, one `readAll` page per batch, from `after` to `until` or the
 * head. Each page is read only when the consumer asks for the next batch, so a consumer that
 * awaits its work per batch applies backpressure; an empty page ends the iteration.
 */
export async function* readLogBatches(store: EventStore, options: LogBatchOptions = {}): AsyncGenerator<RecordedEvent[]> {
  const { until, batchSize = DEFAULT_LOG_BATCH_SIZE } = options;
  let after = options.after;
  for (;;) {
    if (until !== undefined && after !== undefined && after >= until) return;
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) return;
    const last = batch[batch.length - 1].position;
    if (until !== undefined && last > until) {
      const kept = batch.filter((event) => event.position <= until);
      if (kept.length > 0) yield kept;
      return;
    }
    yield batch;
    after = last;
  }
}
