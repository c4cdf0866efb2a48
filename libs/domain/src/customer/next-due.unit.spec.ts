import type { BusinessEvent } from '../events/event-types.js';
import { churn, csat, interaction, ms, nps, plusDays, purchase, referral, refund, registered } from '../testing/event-builders.js';
import { factsOf, RULES } from '../testing/histories.js';
import { DAY_MS } from '../time/instant.js';
import { evaluate, type HeldLevel, holdLevel, nextDueAt } from './evaluate.js';

const C = 'c1';
const P = Date.UTC(2023, 0, 10, 9, 30);
const day = (n: number) => plusDays(P, n);

/** nextDueAt after evaluating a history at t, with the held level a customer starting at NONE would have. */
function dueAt(events: BusinessEvent[], t: number, held: HeldLevel = { level: 'NONE', reviewAt: null }): number | null {
  const facts = factsOf(events);
  const e = evaluate(facts, t, RULES);
  return nextDueAt(facts, e, holdLevel(held, e.qualifiedLevel, t, RULES), RULES);
}

describe('nextDueAt: the earliest instant after t at which something can change', () => {
  const single = [purchase(C, P, 1_000)];

  it.each([
    [0, 90, 'NEW ends at tenure 90'],
    [90, 91, 'ACTIVE ends at recency 91'],
    [91, 180, 'tenure reaches loyalMinTenureDays'],
    [180, 181, 'AT_RISK ends at recency 181'],
    [181, 271, 'INACTIVE ends at recency 271'],
    [271, 365, 'the order leaves W(t) (and the ONE_TIME review is due)'],
  ])('single purchase, t = P + %i d → P + %i d (%s)', (t, next) => {
    expect(dueAt(single, day(t))).toBe(day(next));
  });

  it('is strictly after t: at exactly a candidate, the next one is taken', () => {
    expect(dueAt(single, day(90) - 1)).toBe(day(90));
    expect(dueAt(single, day(90))).toBe(day(91));
  });

  it('keeps the yearly review of a held level as a due instant', () => {
    expect(dueAt(single, day(365), { level: 'ONE_TIME', reviewAt: day(365) })).toBe(day(730));
  });

  it('picks reviewAt when it comes first', () => {
    const t = day(400);
    expect(dueAt(single, t, { level: 'REPEAT', reviewAt: t + 5 * DAY_MS })).toBe(t + 5 * DAY_MS);
  });

  it('follows each windowed item out of W(t): refunds (orphans too), CSAT, referrals, the latest NPS', () => {
    for (const item of [refund(C, day(500), 100), csat(C, day(500), 5), referral(C, day(500)), nps(C, day(500), 10)]) {
      expect(dueAt([...single, item], day(501))).toBe(day(865));
    }
  });

  it('follows the qualifying window: 91 days after the last QUOTE_REQUEST/DEMO, then nothing', () => {
    const history = [interaction(C, P, 'QUOTE_REQUEST')];
    expect(dueAt(history, P)).toBe(day(91));
    expect(dueAt(history, day(91))).toBeNull();
  });

  it('is null when nothing can change without a new event', () => {
    expect(dueAt([registered(C, P)], P)).toBeNull();
    expect(dueAt([interaction(C, P, 'SUPPORT'), churn(C, day(1))], day(1))).toBeNull();
  });

  it('ignores a voided order for recency but still follows it out of the window (net12)', () => {
    const history = [purchase(C, P, 1_000), purchase(C, day(200), 500, { orderId: 'v' }), refund(C, day(201), 500, { orderId: 'v' })];
    // recency counts from P: 271 d is CHURNED; the voided order and its refund leave W at 565 d and 566 d
    expect(dueAt(history, day(300))).toBe(day(365));
    expect(dueAt(history, day(365))).toBe(day(565));
    expect(dueAt(history, day(565))).toBe(day(566));
  });
});

describe('nextDueAt property: evaluating anywhere in [t, nextDueAt) gives what t gave', () => {
  const histories: Record<string, BusinessEvent[]> = {
    'single purchase': [purchase(C, P, 1_000)],
    'loyal with NPS and referral': [
      purchase(C, P, 1_000), purchase(C, day(35), 2_000), purchase(C, day(70), 1_500), purchase(C, day(75), 500),
      nps(C, day(80), 9), referral(C, day(120)), csat(C, day(130), 4), purchase(C, day(200), 700),
    ],
    'refunds and voids': [
      purchase(C, P, 1_000, { orderId: 'a' }), purchase(C, day(40), 3_000, { orderId: 'b' }),
      refund(C, day(41), 3_000, { orderId: 'b' }), refund(C, day(100), 250), purchase(C, day(300), 800),
    ],
    'prospect turned customer': [interaction(C, P, 'DEMO'), interaction(C, day(60), 'QUOTE_REQUEST'), purchase(C, day(120), 400)],
    'explicit churn then win-back': [purchase(C, P, 1_000), churn(C, day(30)), purchase(C, day(100), 900)],
  };
  const offsets = [0, 1, 45, 89, 95, 150, 230, 290, 364, 400, 500, 700, 1000];

  it.each(Object.keys(histories))('%s', (name) => {
    const events = histories[name];
    let held: HeldLevel = { level: 'NONE', reviewAt: null };
    const last = Math.max(...events.map((e) => ms(e.occurredAt)));
    const view = (t: number) => {
      const e = evaluate(factsOf(events), t, RULES);
      const h = holdLevel(held, e.qualifiedLevel, t, RULES);
      return { status: e.status, qualifiedLevel: e.qualifiedLevel, net12: e.net12, orders12: e.orders12, activeMonths12: e.activeMonths12, csat12: e.csat12, level: h.level };
    };
    for (const offset of offsets) {
      const t = last + offset * DAY_MS;
      const facts = factsOf(events);
      const e = evaluate(facts, t, RULES);
      held = holdLevel(held, e.qualifiedLevel, t, RULES);
      const next = nextDueAt(facts, e, held, RULES);
      if (next === null) continue;
      expect(next).toBeGreaterThan(t);
      expect(view(next - 1)).toEqual(view(t));
      expect(view(Math.floor((t + next) / 2))).toEqual(view(t));
    }
  });
});
