import type { LifecycleEvent } from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import { ADMIN_STREAM } from '../event-log/admin-log.js';
import { readClockEvents } from '../event-log/clock-ticks.js';
import { readCustomerEvents } from '../event-log/customer-events.js';
import { occurredAtOf, toLifecycleEvent } from '../event-log/event-codec.js';
import { readLogBatches } from '../event-log/read-log-batches.js';

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
    const at = occurredAtOf(recorded);
    return (filter.from === undefined || at >= filter.from) && (filter.to === undefined || at <= filter.to);
  };
  if (filter.customerId !== undefined) {
    const [own, clock] = await Promise.all([readCustomerEvents(store, filter.customerId), readClockEvents(store)]);
    yield [...own, ...clock].sort((a, b) => (a.position < b.position ? -1 : 1)).filter(keep).map(toLifecycleEvent);
    return;
  }
  for await (const batch of readLogBatches(store, { batchSize: filter.batchSize })) {
    yield batch.filter((recorded) => recorded.streamId !== ADMIN_STREAM && keep(recorded)).map(toLifecycleEvent);
  }
}
