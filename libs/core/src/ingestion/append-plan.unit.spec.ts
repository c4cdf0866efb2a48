import { CLOCK_STREAM, type NewEvent } from '@lifecycle/event-store';
import { type DecidedEvent, planAppendCalls } from './append-plan.js';

let n = 0;
const event = (): NewEvent => ({ eventId: `e${++n}`, type: 'T', data: {}, metadata: {} });
const on = (streamId: string, index: number | null): DecidedEvent => ({ index, streamId, event: event() });
const shape = (calls: ReturnType<typeof planAppendCalls>) =>
  calls.map((call) => call.map((r) => [r.streamId, r.expectedRevision, r.events.length, r.indexes]));

describe('planAppendCalls', () => {
  const before = new Map<string, bigint>([['a', 4n], ['b', -1n], [CLOCK_STREAM, 9n]]);
  const revisionBefore = (streamId: string) => before.get(streamId) ?? -1n;

  it('puts consecutive events of a stream in one request with one expected revision, keeping decision order', () => {
    const decided = [on('a', 0), on('a', 1), on('b', 2), on('b', 3), on('a', 4)];
    const calls = planAppendCalls(decided, revisionBefore);
    // `a` resumes after `b`: its second request waits for the next call (one request per stream per call).
    expect(shape(calls)).toEqual([[['a', 4n, 2, [0, 1]], ['b', 'no_stream', 2, [2, 3]]], [['a', 6n, 1, [4]]]]);
    expect(calls[0]![0]!.events).toEqual([decided[0]!.event, decided[1]!.event]);
    expect(calls.flat().flatMap((r) => r.events)).toEqual(decided.map((d) => d.event));
  });

  it('ends a call at each clock request, joining consecutive ticks, and continues revisions across calls', () => {
    const calls = planAppendCalls(
      [on('a', 0), on(CLOCK_STREAM, null), on(CLOCK_STREAM, 1), on('a', 2), on('b', 3), on(CLOCK_STREAM, 4), on('a', 5)],
      revisionBefore,
    );
    expect(shape(calls)).toEqual([
      [['a', 4n, 1, [0]], [CLOCK_STREAM, 9n, 2, [1]]],
      [['a', 5n, 1, [2]], ['b', 'no_stream', 1, [3]], [CLOCK_STREAM, 11n, 1, [4]]],
      [['a', 6n, 1, [5]]],
    ]);
  });

  it('plans nothing for nothing', () => {
    expect(planAppendCalls([], revisionBefore)).toEqual([]);
  });
});
