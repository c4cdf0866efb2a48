import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import { DEFAULT_LOG_BATCH_SIZE, readLogBatches } from '../event-log/read-log-batches.js';
import type { Projector } from './projector.js';

/** Projects the log from the projector's checkpoint to the current head, then returns. */
export async function catchUp(
  store: EventStore, projector: Projector, batchSize = DEFAULT_LOG_BATCH_SIZE, onBatch?: (events: RecordedEvent[]) => void,
): Promise<void> {
  for await (const events of readLogBatches(store, { after: projector.checkpoint ?? undefined, batchSize })) {
    await projector.handle(events);
    onBatch?.(events);
  }
}
