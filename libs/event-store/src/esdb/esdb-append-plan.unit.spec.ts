import { WrongExpectedRevisionError, type AppendRequest, type NewEvent } from '../event-store.port.js';
import { assembleResult, planAppend, type StoredRef } from './esdb-append-plan.js';

const event = (n: number): NewEvent => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'T',
  data: { n },
  metadata: {},
});
const request = (expectedRevision: AppendRequest['expectedRevision'], ...events: NewEvent[]): AppendRequest => ({
  streamId: 's',
  expectedRevision,
  events,
});
const stored = (entries: Array<[NewEvent, StoredRef]>) => {
  const map = new Map(entries.map(([e, ref]) => [e.eventId.toLowerCase(), ref]));
  return (key: string) => map.get(key);
};
const nothing = () => undefined;

describe('planAppend', () => {
  it('appends new events when the expected revision matches', () => {
    const plan = planAppend(request('no_stream', event(1), event(2)), -1n, nothing);
    expect(plan).toMatchObject({ kind: 'append', current: -1n, events: [event(1), event(2)] });
  });

  it('reports a conflict with the actual revision', () => {
    const plan = planAppend(request(4n, event(1)), 6n, nothing);
    expect(plan.kind).toBe('conflict');
    const error = (plan as { error: WrongExpectedRevisionError }).error;
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: 's', expected: 4n, actual: 6n });
    expect(planAppend(request(0n, event(1)), -1n, nothing)).toMatchObject({ error: { actual: 'no_stream' } });
  });

  it('acknowledges an all-duplicate request without checking the expected revision', () => {
    const lookup = stored([
      [event(1), { revision: 0n, position: 100n }],
      [event(2), { revision: 1n, position: 200n }],
    ]);
    const plan = planAppend(request('no_stream', { ...event(2), eventId: event(2).eventId.toUpperCase() }, event(1)), 5n, lookup);
    expect(plan).toEqual({
      kind: 'done',
      result: {
        streamId: 's',
        nextExpectedRevision: 5n,
        events: [
          { eventId: event(2).eventId.toUpperCase(), status: 'duplicate', revision: 1n, position: 200n },
          { eventId: event(1).eventId, status: 'duplicate', revision: 0n, position: 100n },
        ],
      },
    });
  });

  it('checks the expected revision when only some events are known, and writes only the new ones', () => {
    const lookup = stored([[event(1), { revision: 0n, position: 100n }]]);
    expect(planAppend(request('no_stream', event(1), event(2)), 0n, lookup).kind).toBe('conflict');
    const plan = planAppend(request(0n, event(1), event(2)), 0n, lookup);
    expect(plan).toMatchObject({ kind: 'append', events: [event(2)] });
    if (plan.kind !== 'append') throw new Error('expected an append');
    expect(assembleResult('s', plan.current, plan.slots, [{ revision: 1n, position: 300n }])).toEqual({
      streamId: 's',
      nextExpectedRevision: 1n,
      events: [
        { eventId: event(1).eventId, status: 'duplicate', revision: 0n, position: 100n },
        { eventId: event(2).eventId, status: 'appended', revision: 1n, position: 300n },
      ],
    });
  });

  it('writes an id repeated within the request once and reports the repeat as its duplicate', () => {
    const repeat = { ...event(1), eventId: event(1).eventId.toUpperCase() };
    const plan = planAppend(request('no_stream', event(1), event(2), repeat), -1n, nothing);
    if (plan.kind !== 'append') throw new Error('expected an append');
    expect(plan.events).toEqual([event(1), event(2)]);
    const result = assembleResult('s', -1n, plan.slots, [
      { revision: 0n, position: 10n },
      { revision: 1n, position: 20n },
    ]);
    expect(result.events.map((e) => [e.eventId, e.status, e.revision, e.position])).toEqual([
      [event(1).eventId, 'appended', 0n, 10n],
      [event(2).eventId, 'appended', 1n, 20n],
      [repeat.eventId, 'duplicate', 0n, 10n],
    ]);
    expect(result.nextExpectedRevision).toBe(1n);
  });

  it('treats an empty request like the embedded adapter: checked, nothing written', () => {
    expect(planAppend(request(2n), 2n, nothing)).toEqual({ kind: 'done', result: { streamId: 's', nextExpectedRevision: 2n, events: [] } });
    expect(planAppend(request('no_stream'), 2n, nothing).kind).toBe('conflict');
  });
});
