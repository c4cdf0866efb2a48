import { createSqliteEventStore, type EventStore } from '@lifecycle/event-store';
import { purchase, refund } from '../../../domain/src/testing/event-builders.js';
import type { Candidate } from './ingestion-result.js';
import { createIngestion } from './ingestion.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ok = (event: Extract<Candidate, { ok: true }>['event']): Candidate => ({ ok: true, event });

describe('Ingestion group commit', () => {
  let store: EventStore;
  /** The planned append calls, and the store calls (one SQLite transaction each) that carried them. */
  let appendManyCalls: number;
  let storeCalls: number;

  beforeEach(() => {
    store = createSqliteEventStore({ file: ':memory:' });
    appendManyCalls = 0;
    storeCalls = 0;
    const appendCalls = store.appendCalls!.bind(store);
    store.appendCalls = (calls, barrier) => {
      appendManyCalls += calls.length;
      storeCalls += 1;
      return appendCalls(calls, barrier);
    };
  });

  afterEach(() => store.close());

  it('appends concurrent submissions together (one call per run of distinct streams), each answered with its own results in order', async () => {
    const ingestion = createIngestion(store, 'USD', () => NOW);
    const first = purchase('a', '2025-12-01T10:00:00Z', 1_000, { orderId: 'a-1' });
    const again = purchase('a', '2025-12-02T10:00:00Z', 500, { orderId: 'a-1' });
    const [one, two, three] = await Promise.all([
      ingestion.submit([ok(first)]),
      ingestion.submit([ok(purchase('b', '2025-12-01T11:00:00Z', 2_000)), ok(refund('a', '2025-12-03T10:00:00Z', 300, { orderId: 'a-1' }))]),
      ingestion.submit([ok(again), ok(first)]),
    ]);
    // [a, b, a]: customer a resumes after b, so its second request goes in a second call.
    expect(appendManyCalls).toBe(2);
    expect(storeCalls).toBe(1);
    expect(one).toEqual([expect.objectContaining({ status: 'accepted', eventId: first.eventId, streamId: 'customer-a', revision: '0' })]);
    expect(two.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(two[1]).toEqual(expect.objectContaining({ streamId: 'customer-a', revision: '1' }));
    expect(three).toEqual([
      expect.objectContaining({ status: 'rejected', code: 'DUPLICATE_ORDER' }),
      { status: 'duplicate', eventId: first.eventId, streamId: 'customer-a' },
    ]);
    expect(await store.headPosition()).toBe(3n);
  });

  it('answers a lone submission as before, and appends serial submissions one at a time', async () => {
    const ingestion = createIngestion(store, 'USD', () => NOW);
    expect(await ingestion.submit([ok(purchase('c', '2025-12-01T10:00:00Z', 1_000))])).toEqual([expect.objectContaining({ status: 'accepted' })]);
    await Promise.all([
      ingestion.submit([ok(purchase('d', '2025-12-01T10:00:00Z', 1_000))], { mode: 'serial', metadata: { source: 'x' } }),
      ingestion.submit([ok(purchase('e', '2025-12-01T10:00:00Z', 1_000))], { mode: 'serial', metadata: { source: 'y' } }),
    ]);
    expect(appendManyCalls).toBe(3);
  });

  it('rejects every grouped submission when the append fails, and goes on afterwards', async () => {
    const ingestion = createIngestion(store, 'USD', () => NOW);
    const appendCalls = store.appendCalls;
    store.appendCalls = async () => {
      throw new Error('disk full');
    };
    const f = purchase('f', '2025-12-01T10:00:00Z', 1_000);
    const outcomes = await Promise.allSettled([ingestion.submit([ok(f)]), ingestion.submit([ok(purchase('g', '2025-12-01T10:00:00Z', 1_000))])]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    store.appendCalls = appendCalls;
    // Nothing was stored, so the same event again is accepted, not a duplicate.
    expect(await ingestion.submit([ok(f)])).toEqual([expect.objectContaining({ status: 'accepted', eventId: f.eventId })]);
  });
});
