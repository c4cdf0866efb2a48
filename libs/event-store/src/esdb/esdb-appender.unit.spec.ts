import { randomUUID } from 'node:crypto';
import { ANY, NO_STREAM, WrongExpectedVersionError, type EventData, type EventStoreDBClient } from '@eventstore/db-client';
import { WrongExpectedRevisionError, type NewEvent } from '../event-store.port.js';
import { createEsdbAppender } from './esdb-appender.js';

/** Just the two client calls the appender makes, over in-memory streams, with the server's revision check. */
function fakeClient() {
  const streams = new Map<string, Array<{ id: string; revision: bigint }>>();
  let position = 0n;
  const appends: string[] = [];
  const client = {
    async *readStream(streamId: string, options: { fromRevision: bigint }) {
      for (const e of streams.get(streamId) ?? []) {
        if (e.revision < options.fromRevision) continue;
        yield { event: { id: e.id, revision: e.revision, streamId, type: 'T', isJson: true, data: {}, metadata: {}, created: new Date(), position: { commit: e.revision, prepare: e.revision } } };
      }
    },
    async appendToStream(streamId: string, events: EventData[], options: { expectedRevision: bigint | typeof NO_STREAM | typeof ANY }) {
      const stream = streams.get(streamId) ?? [];
      const current = stream.length > 0 ? stream[stream.length - 1]!.revision : -1n;
      const expected = options.expectedRevision;
      const ok = expected === ANY || (expected === NO_STREAM ? current < 0n : expected === current);
      if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected, current: current < 0n ? NO_STREAM : current });
      for (const event of events) stream.push({ id: event.id, revision: BigInt(stream.length) });
      streams.set(streamId, stream);
      appends.push(streamId);
      position += 1n;
      return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: { commit: position, prepare: position } };
    },
  };
  return { client: client as unknown as EventStoreDBClient, streams, appends };
}

const newEvent = (): NewEvent => ({ eventId: randomUUID(), type: 'T', data: {}, metadata: {} });

describe('EventStoreDB appender appendMany', () => {
  it('writes none of a stream\'s later requests once one of its requests conflicts, even when their expected revision matches', async () => {
    const { client, streams, appends } = fakeClient();
    const appender = createEsdbAppender({ client, readTimeoutMs: 10_000 }, { cacheSize: 1000, concurrency: 4 });
    const theirs = newEvent();
    await appender.append({ streamId: 's', expectedRevision: 'no_stream', events: [theirs] });

    const results = await appender.appendMany([
      { streamId: 's', expectedRevision: 'no_stream', events: [newEvent()] },
      { streamId: 'o', expectedRevision: 'no_stream', events: [newEvent()] },
      { streamId: 's', expectedRevision: 0n, events: [newEvent()] },
    ]);

    expect(results.map((r) => r instanceof WrongExpectedRevisionError)).toEqual([true, false, true]);
    expect(results[2]).toMatchObject({ streamId: 's', expected: 0n, actual: 0n });
    expect(streams.get('s')!.map((e) => e.id)).toEqual([theirs.eventId]);
    expect(appends).toEqual(['s', 'o']);
  });

  it('still writes a stream\'s later requests when its earlier ones succeed', async () => {
    const { client, streams } = fakeClient();
    const appender = createEsdbAppender({ client, readTimeoutMs: 10_000 }, { cacheSize: 1000, concurrency: 4 });
    const results = await appender.appendMany([
      { streamId: 's', expectedRevision: 'no_stream', events: [newEvent(), newEvent()] },
      { streamId: 's', expectedRevision: 1n, events: [newEvent()] },
    ]);
    expect(results.some((r) => r instanceof WrongExpectedRevisionError)).toBe(false);
    expect(streams.get('s')).toHaveLength(3);
  });
});
