import type { EventStore } from '@lifecycle/event-store';
import type { LogEvent } from './generate-log.js';
import { toAppendRequest } from './stored-events.js';

const CHUNK = 5000;

/** Writes envelopes straight through the store's appendMany (no validation or decisions), in chunks. */
export async function appendLog(store: EventStore, events: Iterable<LogEvent>, onEvent?: (event: LogEvent) => void): Promise<number> {
  let chunk = [];
  let count = 0;
  for (const event of events) {
    onEvent?.(event);
    chunk.push(toAppendRequest(event));
    if (chunk.length === CHUNK) {
      await store.appendMany(chunk);
      count += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) await store.appendMany(chunk);
  return count + chunk.length;
}
