import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { isSystemEvent, splitMetadata, toEventData, toRecordedEvent } from './esdb-recorded-event.js';

const ID = '0b7f3b5e-58b4-4f6e-9d1a-3c1c2f0a9e11';
const created = new Date('2024-03-01T10:00:00.123Z');

/** A resolved event of the shape the client yields for a JSON event read from $all. */
const resolved = (overrides: Record<string, unknown> = {}): AllStreamResolvedEvent =>
  ({
    event: {
      streamId: 'customer-42',
      id: ID,
      revision: 3n,
      type: 'PurchaseRecorded',
      isJson: true,
      data: { amount: 12.5, tags: ['a'] },
      metadata: { correlationId: 'c-1', recordedAt: '2024-03-01T10:00:00.456Z' },
      created,
      position: { commit: 9000n, prepare: 9000n },
      ...overrides,
    },
    commitPosition: 9000n,
  }) as AllStreamResolvedEvent;

describe('esdb event mapping', () => {
  it('builds a JSON event with the lower-cased id and recordedAt stamped into the metadata', () => {
    const data = toEventData(
      { eventId: ID.toUpperCase(), type: 'CustomerRegistered', data: { name: 'Ada' }, metadata: { source: 'api' } },
      '2024-03-01T10:00:00.000Z',
    );
    expect(data).toEqual({
      id: ID,
      contentType: 'application/json',
      type: 'CustomerRegistered',
      data: { name: 'Ada' },
      metadata: { source: 'api', recordedAt: '2024-03-01T10:00:00.000Z' },
    });
  });

  it('refuses an event id that is not a UUID', () => {
    expect(() => toEventData({ eventId: 'not-a-uuid', type: 'T', data: {}, metadata: {} }, 'x')).toThrow(TypeError);
  });

  it('builds the port event: commit position, recordedAt from the metadata, the rest of the metadata as is', () => {
    expect(toRecordedEvent(resolved())).toEqual({
      streamId: 'customer-42',
      revision: 3n,
      position: 9000n,
      eventId: ID,
      type: 'PurchaseRecorded',
      data: { amount: 12.5, tags: ['a'] },
      metadata: { correlationId: 'c-1' },
      recordedAt: '2024-03-01T10:00:00.456Z',
    });
  });

  it("falls back to the server's created date and lower-cases the id", () => {
    const event = toRecordedEvent(resolved({ metadata: undefined, id: ID.toUpperCase() }));
    expect(event).toMatchObject({ eventId: ID, metadata: {}, recordedAt: '2024-03-01T10:00:00.123Z' });
  });

  it('gives -1n as position when a stream read carries none (servers before 22.6)', () => {
    expect(toRecordedEvent(resolved({ position: undefined }) as ResolvedEvent)?.position).toBe(-1n);
  });

  it('skips system events, links and payloads that are not JSON objects', () => {
    expect(toRecordedEvent(resolved({ type: '$metadata' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ streamId: '$stats-127.0.0.1:2113' }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ isJson: false, data: new Uint8Array([1]) }))).toBeUndefined();
    expect(toRecordedEvent(resolved({ data: [1, 2] }))).toBeUndefined();
    expect(toRecordedEvent({ commitPosition: 1n })).toBeUndefined();
    const link = { ...resolved(), link: resolved({ type: '$>' }).event } as AllStreamResolvedEvent;
    expect(toRecordedEvent(link)).toBeUndefined();
  });

  it('recognises system events by type or stream', () => {
    expect(isSystemEvent('customer-1', '$>')).toBe(true);
    expect(isSystemEvent('$settings', 'Settings')).toBe(true);
    expect(isSystemEvent('customer-1', 'PurchaseRecorded')).toBe(false);
  });

  it('keeps metadata values as strings', () => {
    expect(splitMetadata({ a: 'x', n: 1, o: { k: true }, nothing: null }, created)).toEqual({
      metadata: { a: 'x', n: '1', o: '{"k":true}' },
      recordedAt: created.toISOString(),
    });
    expect(splitMetadata(new Uint8Array([1]), created).metadata).toEqual({});
  });
});
