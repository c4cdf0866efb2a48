import { churn, complaint, csat, interaction, ms, nps, plusDays, purchase, referral, refund, registered } from '../testing/event-builders.js';
import { factsOf, RULES } from '../testing/histories.js';
import { DAY_MS } from '../time/instant.js';
import { pruneFacts } from './customer-facts.js';

const C = 'c1';
const D0 = '2024-01-10T00:00:00.000Z';
const day = (n: number) => plusDays(D0, n);

describe('applyToFacts', () => {
  it('a customer exists implicitly as CONSUMER / END_CUSTOMER; a registration sets the profile', () => {
    expect(factsOf([purchase(C, D0, 1)]).profile).toEqual({ kind: 'CONSUMER', relation: 'END_CUSTOMER' });
    expect(factsOf([purchase(C, D0, 1), registered(C, day(1), { kind: 'BUSINESS' })]).profile).toMatchObject({ kind: 'BUSINESS', registeredAt: day(1) });
  });

  it('sums refunds that name an order on that order, in base units; orphans on none', () => {
    const facts = factsOf([
      purchase(C, D0, 1_000, { orderId: 'o1' }),
      refund(C, day(1), 300, { orderId: 'o1' }), refund(C, day(2), 100, { orderId: 'o1', currency: 'EUR', baseAmountMinor: 110 }),
      refund(C, day(3), 50),
    ]);
    expect(facts.orders).toEqual([{ orderId: 'o1', at: ms(D0), total: 1_000, refunded: 410, refundCount: 2 }]);
    expect(facts.refunds.map((r) => r.amount)).toEqual([300, 110, 50]);
  });

  it('keeps the latest NPS by occurredAt (later in the log on a tie), and CSAT / complaint counts', () => {
    const facts = factsOf([nps(C, day(5), 9), nps(C, day(1), 2), nps(C, day(5), 7), csat(C, day(2), 4), complaint(C, day(3))]);
    expect(facts.latestNps).toEqual({ at: day(5), score: 7 });
    expect(facts).toMatchObject({ feedbackCount: 5, complaintCount: 1, csat: [{ at: day(2), score: 4 }] });
  });

  it('counts interactions per channel and keeps the latest qualifying one by occurredAt', () => {
    const facts = factsOf([
      interaction(C, day(5), 'DEMO', { channel: 'PHONE' }), interaction(C, day(2), 'QUOTE_REQUEST', { channel: 'PHONE' }),
      interaction(C, day(9), 'SUPPORT', { channel: 'CHAT' }),
    ]);
    expect(facts).toMatchObject({
      interactionCount: 3, interactionsByChannel: { PHONE: 2, CHAT: 1 }, lastInteractionAt: day(9), lastQualifyingInteractionAt: day(5),
    });
  });

  it('keeps the churn declaration with the greatest occurredAt, and its reason', () => {
    const facts = factsOf([churn(C, day(9), 'CONTRACT_ENDED'), churn(C, day(3), 'MANUAL')]);
    expect(facts).toMatchObject({ explicitChurnAt: day(9), churnReason: 'CONTRACT_ENDED' });
  });
});

describe('pruneFacts', () => {
  it('drops windowed items that no window ending at or after t can hold, and keeps orders and totals', () => {
    const facts = factsOf([
      purchase(C, D0, 1_000), refund(C, D0, 10), csat(C, D0, 5), referral(C, D0),
      refund(C, day(1), 20), csat(C, day(1), 4), referral(C, day(1)),
    ]);
    const pruned = pruneFacts(facts, ms(D0) + RULES.windowDays * DAY_MS, RULES.windowDays * DAY_MS);
    expect(pruned.refunds).toEqual([{ at: day(1), amount: 20 }]);
    expect(pruned.csat).toEqual([{ at: day(1), score: 4 }]);
    expect(pruned.referrals).toEqual([day(1)]);
    expect(pruned).toMatchObject({ orders: [expect.objectContaining({ at: ms(D0) })], lifetimeNet: 970, referralCount: 2 });
    expect(facts.refunds).toHaveLength(2);
  });

  it('returns the same facts when nothing is dropped', () => {
    const facts = factsOf([refund(C, day(1), 20), csat(C, day(1), 4), referral(C, day(1))]);
    expect(pruneFacts(facts, ms(D0) + RULES.windowDays * DAY_MS, RULES.windowDays * DAY_MS)).toBe(facts);
  });
});
