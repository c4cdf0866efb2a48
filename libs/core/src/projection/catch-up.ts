import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import type { Projector } from './projector.js';

/** Projects the log from the projector's checkpoint to the current head, then returns. */
export async function catchUp(
  store: EventStore, projector: Projector, batchSize = 5000, onBatch?: (events: RecordedEvent[]) => void,
): Promise<void> {
  for (;;) {
    const events = await store.readAll({ after: projector.checkpoint ?? undefined, maxCount: batchSize });
    if (events.length === 0) return;
    await projector.handle(events);
    onBatch?.(events);
  }
}
