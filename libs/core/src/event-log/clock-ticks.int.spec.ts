import { dayEndAsOf } from '@lifecycle/domain';
import { CLOCK_STREAM, createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { dayEndedEvent } from '../ingestion/day-ended-event.js';
import { toNewEvent } from './event-codec.js';
import { ClockTicks } from './clock-ticks.js';

const tick = (store: EventStore, date: string) =>
  store.append({ streamId: CLOCK_STREAM, expectedRevision: 'any', events: [toNewEvent(dayEndedEvent(date), {})] });

describe('ClockTicks', () => {
  it('reads the clock once and then only what was appended since, returning the ticks up to an instant', async () => {
    const store = createSqliteEventStore({ file: ':memory:' });
    const reads: Array<bigint | undefined> = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, fromRevision, maxCount) => {
      reads.push(fromRevision);
      return readStream(streamId, fromRevision, maxCount);
    };
    try {
      await tick(store, '2025-01-01');
      await tick(store, '2025-01-02');
      const clock = new ClockTicks(store);
      expect((await clock.upTo(dayEndAsOf('2025-01-02'))).map((t) => t.date)).toEqual(['2025-01-01', '2025-01-02']);
      expect((await clock.upTo(dayEndAsOf('2025-01-01'))).map((t) => t.date)).toEqual(['2025-01-01']);
      await tick(store, '2025-01-03');
      const all = await clock.upTo(dayEndAsOf('2025-01-03'));
      expect(all.map((t) => [t.date, t.asOf])).toEqual([
        ['2025-01-01', dayEndAsOf('2025-01-01')], ['2025-01-02', dayEndAsOf('2025-01-02')], ['2025-01-03', dayEndAsOf('2025-01-03')],
      ]);
      expect(all[2].position).toBeGreaterThan(all[1].position);
      expect(reads).toEqual([0n, 2n, 2n]);
    } finally {
      await store.close();
    }
  });
});
