import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  WrongExpectedRevisionError,
  type AppendedEvent,
  type AppendRequest,
  type AppendResult,
  type EventStore,
} from '../event-store.port.js';
import { MAX_APPEND_BYTES, withAppendLimit } from '../append-limit.js';
import { createEventTexts, type EventTexts } from '../event-texts.js';
import { type CallOutcomes, createCallSkips } from '../append-calls.js';
import { openSubscriptions } from '../open-subscriptions.js';
import { startPollingSubscription } from './polling-subscription.js';
import { prepareStatements, type SqliteStatements, type StoredRef } from './sqlite-statements.js';
import { createStreamIndex } from './stream-index.js';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * How often a subscription looks for appends made by other processes (its own process's
   * appends wake it at once). A look at an unchanged file is one `PRAGMA data_version`.
   */
  pollIntervalMs?: number;
}

/** A projector in its own process sees the API's appends within this much (it was 100 ms). */
const DEFAULT_POLL_INTERVAL_MS = 10;

/**
 * WAL with NORMAL sync: a commit is durable against a process crash, and against power loss
 * once checkpointed. Exported for the benchmark's raw-insert baseline, which uses the same.
 */
export const EVENT_STORE_PRAGMAS = ['journal_mode = WAL', 'synchronous = NORMAL'];

export function createSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = openDatabase(options.file);
  const statements = prepareStatements(db);
  const listeners = new Set<() => void>();
  const subscriptions = openSubscriptions();
  const streams = createStreamIndex(db);
  const texts = createEventTexts();

  /** One call's requests; `skips` leaves out the streams that failed in earlier calls of the same transaction. */
  const appendCall = (requests: AppendRequest[], recordedAt: string, skips?: (request: AppendRequest) => boolean) => {
    // A stream whose request failed gets none of its later requests in this call: they were
    // planned on top of the failed one, and appending them would fork its chain.
    const failed = new Set<string>();
    return requests.map((request) => {
      try {
        if (failed.has(request.streamId) || skips?.(request)) throw skippedAfterConflict(statements, request);
        return appendOne(statements, request, recordedAt, texts);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        failed.add(request.streamId);
        return error;
      }
    });
  };

  const appendAll = db.transaction((calls: AppendRequest[][], recordedAt: string, barrier: string | undefined): CallOutcomes => {
    if (calls.length === 1) return [appendCall(calls[0]!, recordedAt)];
    const skips = createCallSkips(barrier);
    return calls.map((call) => {
      const outcomes = appendCall(call, recordedAt, skips.skips);
      skips.record(call, outcomes);
      return outcomes;
    });
  });

  const runAppend = (calls: AppendRequest[][], barrier?: string): CallOutcomes => {
    let outcomes: CallOutcomes;
    try {
      outcomes = appendAll.immediate(calls, new Date().toISOString(), barrier);
    } finally {
      texts.clear();
    }
    let appended = false;
    const streamIds: string[] = [];
    for (const results of outcomes) {
      for (const r of results) {
        if (r instanceof Error) continue;
        if (r.nextExpectedRevision >= 0n) streamIds.push(r.streamId);
        if (!appended && r.events.some((e) => e.status === 'appended')) appended = true;
      }
    }
    streams.added(streamIds);
    if (appended) for (const listener of listeners) listener();
    return outcomes;
  };

  return withAppendLimit({
    async append(request) {
      const [result] = runAppend([[request]])[0]!;
      if (result instanceof Error) throw result;
      return result!;
    },
    async appendMany(requests) {
      return runAppend([requests])[0]!;
    },
    async appendCalls(calls, barrier) {
      return runAppend(calls, barrier);
    },
    async readStream(streamId, fromRevision = 0n, maxCount = Number.MAX_SAFE_INTEGER) {
      return statements.readStream(streamId, fromRevision, maxCount);
    },
    async streamRevision(streamId) {
      const revision = statements.lastRevision(streamId);
      return revision < 0n ? 'no_stream' : revision;
    },
    async existingStreams(streamIds) {
      return streams.existing(streamIds);
    },
    async readAll({ after, maxCount }) {
      return statements.readAll(after, maxCount);
    },
    async headPosition() {
      return statements.headPosition();
    },
    subscribeToAll(subscribeOptions) {
      const inner = startPollingSubscription({
        ...subscribeOptions,
        read: statements.readAll,
        listen: (wake) => {
          listeners.add(wake);
          return () => listeners.delete(wake);
        },
        pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        // Changes when another connection (another process) has committed since the last look.
        version: () => db.pragma('data_version', { simple: true }) as number,
      });
      return subscriptions.track(inner);
    },
    async close() {
      await subscriptions.stopAll();
      if (db.open) db.close();
    },
  }, MAX_APPEND_BYTES, texts);
}

function openDatabase(file: string): Database.Database {
  if (file !== ':memory:' && file !== '' && !file.startsWith('file:')) {
    mkdirSync(dirname(resolve(file)), { recursive: true });
  }
  const db = new Database(file);
  for (const pragma of EVENT_STORE_PRAGMAS) db.pragma(pragma);
  return db;
}

/**
 * One request. At the expected revision, each event is inserted unless its id is in the stream
 * already (a duplicate, answered with where it is); otherwise the request goes through only if
 * every event is stored already (all duplicates), else it conflicts.
 */
function appendOne(statements: SqliteStatements, request: AppendRequest, recordedAt: string, texts: EventTexts): AppendResult {
  const { streamId, expectedRevision } = request;
  const current = statements.lastRevision(streamId);
  if (!matches(expectedRevision, current)) return allStoredAlready(statements, request, current);
  let revision = current;
  const written = new Map<string, StoredRef>();
  const events = request.events.map((event): AppendedEvent => {
    const key = event.eventId.toLowerCase();
    const known = written.get(key);
    if (known) return { eventId: event.eventId, status: 'duplicate', revision: known.revision, position: known.position };
    const position = statements.insertNew(streamId, revision + 1n, key, event.type, texts.data(event), texts.metadata(event), recordedAt);
    if (position === null) {
      const stored = statements.findEvent(streamId, key)!;
      return { eventId: event.eventId, status: 'duplicate', revision: stored.revision, position: stored.position };
    }
    revision += 1n;
    written.set(key, { revision, position });
    return { eventId: event.eventId, status: 'appended', revision, position };
  });
  return { streamId, nextExpectedRevision: revision, events };
}

/** A request at another revision than expected: answered as duplicates when all its events are stored, else a conflict. */
function allStoredAlready(statements: SqliteStatements, request: AppendRequest, current: bigint): AppendResult {
  const { streamId, expectedRevision } = request;
  const stored = current >= 0n ? request.events.map((event) => statements.findEvent(streamId, event.eventId.toLowerCase())) : [];
  if (request.events.length === 0 || stored.length === 0 || !stored.every((ref) => ref !== undefined)) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, current < 0n ? 'no_stream' : current);
  }
  const events = request.events.map((event, i): AppendedEvent => ({
    eventId: event.eventId, status: 'duplicate', revision: stored[i]!.revision, position: stored[i]!.position,
  }));
  return { streamId, nextExpectedRevision: current, events };
}

function skippedAfterConflict(statements: SqliteStatements, request: AppendRequest): WrongExpectedRevisionError {
  const current = statements.lastRevision(request.streamId);
  return new WrongExpectedRevisionError(request.streamId, request.expectedRevision, current < 0n ? 'no_stream' : current);
}

function matches(expected: AppendRequest['expectedRevision'], current: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current < 0n;
  return expected === current;
}
