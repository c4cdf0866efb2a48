import { randomUUID } from 'node:crypto';
import { startEsdbFake, type EsdbFake } from '../../../../test/support/esdb-fake/esdb-fake-server.js';
import type { AppendRequest, NewEvent } from '../event-store.port.js';
import { createEsdbEventStore } from './esdb-event-store.js';

const newEvent = (type = 'Counted'): NewEvent => ({ eventId: randomUUID(), type, data: {}, metadata: {} });

describe('EventStoreDB adapter on the protocol-level FAKE server: appendMany pipelining', () => {
  let fake: EsdbFake;
  beforeAll(async () => {
    fake = await startEsdbFake({ appendDelayMs: 15 });
  });
  afterAll(() => fake.stop());

  it('has appends of independent streams in flight together, a clock request between them in its place', async () => {
    const store = createEsdbEventStore({ connectionString: fake.connectionString });
    try {
      const run = randomUUID().slice(0, 8);
      const clock = `contract-clock-${run}`;
      const streams = Array.from({ length: 30 }, (_, i) => `contract-pipe-${run}-${i}`);
      const requests: AppendRequest[] = [
        ...streams.slice(0, 15).map((streamId) => ({ streamId, expectedRevision: 'no_stream' as const, events: [newEvent()] })),
        { streamId: clock, expectedRevision: 'no_stream', events: [newEvent('DayEnded')] },
        ...streams.slice(15).map((streamId) => ({ streamId, expectedRevision: 'no_stream' as const, events: [newEvent()] })),
        { streamId: streams[0]!, expectedRevision: 0n, events: [newEvent()] },
      ];
      const results = await store.appendMany(requests, { orderedStreams: [clock] });
      const positions = results.map((r) => {
        if (r instanceof Error) throw r;
        return r.events[0]!.position;
      });
      expect(fake.appendLatency.maxInFlight).toBeGreaterThanOrEqual(4);
      const tick = positions[15]!;
      expect(positions.slice(0, 15).every((p) => p < tick)).toBe(true);
      expect(positions.slice(16).every((p) => p > tick)).toBe(true);
      expect(positions[31]! > positions[0]!).toBe(true);
      expect(await store.streamRevision(streams[0]!)).toBe(1n);
    } finally {
      await store.close();
    }
  });
});
