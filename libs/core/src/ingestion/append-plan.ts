import { type AppendRequest, CLOCK_STREAM, type NewEvent } from '@lifecycle/event-store';

/** An event the decider accepted, in decision order; `index` is its candidate (null for a tick the import added). */
export interface DecidedEvent {
  index: number | null;
  streamId: string;
  event: NewEvent;
}

export interface PlannedRequest extends AppendRequest {
  /** The candidates answered by this request's outcome. */
  indexes: number[];
}

/**
 * Turns the accepted events of one round into append calls, in decision order (the log keeps
 * the order the events were submitted in, so an exported log re-imports to the same positions):
 * - consecutive events of one stream go in ONE request with ONE expected revision (the stream's
 *   revision before the round plus what its earlier requests add), so a batch's
 *   [purchase, refund] of a customer is appended, or refused, as a whole;
 * - a call ends at each clock request (the clock stream is the last request of its call), so
 *   the customer events decided after a tick are appended after it, and when the tick fails the
 *   caller appends nothing that follows it.
 * - a stream has at most one request per call: when its events resume after another stream's,
 *   a new call starts. The outcome of its earlier request decides whether the later one may go:
 *   an earlier request answered `duplicate` (another writer stored those events, with other
 *   metadata and so other hashes) would otherwise let the later one land at a matching revision,
 *   chained to a hash that is not in the log.
 * The store also appends none of a stream's later requests once one conflicts, and the caller
 * retries them all.
 * `revisionBefore` is each stream's revision before the round (-1n when it does not exist).
 */
export function planAppendCalls(decided: readonly DecidedEvent[], revisionBefore: (streamId: string) => bigint): PlannedRequest[][] {
  const calls: PlannedRequest[][] = [];
  const next = new Map<string, bigint>();
  let call: PlannedRequest[] = [];
  /** The streams of the current call (a lookup instead of a scan of its requests). */
  let inCall = new Set<string>();

  for (let i = 0; i < decided.length; i++) {
    const { index, streamId, event } = decided[i]!;
    let request: PlannedRequest | undefined = call[call.length - 1];
    if (request?.streamId !== streamId && inCall.has(streamId)) {
      calls.push(call);
      call = [];
      inCall = new Set();
      request = undefined;
    }
    if (request?.streamId !== streamId) {
      const revision = next.get(streamId) ?? revisionBefore(streamId);
      request = { streamId, expectedRevision: revision < 0n ? 'no_stream' : revision, events: [], indexes: [] };
      call.push(request);
      inCall.add(streamId);
    }
    request.events.push(event);
    if (index !== null) request.indexes.push(index);
    next.set(streamId, (next.get(streamId) ?? revisionBefore(streamId)) + 1n);
    // A tick closes the call unless the next decided event is another tick (they join one request).
    if (streamId === CLOCK_STREAM && decided[i + 1]?.streamId !== CLOCK_STREAM) {
      calls.push(call);
      call = [];
      inCall = new Set();
    }
  }
  if (call.length > 0) calls.push(call);
  return calls;
}

