import { type LifecycleEvent, parseInstant } from '@lifecycle/domain';
import { CLOCK_STREAM, customerStream, type EventStore, type RecordedEvent } from '@lifecycle/event-store';
import { toLifecycleEvent } from '../projection/to-lifecycle-event.js';
import { ADMIN_STREAM } from './admin-audit.js';

export interface ExportFilter {
  customerId?: string;
  /** Only events with occurredAt ≥ from (ms). */
  from?: number;
  /** Only events with occurredAt ≤ to (ms). */
  to?: number;
  batchSize?: number;
}

/**
 * The log in the import format, in log order, DayEnded ticks included, so an export
 * re-imports (without --clock) into an empty store and yields the same read model. With a
 * customer, its stream and the clock's ticks, merged by position.
 */
export async function* exportLog(store: EventStore, filter: ExportFilter = {}): AsyncGenerator<LifecycleEvent[]> {
  const keep = (recorded: RecordedEvent): boolean => {
    const at = parseInstant(String(recorded.data.occurredAt)) as number;
    return (filter.from === undefined || at >= filter.from) && (filter.to === undefined || at <= filter.to);
  };
  if (filter.customerId !== undefined) {
    const [own, clock] = await Promise.all([store.readStream(customerStream(filter.customerId)), store.readStream(CLOCK_STREAM)]);
    yield [...own, ...clock].sort((a, b) => (a.position < b.position ? -1 : 1)).filter(keep).map(toLifecycleEvent);
    return;
  }
  let after: bigint | undefined;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: filter.batchSize ?? 5000 });
    if (batch.length === 0) return;
    after = batch[batch.length - 1].position;
    yield batch.filter((recorded) => recorded.streamId !== ADMIN_STREAM && keep(recorded)).map(toLifecycleEvent);
  }
}
