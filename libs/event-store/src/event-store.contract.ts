import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type AppendRequest,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from './event-store.port.js';
import { describeSkipped } from '../../../test/support/skipped-suite.js';

type StoreFactory = () => Promise<{ store: EventStore; teardown: () => Promise<void> } | null>;

/**
 * Contract streams carry a prefix of their own, so a log shared with the service (the real-stack
 * recipe) tells them apart; the projector skips them as streams it does not own.
 */
export const CONTRACT_STREAM_PREFIX = 'contract-';
const uniqueStream = (prefix: string): string => `${CONTRACT_STREAM_PREFIX}${prefix}-${randomUUID().slice(0, 12)}`;

const newEvent = (type = 'TestHappened', data: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { correlationId: randomUUID() },
});

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const isConflict = (value: unknown): value is WrongExpectedRevisionError => value instanceof WrongExpectedRevisionError;

/** The behaviour every EventStore adapter must show; each adapter's integration spec calls this. */
export function describeEventStoreContract(adapterName: string, factory: StoreFactory, skipReason?: string): void {
  const title = `EventStore contract: ${adapterName}`;
  if (skipReason !== undefined) {
    describeSkipped(title, skipReason);
    return;
  }

  describe(title, () => {
    let store: EventStore;
    let teardown: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const created = await factory();
      if (!created) throw new Error(`${adapterName}: the factory returned no store and no skip reason was given`);
      ({ store, teardown } = created);
    });

    afterEach(async () => {
      await teardown?.();
      teardown = undefined;
    });

    const appendAny = (streamId: string, ...events: NewEvent[]): Promise<AppendResult> =>
      store.append({ streamId, expectedRevision: 'any', events });

    describe('append and readStream', () => {
      it('round-trips events with bigint revisions, positions and a store timestamp', async () => {
        const streamId = uniqueStream('roundtrip');
        const first = newEvent('CustomerRegistered', { name: 'Ada', tags: ['a', 'b'], nested: { n: 1.5, flag: true, none: null } });
        const second = newEvent('PurchaseRecorded', { amount: 42 });

        const result = await store.append({ streamId, expectedRevision: 'no_stream', events: [first, second] });

        expect(result.streamId).toBe(streamId);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(result.events.map((e) => [e.eventId, e.status, e.revision])).toEqual([
          [first.eventId, 'appended', 0n],
          [second.eventId, 'appended', 1n],
        ]);
        expect(typeof result.events[0]!.position).toBe('bigint');
        expect(result.events[1]!.position).toBeGreaterThan(result.events[0]!.position);

        const read = await store.readStream(streamId);
        expect(read).toHaveLength(2);
        expect(read[0]).toEqual({
          streamId,
          revision: 0n,
          position: result.events[0]!.position,
          eventId: first.eventId.toLowerCase(),
          type: 'CustomerRegistered',
          data: first.data,
          metadata: first.metadata,
          recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        });
        expect(read[1]).toMatchObject({ revision: 1n, type: 'PurchaseRecorded', data: { amount: 42 } });
      });

      it('reads forwards from a revision with a max count', async () => {
        const streamId = uniqueStream('partial');
        await appendAny(streamId, newEvent(), newEvent(), newEvent(), newEvent(), newEvent());

        expect((await store.readStream(streamId, 2n)).map((e) => e.revision)).toEqual([2n, 3n, 4n]);
        expect((await store.readStream(streamId, 1n, 2)).map((e) => e.revision)).toEqual([1n, 2n]);
        expect(await store.readStream(streamId, 5n)).toEqual([]);
      });

      it('reports no_stream and an empty read for an unknown stream', async () => {
        const streamId = uniqueStream('unknown');
        expect(await store.streamRevision(streamId)).toBe('no_stream');
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('tracks the stream revision', async () => {
        const streamId = uniqueStream('revision');
        await appendAny(streamId, newEvent(), newEvent(), newEvent());
        expect(await store.streamRevision(streamId)).toBe(2n);
      });
    });

    describe('expected revision', () => {
      it('no_stream succeeds only while the stream does not exist', async () => {
        const streamId = uniqueStream('nostream');
        await store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] });

        const error = await rejection(store.append({ streamId, expectedRevision: 'no_stream', events: [newEvent()] }));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 'no_stream', actual: 0n });
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('an exact revision must equal the last revision of the stream', async () => {
        const streamId = uniqueStream('exact');
        await appendAny(streamId, newEvent(), newEvent());

        const stale = await rejection(store.append({ streamId, expectedRevision: 0n, events: [newEvent()] }));
        expect(stale).toMatchObject({ streamId, expected: 0n, actual: 1n });
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);

        const ahead = await rejection(store.append({ streamId, expectedRevision: 5n, events: [newEvent()] }));
        expect(ahead).toMatchObject({ expected: 5n, actual: 1n });

        const ok = await store.append({ streamId, expectedRevision: 1n, events: [newEvent()] });
        expect(ok.nextExpectedRevision).toBe(2n);
        expect(ok.events[0]!.revision).toBe(2n);
      });

      it('an exact revision on a missing stream reports no_stream as actual', async () => {
        const streamId = uniqueStream('exactmissing');
        const error = await rejection(store.append({ streamId, expectedRevision: 0n, events: [newEvent()] }));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: 0n, actual: 'no_stream' });
        expect(await store.streamRevision(streamId)).toBe('no_stream');
      });

      it('any appends whatever the state of the stream', async () => {
        const streamId = uniqueStream('any');
        expect((await appendAny(streamId, newEvent())).nextExpectedRevision).toBe(0n);
        expect((await appendAny(streamId, newEvent())).nextExpectedRevision).toBe(1n);
      });
    });

    describe('idempotency by event id', () => {
      it('acknowledges a known event id as a duplicate, whatever its letter case, without storing it again', async () => {
        const streamId = uniqueStream('dup');
        const event = newEvent();
        const first = await store.append({ streamId, expectedRevision: 'no_stream', events: [event] });

        for (const eventId of [event.eventId, event.eventId.toUpperCase()]) {
          const again = await appendAny(streamId, { ...event, eventId });
          expect(again.events).toEqual([
            { eventId, status: 'duplicate', revision: 0n, position: first.events[0]!.position },
          ]);
          expect(again.nextExpectedRevision).toBe(0n);
        }
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('acknowledges an all-duplicate retry even with a stale expected revision', async () => {
        const streamId = uniqueStream('retry');
        const events = [newEvent(), newEvent()];
        const first = await store.append({ streamId, expectedRevision: 'no_stream', events });
        await appendAny(streamId, newEvent());

        for (const expectedRevision of ['no_stream', 0n] as const) {
          const retry = await store.append({ streamId, expectedRevision, events });
          expect(retry.events.map((e) => [e.status, e.revision, e.position])).toEqual(
            first.events.map((e) => ['duplicate', e.revision, e.position]),
          );
          expect(retry.nextExpectedRevision).toBe(2n);
        }
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('stores only the new events of a partly duplicate request, checking the expected revision', async () => {
        const streamId = uniqueStream('partial-dup');
        const known = newEvent();
        await store.append({ streamId, expectedRevision: 'no_stream', events: [known] });
        const fresh = newEvent();

        const stale = await rejection(store.append({ streamId, expectedRevision: 'no_stream', events: [known, fresh] }));
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);

        const result = await store.append({ streamId, expectedRevision: 0n, events: [known, fresh] });
        expect(result.events.map((e) => [e.status, e.revision])).toEqual([
          ['duplicate', 0n],
          ['appended', 1n],
        ]);
        expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([
          known.eventId.toLowerCase(),
          fresh.eventId.toLowerCase(),
        ]);
      });

      it('stores an event id repeated inside one request once', async () => {
        const streamId = uniqueStream('dup-in-request');
        const event = newEvent();
        const other = newEvent();

        const result = await store.append({
          streamId,
          expectedRevision: 'no_stream',
          events: [event, other, { ...event, eventId: event.eventId.toUpperCase() }],
        });

        expect(result.events.map((e) => [e.status, e.revision])).toEqual([
          ['appended', 0n],
          ['appended', 1n],
          ['duplicate', 0n],
        ]);
        expect(result.events[2]!.position).toBe(result.events[0]!.position);
        expect(result.nextExpectedRevision).toBe(1n);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });
    });

    describe('requests over the append limit', () => {
      it('are written whole and in order as chained appends under the limit, the expected revision checked first', async () => {
        const streamId = uniqueStream('over-limit');
        const padding = 'p'.repeat(420);
        const events = Array.from({ length: 1500 }, (_, i) => newEvent('Padded', { i, padding }));
        await expect(store.append({ streamId, expectedRevision: 5n, events })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.streamRevision(streamId)).toBe('no_stream');

        const [result] = await store.appendMany([{ streamId, expectedRevision: 'no_stream', events }]);
        if (isConflict(result) || !result) throw new Error(`unexpected ${String(result)}`);
        expect(result.nextExpectedRevision).toBe(1499n);
        expect(result.events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
        const read = await store.readStream(streamId);
        expect(read.map((e) => e.data.i)).toEqual(events.map((_, i) => i));
        expect(read.every((e, i) => i === 0 || e.position > read[i - 1]!.position)).toBe(true);
      }, 30_000);
    });

    describe('appendMany', () => {
      it('applies requests in order and reports conflicts in their slot while the others go through', async () => {
        const a = uniqueStream('many-a');
        const b = uniqueStream('many-b');
        const c = uniqueStream('many-c');
        const d = uniqueStream('many-d');
        const requests: AppendRequest[] = [
          { streamId: a, expectedRevision: 'no_stream', events: [newEvent(), newEvent()] },
          { streamId: b, expectedRevision: 'no_stream', events: [newEvent()] },
          { streamId: a, expectedRevision: 1n, events: [newEvent()] },
          { streamId: c, expectedRevision: 3n, events: [newEvent()] },
          { streamId: b, expectedRevision: 7n, events: [newEvent()] },
          { streamId: d, expectedRevision: 'any', events: [newEvent()] },
        ];

        const results = await store.appendMany(requests);

        expect(results).toHaveLength(6);
        const [okA, okB, okA2, conflictC, conflictB, okD] = results;
        expect(conflictC).toBeInstanceOf(WrongExpectedRevisionError);
        expect(conflictC).toMatchObject({ streamId: c, expected: 3n, actual: 'no_stream' });
        expect(conflictB).toBeInstanceOf(WrongExpectedRevisionError);
        expect(conflictB).toMatchObject({ streamId: b, expected: 7n, actual: 0n });
        const appended = [okA, okB, okA2, okD].map((r) => {
          if (isConflict(r) || !r) throw new Error(`unexpected conflict: ${String(r)}`);
          return r;
        });
        expect(appended.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n, 2n, 0n]);
        const positions = appended.flatMap((r) => r.events.map((e) => e.position));
        expect(new Set(positions).size).toBe(positions.length);
        // Requests to one stream keep their order in the log.
        const ofA = [appended[0]!, appended[2]!].flatMap((r) => r.events.map((e) => e.position));
        expect(ofA).toEqual([...ofA].sort((x, y) => (x < y ? -1 : 1)));

        expect(await store.streamRevision(a)).toBe(2n);
        expect(await store.streamRevision(b)).toBe(0n);
        expect(await store.streamRevision(c)).toBe('no_stream');
        expect(await store.streamRevision(d)).toBe(0n);
      });

      it('appends none of a stream\'s later requests once one of its requests conflicts, whatever their expected revision', async () => {
        const streamId = uniqueStream('many-fail-forward');
        const other = uniqueStream('many-fail-forward-other');
        const theirs = newEvent();
        await store.append({ streamId, expectedRevision: 'no_stream', events: [theirs] });
        const results = await store.appendMany([
          { streamId, expectedRevision: 'no_stream', events: [newEvent()] },
          { streamId: other, expectedRevision: 'no_stream', events: [newEvent()] },
          // Planned on top of the failed request: its expected revision happens to match the other writer's event.
          { streamId, expectedRevision: 0n, events: [newEvent()] },
          { streamId, expectedRevision: 'any', events: [theirs] },
        ]);
        expect(results.map((r) => (isConflict(r) ? 'conflict' : 'ok'))).toEqual(['conflict', 'ok', 'conflict', 'conflict']);
        expect(results[2]).toMatchObject({ streamId, expected: 0n, actual: 0n });
        expect((await store.readStream(streamId)).map((e) => e.eventId)).toEqual([theirs.eventId]);
        expect(await store.streamRevision(other)).toBe(0n);
      });

      it('keeps a clock request after every earlier request and before every later one', async () => {
        const clock = uniqueStream('many-clock');
        const customers = Array.from({ length: 6 }, (_, i) => uniqueStream(`many-c${i}`));
        const requests: AppendRequest[] = [
          ...customers.slice(0, 3).map((streamId) => ({ streamId, expectedRevision: 'any' as const, events: [newEvent()] })),
          { streamId: clock, expectedRevision: 'no_stream', events: [newEvent('DayEnded')] },
          ...customers.slice(3).map((streamId) => ({ streamId, expectedRevision: 'any' as const, events: [newEvent()] })),
          { streamId: clock, expectedRevision: 0n, events: [newEvent('DayEnded')] },
          { streamId: customers[0]!, expectedRevision: 0n, events: [newEvent()] },
        ];
        const results = await store.appendMany(requests, { orderedStreams: [clock] });
        const positions = results.map((r) => {
          if (isConflict(r)) throw r;
          return r.events[0]!.position;
        });
        const [firstTick, secondTick] = [positions[3]!, positions[7]!];
        expect(positions.slice(0, 3).every((p) => p < firstTick)).toBe(true);
        expect(positions.slice(4, 7).every((p) => p > firstTick && p < secondTick)).toBe(true);
        expect(positions[8]! > secondTick).toBe(true);
      });

      it('acknowledges duplicates across requests of one call', async () => {
        const streamId = uniqueStream('many-dup');
        const event = newEvent();
        const results = await store.appendMany([
          { streamId, expectedRevision: 'no_stream', events: [event] },
          { streamId, expectedRevision: 'no_stream', events: [event] },
        ]);
        expect(results.map((r) => (isConflict(r) ? 'conflict' : r.events[0]!.status))).toEqual(['appended', 'duplicate']);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('appendCalls', () => {
      const kinds = (outcomes: Array<AppendResult | WrongExpectedRevisionError>): string[] =>
        outcomes.map((r) => (isConflict(r) ? 'conflict' : r.events.map((e) => e.status).join('+')));

      it('appends call after call, leaving out the later requests of a stream that conflicted or met a duplicate in an earlier call', async () => {
        const conflicted = uniqueStream('calls-conflict');
        const duplicated = uniqueStream('calls-dup');
        const fine = uniqueStream('calls-fine');
        const theirs = newEvent();
        await store.append({ streamId: conflicted, expectedRevision: 'no_stream', events: [newEvent()] });
        await store.append({ streamId: duplicated, expectedRevision: 'no_stream', events: [theirs] });
        const later = newEvent();
        const outcomes = await store.appendCalls!([
          [
            { streamId: conflicted, expectedRevision: 'no_stream', events: [newEvent()] },
            { streamId: duplicated, expectedRevision: 'no_stream', events: [theirs] },
            { streamId: fine, expectedRevision: 'no_stream', events: [newEvent()] },
          ],
          [
            // Both expected revisions match the log, yet both rest on requests that did not go as planned.
            { streamId: conflicted, expectedRevision: 0n, events: [newEvent()] },
            { streamId: duplicated, expectedRevision: 0n, events: [later] },
            { streamId: fine, expectedRevision: 0n, events: [newEvent()] },
          ],
        ]);
        expect(outcomes.map(kinds)).toEqual([['conflict', 'duplicate', 'appended'], ['conflict', 'conflict', 'appended']]);
        expect(outcomes[1]![1]).toMatchObject({ streamId: duplicated, expected: 0n, actual: 0n });
        expect((await store.readStream(duplicated)).map((e) => e.eventId)).toEqual([theirs.eventId]);
        expect(await store.streamRevision(conflicted)).toBe(0n);
        expect(await store.streamRevision(fine)).toBe(1n);
      });

      it('appends nothing after a call whose barrier request failed, and everything in order otherwise', async () => {
        const clock = uniqueStream('calls-clock');
        const [a, b] = [uniqueStream('calls-a'), uniqueStream('calls-b')];
        await store.append({ streamId: clock, expectedRevision: 'no_stream', events: [newEvent('DayEnded')] });
        const failedTick = await store.appendCalls!([
          [{ streamId: a, expectedRevision: 'no_stream', events: [newEvent()] }, { streamId: clock, expectedRevision: 'no_stream', events: [newEvent('DayEnded')] }],
          [{ streamId: b, expectedRevision: 'no_stream', events: [newEvent()] }],
        ], clock);
        expect(failedTick.map(kinds)).toEqual([['appended', 'conflict'], ['conflict']]);
        expect(await store.streamRevision(b)).toBe('no_stream');

        const ok = await store.appendCalls!([
          [{ streamId: a, expectedRevision: 0n, events: [newEvent()] }, { streamId: clock, expectedRevision: 0n, events: [newEvent('DayEnded')] }],
          [{ streamId: a, expectedRevision: 1n, events: [newEvent()] }, { streamId: b, expectedRevision: 'no_stream', events: [newEvent()] }],
        ], clock);
        expect(ok.map(kinds)).toEqual([['appended', 'appended'], ['appended', 'appended']]);
        const positions = ok.flat().map((r) => (isConflict(r) ? -1n : r.events[0]!.position));
        expect(positions[2]! > positions[1]! && positions[3]! > positions[1]! && positions[1]! > positions[0]!).toBe(true);
      });
    });

    describe('readAll and headPosition', () => {
      it('pages the log with strictly increasing positions across streams', async () => {
        const s1 = uniqueStream('log-1');
        const s2 = uniqueStream('log-2');
        const start = await store.headPosition();
        const appended: Array<{ streamId: string; position: bigint }> = [];
        for (const streamId of [s1, s2, s1, s2, s1]) {
          const result = await appendAny(streamId, newEvent());
          appended.push({ streamId, position: result.events[0]!.position });
        }
        const last = appended[appended.length - 1]!.position;

        const seen: RecordedEvent[] = [];
        let after: bigint | undefined = start < 0n ? undefined : start;
        while (!seen.some((e) => e.position === last)) {
          const page = await store.readAll({ after, maxCount: 2 });
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(2);
          if (after !== undefined) expect(page[0]!.position).toBeGreaterThan(after);
          seen.push(...page);
          after = page[page.length - 1]!.position;
        }

        const positions = seen.map((e) => e.position);
        positions.slice(1).forEach((p, i) => expect(p).toBeGreaterThan(positions[i]!));
        const mine = seen.filter((e) => e.streamId === s1 || e.streamId === s2);
        expect(mine.map((e) => ({ streamId: e.streamId, position: e.position }))).toEqual(appended);
        expect(mine.filter((e) => e.streamId === s1).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('reads strictly after the given position', async () => {
        const streamId = uniqueStream('after');
        const result = await appendAny(streamId, newEvent(), newEvent(), newEvent());
        const [, second, third] = result.events;

        const page = await store.readAll({ after: second!.position, maxCount: 100 });
        expect(page[0]!.position).toBeGreaterThan(second!.position);
        expect(page.filter((e) => e.streamId === streamId).map((e) => e.position)).toEqual([third!.position]);
      });

      it('moves the head position to the last appended event', async () => {
        const before = await store.headPosition();
        const result = await appendAny(uniqueStream('head'), newEvent(), newEvent());
        const head = await store.headPosition();
        expect(typeof head).toBe('bigint');
        expect(head).toBeGreaterThan(before);
        expect(head).toBeGreaterThanOrEqual(result.events[1]!.position);
      });
    });

    describe('subscribeToAll', () => {
      const collect = (streams: string[]) => {
        const events: RecordedEvent[] = [];
        const handler = async (batch: RecordedEvent[]): Promise<void> => {
          events.push(...batch.filter((e) => streams.includes(e.streamId)));
        };
        return { events, handler };
      };

      it('catches up from a checkpoint, reports it once, then delivers live appends', async () => {
        const streamId = uniqueStream('sub');
        const first = await appendAny(streamId, newEvent(), newEvent(), newEvent());
        const { events, handler } = collect([streamId]);
        let caughtUp = 0;
        const errors: unknown[] = [];

        const subscription = store.subscribeToAll({
          after: first.events[0]!.position,
          batchSize: 2,
          handler,
          onCaughtUp: () => caughtUp++,
          onError: (error) => errors.push(error),
        });
        try {
          await waitFor(() => caughtUp > 0, 'catch-up');
          expect(events.map((e) => e.revision)).toEqual([1n, 2n]);

          await appendAny(streamId, newEvent());
          await appendAny(streamId, newEvent(), newEvent());
          await waitFor(() => events.length === 5, 'live events');
          expect(events.map((e) => e.revision)).toEqual([1n, 2n, 3n, 4n, 5n]);
          expect(caughtUp).toBe(1);
          expect(errors).toEqual([]);
        } finally {
          await subscription.stop();
        }
      });

      it('delivers from the start of the log when no checkpoint is given', async () => {
        const streamId = uniqueStream('sub-start');
        await appendAny(streamId, newEvent());
        const { events, handler } = collect([streamId]);
        const subscription = store.subscribeToAll({ handler });
        try {
          await waitFor(() => events.length === 1, 'the first event');
        } finally {
          await subscription.stop();
        }
      });

      it('awaits the handler before delivering the next batch', async () => {
        const streamId = uniqueStream('sub-backpressure');
        const start = await store.headPosition();
        await appendAny(streamId, ...Array.from({ length: 7 }, () => newEvent()));
        let active = 0;
        let maxActive = 0;
        const batches: bigint[][] = [];
        let caughtUp = false;

        const subscription = store.subscribeToAll({
          after: start < 0n ? undefined : start,
          batchSize: 3,
          handler: async (batch) => {
            active++;
            maxActive = Math.max(maxActive, active);
            await sleep(15);
            batches.push(batch.filter((e) => e.streamId === streamId).map((e) => e.revision));
            active--;
          },
          onCaughtUp: () => (caughtUp = true),
        });
        try {
          await waitFor(() => caughtUp, 'catch-up');
          expect(maxActive).toBe(1);
          expect(batches.flat()).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
          batches.forEach((batch) => expect(batch.length).toBeLessThanOrEqual(3));
        } finally {
          await subscription.stop();
        }
      });

      it('stop() waits for the current batch and ends delivery', async () => {
        const streamId = uniqueStream('sub-stop');
        const start = await store.headPosition();
        await appendAny(streamId, newEvent());
        let release!: () => void;
        const gate = new Promise<void>((done) => (release = done));
        let handlerEntered = false;
        let handlerDone = false;
        const delivered: RecordedEvent[] = [];

        const subscription = store.subscribeToAll({
          after: start < 0n ? undefined : start,
          handler: async (batch) => {
            handlerEntered = true;
            delivered.push(...batch.filter((e) => e.streamId === streamId));
            await gate;
            handlerDone = true;
          },
        });
        await waitFor(() => handlerEntered, 'the handler');

        let stopped = false;
        const stopping = subscription.stop().then(() => (stopped = true));
        await sleep(30);
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(handlerDone).toBe(true);

        await appendAny(streamId, newEvent());
        await sleep(300);
        expect(delivered.map((e) => e.revision)).toEqual([0n]);
      });
    });

    describe('concurrency', () => {
      it('50 concurrent writers retrying on conflict produce revisions 0..49 with none lost', async () => {
        const streamId = uniqueStream('concurrent');
        const events = Array.from({ length: 50 }, (_, i) => newEvent('Counted', { i }));

        const write = async (event: NewEvent): Promise<void> => {
          for (let attempt = 0; attempt < 500; attempt++) {
            const revision = await store.streamRevision(streamId);
            try {
              await store.append({ streamId, expectedRevision: revision, events: [event] });
              return;
            } catch (error) {
              if (!isConflict(error)) throw error;
            }
          }
          throw new Error('too many conflicts');
        };
        await Promise.all(events.map(write));

        const stored = await store.readStream(streamId);
        expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
        expect(new Set(stored.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.eventId.toLowerCase())));
      }, 60_000);
    });
  });
}
