import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../event-store.contract.js';
import type { AppendRequest, EventStore, NewEvent, RecordedEvent } from '../event-store.port.js';
import { createSqliteEventStore } from './sqlite-event-store.js';

const tempDirs: string[] = [];
const tempFile = (name = 'events.db'): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
  tempDirs.push(dir);
  return join(dir, name);
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const newEvent = (data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type: 'TestHappened',
  data,
  metadata: {},
});

const waitFor = async (condition: () => boolean, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 10));
  }
};

describeEventStoreContract('sqlite', async () => {
  const store = createSqliteEventStore({ file: tempFile() });
  return { store, teardown: () => store.close() };
});

describe('sqlite event store', () => {
  const open: EventStore[] = [];
  const openStore = (file: string): EventStore => {
    const store = createSqliteEventStore({ file });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('starts empty in memory with head -1 and first position 1', async () => {
    const store = openStore(':memory:');
    expect(await store.headPosition()).toBe(-1n);
    expect(await store.readAll({ maxCount: 10 })).toEqual([]);
    const result = await store.append({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent()] });
    expect(result.events[0]!.position).toBe(1n);
    expect(await store.headPosition()).toBe(1n);
  });

  it('creates the directory of the file and uses WAL', async () => {
    const file = join(tempFile(), 'nested', 'deeper', 'events.db');
    openStore(file);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('stores event ids lower-cased', async () => {
    const file = tempFile();
    const store = openStore(file);
    const event = newEvent();
    await store.append({ streamId: 's', expectedRevision: 'any', events: [{ ...event, eventId: event.eventId.toUpperCase() }] });
    expect((await store.readStream('s'))[0]!.eventId).toBe(event.eventId);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT event_id FROM events').pluck().get()).toBe(event.eventId);
    } finally {
      raw.close();
    }
  });

  it('keeps events when the file is reopened and continues revisions and positions', async () => {
    const file = tempFile();
    const first = createSqliteEventStore({ file });
    const before = await first.append({ streamId: 's', expectedRevision: 'no_stream', events: [newEvent({ n: 1 }), newEvent({ n: 2 })] });
    await first.close();

    const reopened = openStore(file);
    expect((await reopened.readStream('s')).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await reopened.streamRevision('s')).toBe(1n);
    const after = await reopened.append({ streamId: 's', expectedRevision: 1n, events: [newEvent()] });
    expect(after.events[0]!.revision).toBe(2n);
    expect(after.events[0]!.position).toBeGreaterThan(before.events[1]!.position);
  });

  it('a second instance on the same file sees appends through polling', async () => {
    const file = tempFile();
    const reader = openStore(file);
    const writer = openStore(file);
    const received: RecordedEvent[] = [];
    let caughtUp = false;
    const subscription = reader.subscribeToAll({
      handler: async (batch) => void received.push(...batch),
      onCaughtUp: () => (caughtUp = true),
    });
    await waitFor(() => caughtUp);

    await writer.append({ streamId: 'other-process', expectedRevision: 'no_stream', events: [newEvent(), newEvent()] });

    await waitFor(() => received.length === 2);
    expect(received.map((e) => e.streamId)).toEqual(['other-process', 'other-process']);
    await subscription.stop();
  });

  it('close() stops running subscriptions', async () => {
    const store = createSqliteEventStore({ file: tempFile() });
    let calls = 0;
    store.subscribeToAll({ handler: async () => void calls++ });
    await store.append({ streamId: 's', expectedRevision: 'any', events: [newEvent()] });
    await waitFor(() => calls === 1);
    await store.close();
    await new Promise((done) => setTimeout(done, 250));
    expect(calls).toBe(1);
  });

  it('reports a failing handler to onError and stops', async () => {
    const store = openStore(':memory:');
    await store.append({ streamId: 's', expectedRevision: 'any', events: [newEvent()] });
    const errors: unknown[] = [];
    let calls = 0;
    store.subscribeToAll({
      handler: async () => {
        calls++;
        throw new Error('boom');
      },
      onError: (error) => errors.push(error),
    });
    await waitFor(() => errors.length === 1);
    await store.append({ streamId: 's', expectedRevision: 'any', events: [newEvent()] });
    await new Promise((done) => setTimeout(done, 250));
    expect(calls).toBe(1);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('rolls back nothing but the conflicting request of appendMany', async () => {
    const store = openStore(':memory:');
    const results = await store.appendMany([
      { streamId: 'a', expectedRevision: 'no_stream', events: [newEvent()] },
      { streamId: 'a', expectedRevision: 'no_stream', events: [newEvent()] },
    ]);
    expect(results[1]).toBeInstanceOf(Error);
    expect(await store.readAll({ maxCount: 10 })).toHaveLength(1);
  });

  it('appends 5 batches of 1,000 events to ~1,000 streams', async () => {
    const store = openStore(tempFile());
    const batch = (round: number): AppendRequest[] =>
      Array.from({ length: 1000 }, (_, i) => ({
        streamId: `customer-${i % 990}`,
        expectedRevision: 'any',
        events: [{ ...newEvent({ amount: i, round, sku: 'SKU-123', channel: 'web' }), metadata: { correlationId: randomUUID() } }],
      }));
    for (let round = 0; round < 5; round++) {
      const results = await store.appendMany(batch(round));
      expect(results.every((r) => !(r instanceof Error))).toBe(true);
    }
    expect(await store.headPosition()).toBe(5000n);
  });
});
