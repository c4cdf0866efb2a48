import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore, type EventStore, type RecordedEvent } from '@lifecycle/event-store';
import { readLogBatches } from './read-log-batches.js';

const append = (store: EventStore, streamId: string, n: number) =>
  store.append({
    streamId, expectedRevision: 'any',
    events: Array.from({ length: n }, (_, i) => ({ eventId: randomUUID(), type: 'Noted', data: { i }, metadata: {} })),
  });

const collect = async (batches: AsyncIterable<RecordedEvent[]>): Promise<RecordedEvent[][]> => {
  const result: RecordedEvent[][] = [];
  for await (const batch of batches) result.push(batch);
  return result;
};

describe('readLogBatches (SQLite event store on a temp file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'log-batches-'));
  let store: EventStore;
  let reads: Array<{ after?: bigint; maxCount: number }>;
  let log: RecordedEvent[];

  beforeAll(async () => {
    store = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
    await append(store, 'stream-a', 4);
    await append(store, 'stream-b', 3);
    log = await store.readAll({ maxCount: 100 });
    const readAll = store.readAll.bind(store);
    store.readAll = (options) => {
      reads.push(options);
      return readAll(options);
    };
  });
  beforeEach(() => {
    reads = [];
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const positions = (batches: RecordedEvent[][]): bigint[][] => batches.map((batch) => batch.map((e) => e.position));

  it('yields the whole log in position order, one page per batch, and stops at the first empty page', async () => {
    const batches = await collect(readLogBatches(store, { batchSize: 3 }));
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual(log);
    expect(reads.map((r) => r.after)).toEqual([undefined, log[2].position, log[5].position, log[6].position]);
    expect(reads.every((r) => r.maxCount === 3)).toBe(true);
  });

  it('starts after `after` (exclusive) and ends at `until` (inclusive), trimming the last page', async () => {
    const batches = await collect(readLogBatches(store, { after: log[1].position, until: log[4].position, batchSize: 2 }));
    expect(positions(batches)).toEqual([[log[2].position, log[3].position], [log[4].position]]);
  });

  it('reads no further once a page ends exactly at `until`', async () => {
    const batches = await collect(readLogBatches(store, { until: log[3].position, batchSize: 2 }));
    expect(batches.flat()).toEqual(log.slice(0, 4));
    expect(reads).toHaveLength(2);
  });

  it('yields nothing when `until` lies before the first event read, or `after` is at the head', async () => {
    expect(await collect(readLogBatches(store, { after: log[3].position, until: log[2].position }))).toEqual([]);
    expect(await collect(readLogBatches(store, { after: log[6].position }))).toEqual([]);
  });

  it('reads a page only when the next batch is asked for, and so sees events appended meanwhile', async () => {
    const iterator = readLogBatches(store, { after: log[4].position, batchSize: 2 });
    const first = await iterator.next();
    expect(reads).toHaveLength(1);
    expect((first.value as RecordedEvent[]).map((e) => e.position)).toEqual([log[5].position, log[6].position]);
    await append(store, 'stream-c', 1);
    const second = await iterator.next();
    expect((second.value as RecordedEvent[]).map((e) => e.streamId)).toEqual(['stream-c']);
    expect((await iterator.next()).done).toBe(true);
  });
});
