import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { CONTRACT_STREAM_PREFIX, describeEventStoreContract } from '../event-store.contract.js';
import type { AppendRequest, EventStore, NewEvent } from '../event-store.port.js';
import { createEsdbEventStore } from './esdb-event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIP_REASON =
  'EventStoreDB contract suite skipped: set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false after `docker compose up -d eventstoredb`)';

describeEventStoreContract(
  'EventStoreDB',
  async () => {
    const store = createEsdbEventStore({ connectionString: connectionString! });
    return { store, teardown: () => store.close() };
  },
  connectionString ? undefined : SKIP_REASON,
);

const newEvent = (type = 'TestHappened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { correlationId: randomUUID() },
});
const uniqueStream = (prefix: string): string => `${CONTRACT_STREAM_PREFIX}${prefix}-${randomUUID().slice(0, 12)}`;

(connectionString ? describe : describe.skip)('EventStoreDB adapter specifics', () => {
  const stores: EventStore[] = [];
  const clients: EventStoreDBClient[] = [];
  const openStore = (options: { appendConcurrency?: number } = {}): EventStore => {
    const store = createEsdbEventStore({ connectionString: connectionString!, ...options });
    stores.push(store);
    return store;
  };
  const rawClient = (): EventStoreDBClient => {
    const client = EventStoreDBClient.connectionString(connectionString!);
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  it('stamps recordedAt into the metadata on the server and strips it on read', async () => {
    const store = openStore();
    const streamId = uniqueStream('recorded-at');
    await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] });
    const [read] = await store.readStream(streamId);
    const raw = [];
    for await (const resolved of rawClient().readStream(streamId)) raw.push(resolved.event);
    expect(raw[0]?.metadata).toMatchObject({ recordedAt: read!.recordedAt, correlationId: read!.metadata.correlationId });
    expect(read!.metadata).not.toHaveProperty('recordedAt');
  });

  it('detects duplicates with a cold cache by reading the stream', async () => {
    const streamId = uniqueStream('cold-dup');
    const event = newEvent();
    const first = await openStore().append({ streamId, expectedRevision: 'no_stream', events: [event, newEvent()] });
    const again = await openStore().append({ streamId, expectedRevision: 'any', events: [{ ...event, eventId: event.eventId.toUpperCase() }] });
    expect(again.events[0]).toMatchObject({ status: 'duplicate', revision: 0n, position: first.events[0]!.position });
    expect(again.nextExpectedRevision).toBe(1n);
  });

  it('leaves system events out of readAll and headPosition', async () => {
    const store = openStore();
    const streamId = uniqueStream('with-system');
    const before = await store.headPosition();
    const ordinary = await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] });
    await rawClient().appendToStream(streamId, jsonEvent({ type: '$system-like', data: {} }));
    const position = ordinary.events[0]!.position;

    expect(await store.headPosition()).toBe(position);
    const after = await store.readAll({ after: before < 0n ? undefined : before, maxCount: 1000 });
    expect(after.filter((e) => e.streamId === streamId).map((e) => e.position)).toEqual([position]);
    expect(after.every((e) => !e.type.startsWith('$') && !e.streamId.startsWith('$'))).toBe(true);
    expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['TestHappened']);
  });

  it('keeps request order in $all for ordered streams while planning many streams ahead', async () => {
    const store = openStore({ appendConcurrency: 16 });
    const streams = Array.from({ length: 20 }, (_, i) => uniqueStream(`many-${i}`));
    const requests: AppendRequest[] = Array.from({ length: 100 }, (_, i) => ({
      streamId: streams[i % streams.length]!,
      expectedRevision: 'any',
      events: [newEvent('Counted', { i })],
    }));
    const results = await store.appendMany(requests, { orderedStreams: streams });
    const positions = results.map((r) => {
      if (r instanceof Error) throw r;
      return r.events[0]!.position;
    });
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    for (const streamId of streams) {
      expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    }
  });
});
