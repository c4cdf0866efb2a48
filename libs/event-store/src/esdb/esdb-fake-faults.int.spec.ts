import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import { startEsdbFake, type EsdbFake } from '../../../../test/support/esdb-fake/esdb-fake-server.js';
import type { EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { EsdbReadTimeoutError } from './esdb-read-call.js';
import { createEsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store.js';

const newEvent = (type = 'TestHappened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(), type, data, metadata: { correlationId: randomUUID() },
});
const stream = (prefix: string): string => `contract-${prefix}-${randomUUID().slice(0, 8)}`;
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('EventStoreDB adapter on the protocol-level FAKE server: leaks, timeouts and faults', () => {
  let fake: EsdbFake;
  const stores: EventStore[] = [];
  const open = (options: Partial<EsdbEventStoreOptions> = {}): EventStore => {
    const store = createEsdbEventStore({ connectionString: fake.connectionString, ...options });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    fake = await startEsdbFake();
  });
  afterEach(async () => {
    fake.stallReads(false);
    await within(Promise.all(stores.splice(0).map((s) => s.close())), 5000, 'closing the stores');
  });
  afterAll(() => fake.stop());

  it('streamRevision leaves no gRPC call open: close() returns after 200 calls', async () => {
    const store = open();
    const streamId = stream('revision-leak');
    await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent(), newEvent()] });
    for (let i = 0; i < 200; i++) expect(await store.streamRevision(streamId)).toBe(1n);
    expect(await store.streamRevision(stream('missing'))).toBe('no_stream');
    await within(store.close(), 2000, 'close() after 200 streamRevision calls');
    stores.splice(0);
  }, 20_000);

  it('cancels a read that receives nothing within the read timeout, and reads again afterwards', async () => {
    const store = open({ readTimeoutMs: 150 });
    const streamId = stream('stalled');
    await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] });
    fake.stallReads(true);
    const started = Date.now();
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(EsdbReadTimeoutError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EsdbReadTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
    fake.stallReads(false);
    expect((await store.readStream(streamId)).map((e) => e.revision)).toEqual([0n]);
  });

  it('splits an append over the 1 MiB limit into appends under it, chaining expected revisions', async () => {
    const store = open();
    const streamId = stream('big');
    const raw = EventStoreDBClient.connectionString(fake.connectionString);
    const padding = 'x'.repeat(400);
    const events = Array.from({ length: 3000 }, (_, i) => newEvent('DayEnded', { i, padding }));
    await expect(raw.appendToStream(stream('direct'), events.map((e) => jsonEvent({ type: e.type, data: e.data })))).rejects.toMatchObject({
      type: 'maximum-append-size-exceeded',
    });
    await raw.dispose();
    const result = await store.append({ streamId, expectedRevision: 'no_stream', events });
    expect(result.nextExpectedRevision).toBe(2999n);
    expect(result.events.every((e, i) => e.status === 'appended' && e.revision === BigInt(i))).toBe(true);
    const read = await store.readStream(streamId);
    expect(read.map((e) => e.data.i)).toEqual(events.map((_, i) => i));
    const again = await store.append({ streamId, expectedRevision: 'no_stream', events });
    expect(again.events.every((e) => e.status === 'duplicate')).toBe(true);
    expect(await store.streamRevision(streamId)).toBe(2999n);
  }, 20_000);

  it('leaves the system events the server interleaves in $all out of readAll and subscriptions', async () => {
    const store = open();
    const before = await store.headPosition();
    const streamId = stream('interleaved');
    for (let i = 0; i < 12; i++) await store.append({ streamId, expectedRevision: 'any', events: [newEvent('Counted', { i })] });
    expect(fake.log.all.some((r) => r.type === '$statsCollected' && r.position > before)).toBe(true);
    const read = await store.readAll({ after: before, maxCount: 5 });
    expect(read.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4]);
    expect(read.every((e) => !e.type.startsWith('$'))).toBe(true);
  });

  it('resubscribes from the last delivered position after the server drops the subscription', async () => {
    const store = open();
    const streamId = stream('dropped');
    const head = await store.headPosition();
    const seen: RecordedEvent[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll({
      after: head, handler: async (events) => void seen.push(...events.filter((e) => e.streamId === streamId)), onCaughtUp: () => (caughtUp = true),
    });
    await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent('A')] });
    while (seen.length < 1 || !caughtUp) await sleep(10);
    fake.dropSubscriptions();
    await store.append({ streamId, expectedRevision: 0n, events: [newEvent('B')] });
    const deadline = Date.now() + 3000;
    while (seen.length < 2 && Date.now() < deadline) await sleep(20);
    await subscription.stop();
    expect(seen.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('fails calls while the server refuses connections and works again once it accepts them', async () => {
    const store = open({ readTimeoutMs: 2000 });
    const streamId = stream('refused');
    await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] });
    await fake.refuseConnections();
    await expect(store.readStream(streamId)).rejects.toBeDefined();
    await fake.acceptConnections();
    let revision: bigint | 'no_stream' | undefined;
    for (let attempt = 0; attempt < 20 && revision === undefined; attempt++) {
      revision = await store.streamRevision(streamId).catch(() => undefined);
      if (revision === undefined) await sleep(100);
    }
    expect(revision).toBe(0n);
  });

  it('works through Streams.Append too, for servers without BatchAppend: conflicts, limit and no_stream', async () => {
    const legacy = await startEsdbFake({ batchAppend: false, maxAppendSize: 64 * 1024 });
    const store = createEsdbEventStore({ connectionString: legacy.connectionString });
    try {
      const streamId = stream('legacy');
      const first = await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent(), newEvent()] });
      expect(first.nextExpectedRevision).toBe(1n);
      await expect(store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] })).rejects.toMatchObject({ expected: 'no_stream', actual: 1n });
      await expect(store.append({ streamId: stream('missing'), expectedRevision: 4n, events: [newEvent()] })).rejects.toMatchObject({ actual: 'no_stream' });
      const raw = EventStoreDBClient.connectionString(legacy.connectionString);
      // The server's own check, which the adapter's planning normally pre-empts.
      await expect(raw.appendToStream(streamId, jsonEvent({ type: 'Late', data: {} }), { expectedRevision: NO_STREAM })).rejects.toMatchObject({
        type: 'wrong-expected-version', actualVersion: 1n,
      });
      await expect(raw.appendToStream(stream('big'), [jsonEvent({ type: 'Big', data: { pad: 'x'.repeat(70_000) } })])).rejects.toMatchObject({
        type: 'maximum-append-size-exceeded', maxAppendSize: 64 * 1024,
      });
      await raw.dispose();
      expect(legacy.calls.get('append')).toBeGreaterThanOrEqual(3);
      expect(legacy.calls.get('batchAppend')).toBeUndefined();
    } finally {
      await store.close();
      await legacy.stop();
    }
  });
});
