import type { LifecycleEvent } from '@lifecycle/domain';
import type { NewEvent } from '@lifecycle/event-store';
import { chained } from '../event-log/hash-chain.js';
import { toLifecycleEvent, toNewEvent } from '../event-log/event-codec.js';

// Ingestion's only imports of the event codec and the hash chain.
export { toLifecycleEvent };

/** The event as stored: its envelope metadata plus the session's (e.g. source). */
export const withMetadata = (event: LifecycleEvent, metadata: Record<string, string> = {}): NewEvent =>
  toNewEvent(event, { ...(event.metadata ?? {}), ...metadata });

/** Links each event to the previous one of its stream (tamper evidence); returns them and the new head. */
export function chainEvents(head: string | null, events: readonly NewEvent[]): { events: NewEvent[]; lastHash: string | null } {
  let lastHash = head;
  const linked = events.map((event) => {
    const link = chained(lastHash, event);
    lastHash = link.metadata.hash!;
    return link;
  });
  return { events: linked, lastHash };
}
