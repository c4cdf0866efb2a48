import { defaultRules } from '@lifecycle/domain';
import type { EventStore, RecordedEvent } from '@lifecycle/event-store';
import type { ReadModelStore } from '@lifecycle/read-model';
import { LifecycleQueries } from './lifecycle-queries.js';

const recorded = (revision: number): RecordedEvent => ({
  streamId: 'customer-a', revision: BigInt(revision), position: BigInt(10 + revision), eventId: `e${revision}`, type: 'InteractionRecorded',
  data: { occurredAt: `2026-01-0${revision + 1}T00:00:00.000Z`, channel: 'EMAIL' }, metadata: { source: 'crm' }, recordedAt: '2026-01-09T00:00:00.000Z',
});

function queriesOver(stream: RecordedEvent[]): LifecycleQueries {
  const readModel = {
    segmentCounts: async () => ({ customers: 3, status: { ACTIVE: 2, CHURNED: 1 }, loyaltyLevel: { REPEAT: 3 }, valueTier: {} }),
    loadMeta: async () => ({ clockDate: '2026-01-05', cutoffs: null }),
  } as unknown as ReadModelStore;
  const events = {
    readStream: async (streamId: string, from: bigint, max: number) =>
      (streamId === 'customer-a' ? stream : []).filter((e) => e.revision >= from).slice(0, max),
  } as unknown as EventStore;
  return new LifecycleQueries(readModel, events, defaultRules('USD'));
}

describe('LifecycleQueries', () => {
  it('answers segments with every bucket of each classification in its order, zeros included, and the clock', async () => {
    const segments = await queriesOver([]).segments();
    expect(Object.entries(segments.status)).toEqual([
      ['PROSPECT', 0], ['QUALIFIED', 0], ['NEW', 0], ['ACTIVE', 2], ['AT_RISK', 0], ['INACTIVE', 0], ['CHURNED', 1],
    ]);
    expect(segments.loyaltyLevel).toEqual({ NONE: 0, ONE_TIME: 0, REPEAT: 3, LOYAL: 0, ADVOCATE: 0 });
    expect(Object.values(segments.valueTier)).toEqual([0, 0, 0, 0, 0]);
    expect({ customers: segments.customers, clockDate: segments.clockDate }).toEqual({ customers: 3, clockDate: '2026-01-05' });
  });

  it('pages a customer history by revision, with occurredAt lifted out of the body, and null for an unknown customer', async () => {
    const queries = queriesOver([recorded(0), recorded(1), recorded(2)]);
    const first = await queries.history('a', 0n, 2);
    expect(first?.items.map((e) => [e.revision, e.position, e.occurredAt])).toEqual([['0', '10', '2026-01-01T00:00:00.000Z'], ['1', '11', '2026-01-02T00:00:00.000Z']]);
    expect(first?.items[0]?.data).toEqual({ channel: 'EMAIL' });
    expect(first?.nextRevision).toBe('2');
    expect((await queries.history('a', 2n, 2))?.nextRevision).toBeNull();
    expect(await queries.history('nobody', 0n, 2)).toBeNull();
  });
});
