import {
  WrongExpectedRevisionError,
  type AppendedEvent,
  type AppendRequest,
  type AppendResult,
  type NewEvent,
} from '../event-store.port.js';
import { eventKey } from './esdb-recorded-event.js';
import { expectationMet, toActual } from './esdb-revision.js';

export interface StoredRef {
  revision: bigint;
  position: bigint;
}

type Slot = { eventId: string } & ({ known: StoredRef } | { newIndex: number });

export type AppendPlan =
  | { kind: 'done'; result: AppendResult }
  | { kind: 'conflict'; error: WrongExpectedRevisionError }
  | { kind: 'append'; current: bigint; events: NewEvent[]; slots: Slot[] };

/**
 * Decides what to write, as the embedded adapter does: events whose id is already in the stream are
 * duplicates (a request of only duplicates is acknowledged without checking the expected revision);
 * otherwise the expected revision must match and only the new events are written, an id repeated
 * within the request once. `current` is the stream's last revision, -1n when it does not exist.
 */
export function planAppend(request: AppendRequest, current: bigint, lookup: (key: string) => StoredRef | undefined): AppendPlan {
  const stored = request.events.map((event) => lookup(eventKey(event.eventId)));
  const allDuplicates = stored.length > 0 && stored.every(Boolean);
  if (!allDuplicates && !expectationMet(request.expectedRevision, current)) {
    return { kind: 'conflict', error: new WrongExpectedRevisionError(request.streamId, request.expectedRevision, toActual(current)) };
  }
  const events: NewEvent[] = [];
  const firstIndex = new Map<string, number>();
  const slots = request.events.map((event, i): Slot => {
    const known = stored[i];
    if (known) return { eventId: event.eventId, known };
    const key = eventKey(event.eventId);
    let newIndex = firstIndex.get(key);
    if (newIndex === undefined) {
      newIndex = events.push(event) - 1;
      firstIndex.set(key, newIndex);
    }
    return { eventId: event.eventId, newIndex };
  });
  if (events.length === 0) return { kind: 'done', result: assembleResult(request.streamId, current, slots, []) };
  return { kind: 'append', current, events, slots };
}

/**
 * The outcome of a request whose stream already had a conflicting request earlier in the same
 * appendMany: never written, whatever its expected revision, so a stream's chain cannot fork on
 * a speculative head. `current` is the stream's last known revision, -1n when it does not exist.
 */
export function skippedAfterConflict(request: AppendRequest, current: bigint): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(request.streamId, request.expectedRevision, toActual(current));
}

/** The port result once the new events have their revisions and positions (in the order they were written). */
export function assembleResult(streamId: string, current: bigint, slots: Slot[], written: StoredRef[]): AppendResult {
  const seen = new Set<number>();
  const events = slots.map((slot): AppendedEvent => {
    if ('known' in slot) return { eventId: slot.eventId, status: 'duplicate', ...slot.known };
    const ref = written[slot.newIndex];
    if (!ref) throw new Error(`no stored reference for event ${slot.eventId}`);
    const status = seen.has(slot.newIndex) ? 'duplicate' : 'appended';
    seen.add(slot.newIndex);
    return { eventId: slot.eventId, status, revision: ref.revision, position: ref.position };
  });
  const last = written.length > 0 ? written[written.length - 1]!.revision : current;
  return { streamId, nextExpectedRevision: last > current ? last : current, events };
}
