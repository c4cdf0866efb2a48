import { type BusinessEvent, evolveDecision, initialDecisionState } from '@lifecycle/domain';
import { CLOCK_STREAM } from '@lifecycle/event-store';
import { purchase, refund, registered } from '../../../domain/src/testing/event-builders.js';
import { chainHash } from '../event-log/hash-chain.js';
import { dayEndedEvent } from './day-ended-event.js';
import type { ClockDecisionState, CustomerDecision } from './decision-cache.js';
import { type PlanInput, planIngestion } from './ingestion-planner.js';
import type { Candidate } from './ingestion-result.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const ok = (event: Extract<Candidate, { ok: true }>['event']): Candidate => ({ ok: true, event });
const emptyClock: ClockDecisionState = { revision: -1n, lastDate: null, lastHash: null };
const newCustomer = (): CustomerDecision => ({ state: initialDecisionState(), lastHash: null });
/** A customer whose stream holds `events` (revisions 0..n-1), its head hash `lastHash`. */
const knownCustomer = (events: BusinessEvent[], lastHash: string): CustomerDecision => {
  let state = initialDecisionState();
  events.forEach((event, i) => (state = evolveDecision(state, event, 'USD', BigInt(i))));
  return { state, lastHash };
};

const plan = (candidates: Candidate[], customers: Record<string, CustomerDecision>, more: Partial<PlanInput> = {}) =>
  planIngestion({
    candidates, pending: candidates.map((_, i) => i), customers: new Map(Object.entries(customers)),
    clock: emptyClock, baseCurrency: 'USD', now: NOW, ...more,
  });
const requests = (p: ReturnType<typeof planIngestion>) =>
  p.calls.map((call) => call.map((r) => [r.streamId, r.expectedRevision, r.events.map((e) => e.type), r.indexes]));

