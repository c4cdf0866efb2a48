import type { AppendResult as ClientAppendResult } from '@eventstore/db-client';
import { CLOCK_STREAM, WrongExpectedRevisionError, type AppendManyOptions, type AppendRequest, type AppendResult } from '../event-store.port.js';
import { assembleResult, planAppend, skippedAfterConflict, type AppendPlan, type StoredRef } from './esdb-append-plan.js';
import { isWrongExpectedVersion, toWrongExpectedRevisionError } from './esdb-errors.js';
import { encodePosition, positionOrUnknown } from './esdb-position.js';
import { eventKey, toEventData } from './esdb-recorded-event.js';
import { collectStream, type EsdbReader } from './esdb-reads.js';
import { toClientExpectedRevision, toPortActualRevision } from './esdb-revision.js';
import { KnownEventsCache, type KnownStream } from './known-events-cache.js';
import { createKeyedLock, runOrderedPipeline } from './ordered-pipeline.js';

type Outcome = AppendResult | WrongExpectedRevisionError;
type Written = { plan: Extract<AppendPlan, { kind: 'append' }>; result: ClientAppendResult };
type Committed = { outcome: Outcome } | Written;

/** Attempts per request when another writer changes the stream between our read and our append. */
const MAX_ATTEMPTS = 3;

export interface EsdbAppenderOptions {
  /** Bound of the event-id cache, in event ids over all streams. */
  cacheSize: number;
  /** appendMany: how many requests may be read and planned ahead of the one being written. */
  concurrency: number;
}

/**
 * Appends with duplicate detection by event id. EventStoreDB's own idempotency only recognises a
 * retry of the latest write (and with ANY only on a best-effort basis), so each stream's event ids
 * are kept in a bounded cache that is brought up to date by reading the stream from the cached tail
 * on (the whole stream on a miss) before planning; only the events not yet in the stream are
 * appended, with the caller's expected revision. A conflict from the server means someone wrote in
 * between: the tail is read again and the request re-planned, so a concurrent retry of the same
 * events is still acknowledged as a duplicate.
 */
export function createEsdbAppender(reader: EsdbReader, options: EsdbAppenderOptions) {
  const { client } = reader;
  const cache = new KnownEventsCache(options.cacheSize);
  const lock = createKeyedLock();

  const refresh = async (streamId: string): Promise<KnownStream> => {
    const from = cache.entry(streamId).lastRevision + 1n;
    for (const resolved of await collectStream(reader, streamId, from)) {
      const event = resolved.event;
      if (!event) continue;
      cache.record(streamId, eventKey(event.id), { revision: event.revision, position: positionOrUnknown(event.position) });
      cache.completeUpTo(streamId, event.revision);
    }
    cache.trim(streamId);
    return cache.entry(streamId);
  };

  const prepare = async (request: AppendRequest): Promise<AppendPlan> => {
    const known = await refresh(request.streamId);
    return planAppend(request, known.lastRevision, (key) => known.ids.get(key));
  };

  const commit = async (request: AppendRequest, plan: AppendPlan, recordedAt: string, attempt = 1): Promise<Committed> => {
    if (plan.kind === 'done') return { outcome: plan.result };
    if (plan.kind === 'conflict') return { outcome: plan.error };
    let conflict: WrongExpectedRevisionError;
    try {
      const result = await client.appendToStream(
        request.streamId,
        plan.events.map((event) => toEventData(event, recordedAt)),
        { expectedRevision: toClientExpectedRevision(request.expectedRevision) },
      );
      if (result.success) return { plan, result };
      // Only when the connection string sets throwOnAppendFailure=false.
      conflict = new WrongExpectedRevisionError(request.streamId, request.expectedRevision, toPortActualRevision(result.nextExpectedRevision));
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      conflict = toWrongExpectedRevisionError(request.streamId, request.expectedRevision, error);
    }
    if (attempt >= MAX_ATTEMPTS) return { outcome: conflict };
    return commit(request, await prepare(request), recordedAt, attempt + 1);
  };

  /** Revisions and positions of the written events: from the append result for one event, else read back. */
  const finish = async (request: AppendRequest, committed: Committed): Promise<Outcome> => {
    if ('outcome' in committed) return committed.outcome;
    const { plan, result } = committed;
    const { streamId } = request;
    const count = BigInt(plan.events.length);
    if (plan.events.length === 1 && result.position) {
      cache.record(streamId, eventKey(plan.events[0]!.eventId), {
        revision: result.nextExpectedRevision,
        position: encodePosition(result.position),
      });
    } else {
      await refresh(streamId);
    }
    const known = cache.entry(streamId);
    const first = result.nextExpectedRevision - count + 1n;
    const written = plan.events.map((event, i): StoredRef => {
      const ref = known.ids.get(eventKey(event.eventId));
      return { revision: first + BigInt(i), position: ref?.position ?? -1n };
    });
    return assembleResult(streamId, plan.current, plan.slots, written);
  };

  return {
    async append(request: AppendRequest): Promise<AppendResult> {
      const outcome = await lock(request.streamId, async () =>
        finish(request, await commit(request, await prepare(request), new Date().toISOString())),
      );
      if (outcome instanceof WrongExpectedRevisionError) throw outcome;
      return outcome;
    },

    /**
     * Requests in order, each atomic on its own; after a conflict, the stream's later requests are
     * reported as conflicts without being written (they were planned on top of the failed one).
     * Reads and planning run ahead for up to `concurrency` requests (one at a time per stream). The
     * appends of different streams are pipelined: those between two requests to an ordered stream
     * (the clock) are in flight together, one at a time per stream (so a stream's failure is known
     * before its later requests commit), while a clock request is appended after every earlier
     * request and before every later one, so a tick still lands before the customer event that
     * needed it (the ingestion relies on it). Awaiting each append in turn made an import one
     * round trip per request.
     */
    async appendMany(requests: AppendRequest[], { orderedStreams = [CLOCK_STREAM] }: AppendManyOptions = {}): Promise<Outcome[]> {
      const recordedAt = new Date().toISOString();
      const failed = new Set<string>();
      const ordered = new Set(orderedStreams);
      return runOrderedPipeline(requests, {
        concurrency: options.concurrency,
        keyOf: (request) => request.streamId,
        lock,
        prepare,
        commit: async (request, plan) => {
          const committed = failed.has(request.streamId)
            ? { outcome: skippedAfterConflict(request, cache.entry(request.streamId).lastRevision) }
            : await commit(request, plan, recordedAt);
          if ('outcome' in committed && committed.outcome instanceof WrongExpectedRevisionError) failed.add(request.streamId);
          return committed;
        },
        isBarrier: (request) => ordered.has(request.streamId),
        finish,
      });
    },
  };
}
