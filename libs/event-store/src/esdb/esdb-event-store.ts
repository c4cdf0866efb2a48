import { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStore } from '../event-store.port.js';
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
}

/**
 * The EventStoreDB adapter. Creating it does not connect: the client opens its gRPC channel on the
 * first call, and after an unavailable/not-leader error it drops the channel and opens a new one on
 * the next call (a failed call itself is not retried; subscriptions are resubscribed here).
 */
export function createEsdbEventStore(options: EsdbEventStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const appender = createEsdbAppender(client, {
    cacheSize: options.duplicateCacheSize ?? 200_000,
    concurrency: options.appendConcurrency ?? 16,
  });
  const subscriptions = openSubscriptions();
  const headPosition = (): Promise<bigint> => lastOrdinaryPosition(client);

  return {
    append: (request) => appender.append(request),
    appendMany: (requests) => appender.appendMany(requests),
    readStream: (streamId, fromRevision = 0n, maxCount = Number.MAX_SAFE_INTEGER) =>
      readStreamEvents(client, streamId, fromRevision, maxCount),
    streamRevision: (streamId) => lastRevision(client, streamId),
    readAll: ({ after, maxCount }) => readAllAfter(client, after, maxCount),
    headPosition,
    subscribeToAll(subscribeOptions) {
      const inner = startEsdbSubscription({ client, headPosition }, subscribeOptions);
      return subscriptions.track(inner);
    },
    async close() {
      await subscriptions.stopAll();
      await client.dispose();
    },
  };
}