describe('planIngestion', () => {
  it('plans a new customer on no_stream, chains from null and returns the state after the round', () => {
    const reg = registered('n', '2025-12-01T00:00:00Z');
    const buy = purchase('n', '2025-12-02T00:00:00Z', 1_000, { orderId: 'o1' });
    const p = plan([ok(reg), ok(buy)], { n: newCustomer() });

    expect(requests(p)).toEqual([[['customer-n', 'no_stream', ['CustomerRegistered', 'PurchaseCompleted'], [0, 1]]]]);
    const [first, second] = p.calls[0]![0]!.events;
    expect(first!.metadata.hash).toBe(chainHash(null, { ...first!, metadata: {} }));
    expect(second!.metadata.hash).toBe(chainHash(first!.metadata.hash!, { ...second!, metadata: {} }));
    const next = p.next.customers.get('n')!;
    expect(next.state.revision).toBe(1n);
    expect([...next.state.orders.keys()]).toEqual(['o1']);
    expect(next.lastHash).toBe(second!.metadata.hash);
    expect(p.results.size).toBe(0);
  });

  it('plans a known customer at its revision, chained onto its head, and leaves the given state untouched', () => {
    const history = [registered('k', '2025-01-01T00:00:00Z'), purchase('k', '2025-01-02T00:00:00Z', 2_000, { orderId: 'o1' })];
    const known = knownCustomer(history, 'head-hash');
    const r = refund('k', '2025-12-01T00:00:00Z', 500, { orderId: 'o1' });
    const p = plan([ok(r)], { k: known });

    expect(requests(p)).toEqual([[['customer-k', 1n, ['PurchaseRefunded'], [0]]]]);
    expect(p.calls[0]![0]!.events[0]!.metadata.hash).toBe(chainHash('head-hash', { ...p.calls[0]![0]!.events[0]!, metadata: {} }));
    expect(p.next.customers.get('k')!.state.orders.get('o1')).toEqual({ total: 2_000, refunded: 500 });
    // No speculative change to undo: the input keeps the stored state.
    expect(known.state.revision).toBe(1n);
    expect(known.state.orders.get('o1')).toEqual({ total: 2_000, refunded: 0 });
    expect(known.state.eventIds.has(r.eventId.toLowerCase())).toBe(false);
    expect(known.lastHash).toBe('head-hash');
  });

  it('answers stored and repeated event ids as duplicates, appending the event once', () => {
    const stored = registered('d', '2025-01-01T00:00:00Z');
    const fresh = purchase('d', '2025-12-01T00:00:00Z', 1_000);
    const p = plan([ok(stored), ok(fresh), ok(fresh)], { d: knownCustomer([stored], 'h') });

    expect(p.results.get(0)).toEqual({ status: 'duplicate', eventId: stored.eventId, streamId: 'customer-d' });
    expect(p.results.get(2)).toEqual({ status: 'duplicate', eventId: fresh.eventId, streamId: 'customer-d' });
    expect(requests(p)).toEqual([[['customer-d', 0n, ['PurchaseCompleted'], [1]]]]);
  });

  it('rejects on the order checks (a known order; a refund beyond it; validation), marking only UNKNOWN_ORDER as tentative', () => {
    const buy = purchase('r', '2025-01-02T00:00:00Z', 1_000, { orderId: 'o1' });
    const p = plan(
      [
        ok(purchase('r', '2025-12-01T00:00:00Z', 1_000, { orderId: 'o1' })),
        ok(refund('r', '2025-12-01T00:00:00Z', 2_000, { orderId: 'o1' })),
        ok(refund('r', '2025-12-01T00:00:00Z', 100, { orderId: 'nobody' })),
        { ok: false, eventId: 'bad', rejection: { code: 'INVALID_EVENT', reason: 'type: unknown' } },
      ],
      { r: knownCustomer([buy], 'h') },
    );

    expect([0, 1, 2, 3].map((i) => (p.results.get(i) as { code: string }).code)).toEqual([
      'DUPLICATE_ORDER', 'REFUND_EXCEEDS_ORDER', 'UNKNOWN_ORDER', 'INVALID_EVENT',
    ]);
    expect(p.results.get(3)).toEqual({ status: 'rejected', eventId: 'bad', code: 'INVALID_EVENT', reason: 'type: unknown' });
    expect(p.tentative).toEqual([{ index: 2, streamId: 'customer-r', basedOn: 0n }]);
    expect(p.calls).toEqual([]);
    expect(p.next.customers.size).toBe(0);
  });

  it('decides later events on the round\'s earlier ones: a refund of an order bought in the same batch', () => {
    const p = plan(
      [ok(purchase('s', '2025-12-01T00:00:00Z', 1_000, { orderId: 'o1' })), ok(refund('s', '2025-12-02T00:00:00Z', 1_000, { orderId: 'o1' })),
        ok(refund('s', '2025-12-03T00:00:00Z', 1, { orderId: 'o1' }))],
      { s: newCustomer() },
    );
    expect(requests(p)).toEqual([[['customer-s', 'no_stream', ['PurchaseCompleted', 'PurchaseRefunded'], [0, 1]]]]);
    expect(p.results.get(2)).toMatchObject({ status: 'rejected', code: 'REFUND_EXCEEDS_ORDER' });
  });

  it('rejects events more than 5 minutes after now and days not over yet (the future check)', () => {
    const p = plan(
      [
        ok(purchase('f', NOW + 5 * 60_000 + 1, 1_000)),
        ok(purchase('f', NOW + 5 * 60_000, 1_000)),
        ok(dayEndedEvent('2026-01-01')),
        // Sent early: the day it ends is not over.
        ok({ ...dayEndedEvent('2026-01-01'), occurredAt: '2026-01-01T00:00:00.000Z' }),
      ],
      { f: newCustomer() },
    );
    expect(p.results.get(0)).toMatchObject({ status: 'rejected', code: 'FUTURE_EVENT' });
    expect(p.results.has(1)).toBe(false);
    expect(p.results.get(2)).toMatchObject({ status: 'rejected', code: 'FUTURE_EVENT', reason: expect.stringContaining('occurredAt') });
    expect(p.results.get(3)).toMatchObject({ status: 'rejected', code: 'FUTURE_EVENT', reason: expect.stringContaining('data.date') });
    expect(requests(p)).toEqual([[['customer-f', 'no_stream', ['PurchaseCompleted'], [1]]]]);
  });

  it('guards the clock: a duplicate date, a gap (tentative), a date before its start; the next date is appended', () => {
    const clock: ClockDecisionState = { revision: 2n, lastDate: '2025-03-03', lastHash: 'clock-head' };
    const p = plan(
      [ok(dayEndedEvent('2025-03-02')), ok(dayEndedEvent('2025-03-06')), ok(dayEndedEvent('2025-02-28')), ok(dayEndedEvent('2025-03-04'))],
      {}, { clock },
    );
    expect(p.results.get(0)).toEqual({ status: 'duplicate', eventId: dayEndedEvent('2025-03-02').eventId, streamId: CLOCK_STREAM });
    expect(p.results.get(1)).toMatchObject({ status: 'rejected', code: 'INVALID_EVENT', reason: expect.stringContaining('gap') });
    expect(p.results.get(2)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('2025-03-01') });
    expect(p.tentative).toEqual([{ index: 1, streamId: CLOCK_STREAM, basedOn: 2n }]);
    expect(requests(p)).toEqual([[[CLOCK_STREAM, 2n, ['DayEnded'], [3]]]]);
    expect(p.next.clock).toEqual({ revision: 3n, lastDate: '2025-03-04', lastHash: p.calls[0]![0]!.events[0]!.metadata.hash });
    expect(clock).toEqual({ revision: 2n, lastDate: '2025-03-03', lastHash: 'clock-head' });
  });

  it('with the clock on, ticks every day before each accepted event, starting an empty clock at the first event\'s date', () => {
    const candidates = [
      ok(registered('t', '2025-05-01T10:00:00Z')),
      ok(purchase('t', '2025-05-03T10:00:00Z', 1_000, { orderId: 'o1' })),
      ok(purchase('t', '2025-05-04T10:00:00Z', 1_000, { orderId: 'o1' })), // rejected: no tick for it
      ok(purchase('u', '2025-05-05T10:00:00Z', 1_000)),
    ];
    const session = { firstDate: null };
    const p = plan(candidates, { t: newCustomer(), u: newCustomer() }, { clockMode: session, metadata: { source: 'import' } });

    expect(p.firstDate).toBe('2025-05-01');
    expect(session.firstDate).toBeNull();
    expect(requests(p)).toEqual([
      [['customer-t', 'no_stream', ['CustomerRegistered'], [0]], [CLOCK_STREAM, 'no_stream', ['DayEnded', 'DayEnded'], []]],
      [['customer-t', 0n, ['PurchaseCompleted'], [1]], [CLOCK_STREAM, 1n, ['DayEnded', 'DayEnded'], []]],
      [['customer-u', 'no_stream', ['PurchaseCompleted'], [3]]],
    ]);
    const ticks = p.calls.flat().filter((r) => r.streamId === CLOCK_STREAM).flatMap((r) => r.events);
    expect(ticks.map((e) => (e.data.data as { date: string }).date)).toEqual(['2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04']);
    // The clock's chain runs across its requests.
    expect(ticks[2]!.metadata.hash).toBe(chainHash(ticks[1]!.metadata.hash!, { ...ticks[2]!, metadata: { source: 'import' } }));
    expect(p.calls.flat().every((r) => r.events.every((e) => e.metadata.source === 'import'))).toBe(true);
    expect(p.next.clock).toMatchObject({ revision: 3n, lastDate: '2025-05-04' });
    expect(p.results.get(2)).toMatchObject({ code: 'DUPLICATE_ORDER' });
  });

  it('decides only the pending candidates', () => {
    const candidates = [ok(registered('p', '2025-01-01T00:00:00Z')), ok(registered('q', '2025-01-01T00:00:00Z'))];
    const p = planIngestion({
      candidates, pending: [1], customers: new Map([['q', newCustomer()]]), clock: emptyClock, baseCurrency: 'USD', now: NOW,
    });
    expect(requests(p)).toEqual([[['customer-q', 'no_stream', ['CustomerRegistered'], [1]]]]);
  });
});
