import type { BusinessEvent } from '../events/event-types.js';
import { interaction, purchase, refund } from '../testing/event-builders.js';
import { decide, type Decision, type DecisionState, evolveDecision, initialDecisionState } from './decide.js';

const C = 'c1';
const AT = '2024-05-01T10:00:00Z';

/** The decision state after storing `events` (as the command side folds its stream). */
const stored = (...events: BusinessEvent[]): DecisionState =>
  events.reduce((state, event, i) => evolveDecision(state, event, 'USD', BigInt(i)), initialDecisionState());

const code = (decision: Decision) => (decision.kind === 'reject' ? decision.rejection.code : decision.kind);

describe('duplicate eventId', () => {
  it('is acknowledged as a duplicate, comparing UUIDs case-insensitively', () => {
    const first = interaction(C, AT, 'NONE', { eventId: 'ABCDEF00-0000-4000-8000-000000000001' });
    const state = stored(first);
    expect(decide(state, { ...first, eventId: first.eventId.toLowerCase() }, 'USD')).toEqual({ kind: 'duplicate' });
    expect(decide(state, first, 'USD')).toEqual({ kind: 'duplicate' });
  });

  it('is checked before the order checks (a re-sent purchase or refund is not DUPLICATE_ORDER / REFUND_EXCEEDS_ORDER)', () => {
    const order = purchase(C, AT, 1_000, { orderId: 'o1' });
    const full = refund(C, AT, 1_000, { orderId: 'o1' });
    const state = stored(order, full);
    expect(decide(state, { ...order, eventId: order.eventId.toUpperCase() }, 'USD')).toEqual({ kind: 'duplicate' });
    expect(decide(state, full, 'USD')).toEqual({ kind: 'duplicate' });
  });

  it('tracks the revision of the last stored event', () => {
    expect(initialDecisionState().revision).toBe(-1n);
    expect(stored(interaction(C, AT), interaction(C, AT)).revision).toBe(1n);
  });
});

describe('order checks', () => {
  it('DUPLICATE_ORDER: the orderId is already recorded under another eventId', () => {
    const state = stored(purchase(C, AT, 1_000, { orderId: 'o1' }));
    expect(decide(state, purchase(C, AT, 2_000, { orderId: 'o1' }), 'USD')).toEqual({
      kind: 'reject', rejection: { code: 'DUPLICATE_ORDER', reason: 'orderId o1 already recorded' },
    });
    // orderId is free text, compared exactly
    expect(code(decide(state, purchase(C, AT, 2_000, { orderId: 'O1' }), 'USD'))).toBe('accept');
  });

  it('UNKNOWN_ORDER: a refund naming an order the customer does not have', () => {
    const state = stored(purchase(C, AT, 1_000, { orderId: 'o1' }));
    expect(decide(state, refund(C, AT, 100, { orderId: 'o2' }), 'USD')).toEqual({
      kind: 'reject', rejection: { code: 'UNKNOWN_ORDER', reason: 'no order o2' },
    });
  });

  it('an orphan refund (no orderId) has nothing to check against', () => {
    expect(code(decide(stored(), refund(C, AT, 1_000_000), 'USD'))).toBe('accept');
  });
});

describe('REFUND_EXCEEDS_ORDER (base-currency amounts)', () => {
  const order = purchase(C, AT, 10_000, { orderId: 'o1' });

  it('allows refunds that exactly reach the total, then rejects one more cent', () => {
    const partly = refund(C, AT, 6_000, { orderId: 'o1' });
    const rest = refund(C, AT, 4_000, { orderId: 'o1' });
    expect(code(decide(stored(order), partly, 'USD'))).toBe('accept');
    expect(code(decide(stored(order, partly), rest, 'USD'))).toBe('accept');
    expect(decide(stored(order, partly, rest), refund(C, AT, 1, { orderId: 'o1' }), 'USD')).toEqual({
      kind: 'reject', rejection: { code: 'REFUND_EXCEEDS_ORDER', reason: 'refunds would exceed order o1' },
    });
  });

  it('rejects a single refund one cent over the total', () => {
    expect(code(decide(stored(order), refund(C, AT, 10_001, { orderId: 'o1' }), 'USD'))).toBe('REFUND_EXCEEDS_ORDER');
    expect(code(decide(stored(order), refund(C, AT, 10_000, { orderId: 'o1' }), 'USD'))).toBe('accept');
  });

  it('rejects any refund of a $0 order', () => {
    expect(code(decide(stored(purchase(C, AT, 0, { orderId: 'free' })), refund(C, AT, 1, { orderId: 'free' }), 'USD'))).toBe('REFUND_EXCEEDS_ORDER');
  });

  it('compares baseAmountMinor, not amountMinor, for non-base currencies', () => {
    const eur = purchase(C, AT, 9_000, { orderId: 'e1', currency: 'EUR', baseAmountMinor: 10_000 });
    // 9 500 EUR-cents is more than the 9 000 paid, but its base amount 9 999 is within the base total 10 000
    expect(code(decide(stored(eur), refund(C, AT, 9_500, { orderId: 'e1', currency: 'EUR', baseAmountMinor: 9_999 }), 'USD'))).toBe('accept');
    // 100 EUR-cents is little, but its base amount 10 001 is over
    expect(code(decide(stored(eur), refund(C, AT, 100, { orderId: 'e1', currency: 'EUR', baseAmountMinor: 10_001 }), 'USD'))).toBe('REFUND_EXCEEDS_ORDER');
    // a USD refund of a EUR order is measured against the base total
    expect(code(decide(stored(eur), refund(C, AT, 10_000, { orderId: 'e1' }), 'USD'))).toBe('accept');
  });

  it('counts earlier refunds in base units across currencies', () => {
    const first = refund(C, AT, 5_000, { orderId: 'o1', currency: 'GBP', baseAmountMinor: 7_000 });
    expect(code(decide(stored(order, first), refund(C, AT, 3_000, { orderId: 'o1' }), 'USD'))).toBe('accept');
    expect(code(decide(stored(order, first), refund(C, AT, 3_001, { orderId: 'o1' }), 'USD'))).toBe('REFUND_EXCEEDS_ORDER');
  });
});
