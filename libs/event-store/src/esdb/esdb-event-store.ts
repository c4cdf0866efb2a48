import { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStore } from '../event-store.port.js';
import { withAppendLimit } from '../append-limit.js';
import { openSubscriptions } from '../open-subscriptions.js';
import { createEsdbAppender } from './esdb-appender.js';
import { lastOrdinaryPosition, lastRevision, readAllAfter, readStreamEvents } from './esdb-reads.js';
import { startEsdbSubscription } from './esdb-subscription.js';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; credentials go in it (`esdb://admin:changeit@host:2113`). */
  connectionString: string;
  /** Bound of the event-id cache used for duplicate detection, in ids over all streams (default 200,000). */
  duplicateCacheSize?: number;
  /** appendMany: requests read and planned ahead of the one being written (default 16). */
  appendConcurrency?: number;
  /** A read that receives nothing for this long is cancelled and fails (default 10,000 ms; the client's reads never time out). */
  readTimeoutMs?: number;
}

/**
 * The EventStoreDB adapter. Creating it does not connect: the client opens its gRPC channel on the
 * first call, and after an unavailable/not-leader error it drops the channel and opens a new one on
 * the next call (a failed call itself is not retried; subscriptions are resubscribed here).
 */
export function createEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const reader = { client, readTimeoutMs: options.readTimeoutMs ?? 10_000 };
  const appender = createEsdbAppender(reader, {
    cacheSize: options.duplicateCacheSize ?? 200_000,
    concurrency: options.appendConcurrency ?? 16,
  });
  const subscriptions = openSubscriptions();
  const headPosition = (): Promise<bigint> => lastOrdinaryPosition(reader);

  return withAppendLimit({
    append: (request) => appender.append(request),
    appendMany: (requests, appendOptions) => appender.appendMany(requests, appendOptions),
    readStream: (streamId, fromRevision = 0n, maxCount = Number.MAX_SAFE_INTEGER) =>
      readStreamEvents(reader, streamId, fromRevision, maxCount),
    streamRevision: (streamId) => lastRevision(reader, streamId),
    readAll: ({ after, maxCount }) => readAllAfter(reader, after, maxCount),
    headPosition,
    subscribeToAll(subscribeOptions) {
      const inner = startEsdbSubscription({ client, headPosition }, subscribeOptions);
      return subscriptions.track(inner);
    },
    async close() {
      await subscriptions.stopAll();
      await client.dispose();
    },
  });
}
