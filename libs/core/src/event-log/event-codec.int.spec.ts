import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BusinessEvent, dayEndAsOf, parseInstant } from '@lifecycle/domain';
import { CLOCK_STREAM, createSqliteEventStore, customerStream, type EventStore } from '@lifecycle/event-store';
import { dayEndedEvent } from '../ingestion/day-ended-event.js';
import { readLastClockEvent } from './clock-ticks.js';
import { hasCustomer, readCustomerEvents } from './customer-events.js';
import { dayEndedDate, occurredAtOf, toBusinessEvent, toLifecycleEvent, toNewEvent } from './event-codec.js';
import { foreignEventReason } from './foreign-event.js';
import { chained, chainHash } from './hash-chain.js';

const purchase = (customerId: string, occurredAt: string, metadata?: Record<string, string>): BusinessEvent => ({
  eventId: randomUUID(), type: 'PurchaseCompleted', customerId, occurredAt,
  data: { orderId: `o-${randomUUID()}`, total: { amountMinor: 1250, currency: 'USD' }, salesChannel: 'ONLINE' },
  ...(metadata ? { metadata } : {}),
} as BusinessEvent);

describe('the event codec and the stream reads (SQLite event store on a temp file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-codec-'));
  let store: EventStore;
  beforeAll(() => {
    store = createSqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips an envelope through the store: sender metadata kept, store and chain metadata dropped', async () => {
    const first = purchase('ada', '1997-01-01T10:00:00.000Z', { source: 'pos-7' });
    const second = purchase('ada', '1997-01-02T10:00:00.000Z');
    const linked = chained(null, toNewEvent(first, first.metadata ?? {}));
    expect(linked.data).not.toHaveProperty('eventId');
    expect(linked.data).not.toHaveProperty('metadata');
    await store.append({
      streamId: customerStream('ada'), expectedRevision: 'no_stream',
      events: [linked, chained(linked.metadata.hash, toNewEvent(second, {}))],
    });

    const recorded = await readCustomerEvents(store, 'ada');
    expect(recorded.map((e) => e.revision)).toEqual([0n, 1n]);
    expect(recorded[0].metadata.hash).toBe(chainHash(null, recorded[0]));
    expect(recorded[1].metadata.hash).toBe(chainHash(recorded[0].metadata.hash, recorded[1]));
    expect(recorded.map(toLifecycleEvent)).toEqual([first, second]);
    expect(toBusinessEvent(recorded[1])).toEqual(second);
    expect(occurredAtOf(recorded[1])).toBe(parseInstant('1997-01-02T10:00:00.000Z'));
    expect(recorded.map(foreignEventReason)).toEqual([null, null]);
    expect((await readCustomerEvents(store, 'ada', 1n)).map((e) => e.eventId)).toEqual([second.eventId]);
    expect(await hasCustomer(store, 'ada')).toBe(true);
    expect(await hasCustomer(store, 'nobody')).toBe(false);
  });

  it('reads the date of a DayEnded and the last tick of the clock', async () => {
    expect(await readLastClockEvent(store)).toBeNull();
    for (const date of ['1997-01-01', '1997-01-02']) {
      await store.append({ streamId: CLOCK_STREAM, expectedRevision: 'any', events: [toNewEvent(dayEndedEvent(date), {})] });
    }
    const last = await readLastClockEvent(store);
    expect(last?.revision).toBe(1n);
    expect(last?.date).toBe('1997-01-02');
    expect(dayEndedDate(last!.recorded)).toBe('1997-01-02');
    expect(occurredAtOf(last!.recorded)).toBe(dayEndAsOf('1997-01-02'));
    expect(foreignEventReason(last!.recorded)).toBeNull();
  });

  it('names why a record is not a lifecycle event the projector owns', async () => {
    const other = purchase('bob', '1997-01-01T10:00:00.000Z');
    await store.append({ streamId: customerStream('carol'), expectedRevision: 'any', events: [toNewEvent(other, {})] });
    await store.append({ streamId: 'elsewhere', expectedRevision: 'any', events: [toNewEvent(other, {})] });
    await store.append({ streamId: CLOCK_STREAM, expectedRevision: 'any', events: [{ eventId: randomUUID(), type: 'DayEnded', data: {}, metadata: {} }] });
    const [carol] = await readCustomerEvents(store, 'carol');
    const [elsewhere] = await store.readStream('elsewhere');
    const [, , undated] = await store.readStream(CLOCK_STREAM);
    expect(foreignEventReason(carol)).toBe('customerId does not match the stream');
    expect(foreignEventReason(elsewhere)).toBe('stream elsewhere is not a customer or clock stream');
    expect(foreignEventReason(undated)).toBe('DayEnded without a date');
  });
});
