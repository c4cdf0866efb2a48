import type { BusinessEvent } from '../events/event-types.js';
import { churn, complaint, csat, interaction, nps, plusDays, purchase, referral, refund, registered } from '../testing/event-builders.js';
import { RULES } from '../testing/histories.js';
import { dayEndAsOf, formatDate } from '../time/instant.js';
import type { Cutoffs } from '../tiers/cutoffs.js';
import { applyToFacts, emptyFacts, pruneFacts } from './customer-facts.js';
import { applyBusinessEvent, applyDayEnd, assignTier, type CustomerState, type ProjectionContext } from './customer-state.js';

const C = 'c1';
const D0 = Date.UTC(2023, 0, 10, 12);
const day = (n: number) => plusDays(D0, n);

/** Freezes every object reachable from the value: a write to any of them throws (ES modules are strict). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** One of each kind of event, a year apart at the end so that pruning drops the early windowed items. */
const HISTORY: BusinessEvent[] = [
  registered(C, D0), purchase(C, day(1), 5_000, { orderId: 'o1' }), refund(C, day(2), 1_000, { orderId: 'o1' }), refund(C, day(3), 100),
  interaction(C, day(4), 'DEMO', { channel: 'PHONE' }), interaction(C, day(5), 'SUPPORT', { channel: 'PHONE' }),
  nps(C, day(6), 9), csat(C, day(7), 4), complaint(C, day(8)), referral(C, day(9)), churn(C, day(10), 'MANUAL'),
  purchase(C, day(400), 2_000, { orderId: 'o2' }), refund(C, day(401), 2_000, { orderId: 'o2' }),
];
const CUTOFFS: Cutoffs = { populationSize: 1, VIP: { net12: 1, customerId: C }, KEY: null, STANDARD: null };

describe('the folds leave what they are given as it was', () => {
  it('applyToFacts and pruneFacts on frozen facts', () => {
    let facts = deepFreeze(emptyFacts());
    for (const event of HISTORY) {
      const before = structuredClone(facts);
      const next = applyToFacts(facts, event, RULES.baseCurrency);
      expect(facts).toEqual(before);
      facts = deepFreeze(next);
    }
    expect(facts.orders.map((o) => o.refunded)).toEqual([1_000, 2_000]);
    const pruned = pruneFacts(facts, plusDays(D0, 400), RULES.windowDays * 86_400_000);
    expect(pruned).not.toBe(facts);
    expect(facts.refunds).toHaveLength(3);
  });

  it('applyBusinessEvent, applyDayEnd and assignTier on frozen states, with and without a clock and cutoffs', () => {
    const contexts: ProjectionContext[] = [
      { clockAsOf: null, cutoffs: null, rules: RULES },
      { clockAsOf: day(-1), cutoffs: CUTOFFS, rules: RULES },
    ];
    for (const ctx of contexts) {
      let state: CustomerState | undefined;
      for (const event of HISTORY) {
        const before = structuredClone(state);
        const step = applyBusinessEvent(state, event, ctx);
        expect(state).toEqual(before);
        state = deepFreeze(step.state);
        const date = formatDate(Date.parse(event.occurredAt) + 30 * 86_400_000);
        const frozen = structuredClone(state);
        const ended = deepFreeze(applyDayEnd(state, date, dayEndAsOf(date), RULES).state);
        assignTier(ended, CUTOFFS, date, dayEndAsOf(date));
        expect(state).toEqual(frozen);
      }
    }
  });
});
