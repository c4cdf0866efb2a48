import {
  WrongExpectedRevisionError,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
} from './event-store.port.js';
import { appendCallsInTurn } from './append-calls.js';
import { type EventTexts, UNCACHED_TEXTS } from './event-texts.js';

/**
 * Bytes per append request. EventStoreDB refuses an append over its MaxAppendSize (1 MiB by
 * default, counted on data + metadata + type); half of it leaves room for the metadata the
 * adapter stamps and for estimates that differ from the server's count.
 */
export const MAX_APPEND_BYTES = 512 * 1024;

/** The bytes an event takes on the wire: JSON data and metadata, the type, and the stamped recordedAt. */
export const estimatedEventBytes = (event: NewEvent, texts: EventTexts = UNCACHED_TEXTS): number =>
  Buffer.byteLength(texts.data(event)) + Buffer.byteLength(texts.metadata(event)) + 2 * event.type.length + 64;

/** Consecutive chunks of at most `maxBytes` each (an event larger than that alone gets a chunk of its own). */
export function chunkEvents(events: NewEvent[], maxBytes: number, texts: EventTexts = UNCACHED_TEXTS): NewEvent[][] {
  const chunks: NewEvent[][] = [];
  let current: NewEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = estimatedEventBytes(event, texts);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Appends one request as several appends under the limit, each expecting the revision the previous
 * one left, so the caller's expected revision is checked once, on the first chunk. The request is
 * then no longer atomic: a conflict or failure after the first chunk leaves the earlier chunks
 * written, which a retry of the same request acknowledges as duplicates and completes.
 */
async function appendInChunks(store: EventStore, request: AppendRequest, chunks: NewEvent[][]): Promise<AppendResult> {
  let expected: ExpectedRevision = request.expectedRevision;
  const events: AppendResult['events'] = [];
  let nextExpectedRevision = -1n;
  for (const chunk of chunks) {
    const result = await store.append({ streamId: request.streamId, expectedRevision: expected, events: chunk });
    events.push(...result.events);
    nextExpectedRevision = result.nextExpectedRevision;
    expected = nextExpectedRevision < 0n ? 'no_stream' : nextExpectedRevision;
  }
  return { streamId: request.streamId, nextExpectedRevision, events };
}

/**
 * Wraps an adapter so that no append request exceeds `maxBytes`: larger requests (a clock
 * catch-up of thousands of DayEnded, a big import batch) are split per stream into chained
 * appends; requests under the limit go through unchanged, `appendMany` keeping their order.
 * `texts` shares the JSON the estimate writes with an adapter that inserts it.
 */
export function withAppendLimit(store: EventStore, maxBytes = MAX_APPEND_BYTES, texts: EventTexts = UNCACHED_TEXTS): EventStore {
  type Outcome = AppendResult | WrongExpectedRevisionError;
  const split = (request: AppendRequest): NewEvent[][] => chunkEvents(request.events, maxBytes, texts);

  const appendOne = async (request: AppendRequest): Promise<AppendResult> => {
    const chunks = split(request);
    return chunks.length <= 1 ? store.append(request) : appendInChunks(store, request, chunks);
  };

  const limited: EventStore = {
    append: appendOne,
    readStream: (streamId, fromRevision, maxCount) => store.readStream(streamId, fromRevision, maxCount),
    streamRevision: (streamId) => store.streamRevision(streamId),
    ...(store.existingStreams ? { existingStreams: (streamIds: readonly string[]) => store.existingStreams!(streamIds) } : {}),
    readAll: (options) => store.readAll(options),
    headPosition: () => store.headPosition(),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
    // Calls with an oversized request go one after the other through the chunking appendMany.
    async appendCalls(calls, barrier) {
      if (store.appendCalls && calls.every((call) => call.every((request) => split(request).length <= 1))) {
        return store.appendCalls(calls, barrier);
      }
      return appendCallsInTurn(limited, calls, barrier);
    },
    async appendMany(requests, options) {
      const chunked = requests.map(split);
      if (chunked.every((chunks) => chunks.length <= 1)) return store.appendMany(requests, options);
      const outcomes: Outcome[] = [];
      let run: AppendRequest[] = [];
      const flush = async (): Promise<void> => {
        if (run.length > 0) outcomes.push(...(await store.appendMany(run, options)));
        run = [];
      };
      for (const [i, request] of requests.entries()) {
        if (chunked[i]!.length <= 1) {
          run.push(request);
          continue;
        }
        await flush();
        try {
          outcomes.push(await appendInChunks(store, request, chunked[i]!));
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          outcomes.push(error);
        }
      }
      await flush();
      return outcomes;
    },
  };
  return limited;
}
