import { excludeSystemEvents, type AllStreamResolvedEvent, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { SubscribeOptions, Subscription } from '../event-store.port.js';
import { nextBackoff } from './backoff.js';
import { BatchDelivery } from './batch-delivery.js';
import { isTransient } from './esdb-errors.js';
import { readPositionAfter } from './esdb-position.js';
import { toRecordedEvent } from './esdb-recorded-event.js';

export interface EsdbSubscriptionDeps {
  client: EventStoreDBClient;
  /** Position of the last ordinary event, for the caught-up fallback on servers without the signal. */
  headPosition: () => Promise<bigint>;
  batchWindowMs?: number;
}

/**
 * Catch-up subscription to $all with system events excluded on the server, delivered in batches
 * with the client stream paused while the handler runs. A dropped subscription (connection lost,
 * leader change, stream ended) is resubscribed from the last delivered position after 100 ms,
 * doubling up to 5 s; a failing handler or an error retrying cannot fix stops it and goes to onError.
 */
export function startEsdbSubscription(deps: EsdbSubscriptionDeps, options: SubscribeOptions): Subscription {
  let stopped = false;
  let live: AllStreamSubscription | undefined;
  let generation = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 0;
  let warned = false;
  // Caught up: on the server's signal (EventStoreDB >= 23.10) once the events buffered ahead of it
  // are handled, or, for older servers, once the position of the last event at start is handled.
  let caughtUp = false;
  let received = 0;
  let caughtUpAfter: number | undefined;
  let headAtStart: bigint | undefined;

  const delivery = new BatchDelivery({
    batchSize: Math.max(1, options.batchSize ?? 1000),
    windowMs: deps.batchWindowMs ?? 20,
    after: options.after,
    handler: options.handler,
    pause: () => live?.pause(),
    resume: () => live?.resume(),
    onIdle: () => reportCaughtUp(),
    onError: (error) => fail(error),
  });

  function reportCaughtUp(): void {
    if (caughtUp || stopped || !delivery.idle) return;
    const signalled = caughtUpAfter !== undefined && received >= caughtUpAfter;
    const pastHead = headAtStart !== undefined && (delivery.checkpoint ?? -1n) >= headAtStart;
    if (!signalled && !pastHead) return;
    caughtUp = true;
    options.onCaughtUp?.();
  }

  function fail(error: unknown): void {
    if (stopped) return;
    void halt();
    if (options.onError) options.onError(error);
    else console.error('EventStoreDB subscription stopped', error);
  }

  const drop = (connection: number, error?: unknown): void => {
    if (connection !== generation || stopped) return;
    if (error !== undefined && !isTransient(error)) return fail(error);
    generation++;
    void live?.unsubscribe().catch(() => undefined);
    live = undefined;
    delivery.clear();
    if (!warned) {
      warned = true;
      console.warn(`EventStoreDB subscription dropped, resubscribing: ${error instanceof Error ? error.message : 'stream ended'}`);
    }
    backoffMs = nextBackoff(backoffMs);
    retryTimer = setTimeout(() => void delivery.settled().then(connect), backoffMs);
  };

  const readHead = (): void => {
    deps
      .headPosition()
      .then((head) => {
        headAtStart ??= head;
        reportCaughtUp();
      })
      .catch(() => undefined);
  };

  function connect(): void {
    if (stopped) return;
    if (!caughtUp && headAtStart === undefined) readHead();
    const connection = ++generation;
    received = 0;
    caughtUpAfter = undefined;
    const subscription = deps.client.subscribeToAll({
      fromPosition: readPositionAfter(delivery.checkpoint),
      filter: excludeSystemEvents(),
      resolveLinkTos: false,
    });
    live = subscription;
    subscription
      .on('data', (resolved: AllStreamResolvedEvent) => {
        if (connection !== generation || stopped) return;
        received++;
        const event = toRecordedEvent(resolved);
        if (event) delivery.push(event);
        reportCaughtUp();
      })
      .on('confirmation', () => {
        warned = false;
        backoffMs = 0;
      })
      .on('caughtUp', () => {
        if (connection !== generation) return;
        // Events already buffered in the stream came before the signal: count them in.
        caughtUpAfter = received + subscription.readableLength;
        reportCaughtUp();
      })
      .on('error', (error: Error) => drop(connection, error))
      .on('end', () => drop(connection))
      .on('close', () => drop(connection));
  }

  async function halt(): Promise<void> {
    stopped = true;
    clearTimeout(retryTimer);
    const current = live;
    live = undefined;
    await current?.unsubscribe().catch(() => undefined);
  }

  connect();

  return {
    async stop() {
      await halt();
      await delivery.stop();
    },
  };
}
