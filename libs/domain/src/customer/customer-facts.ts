import type { BusinessEvent, Money } from '../events/event-types.js';
import { parseInstant } from '../time/instant.js';

/** An order as the rules see it: base-currency minor units, refunds that name it summed. */
export interface OrderFact {
  orderId: string;
  at: number;
  total: number;
  refunded: number;
  refundCount: number;
}

export interface TimedAmount {
  at: number;
  amount: number;
}

export interface Profile {
  kind: string;
  relation: string;
  displayName?: string;
  country?: string;
  acquisitionChannel?: string;
  registeredAt?: number;
}

/**
 * Everything the rules need from a customer's events (section 3). Windowed lists (refunds,
 * CSAT, referrals) are pruned once their items can no longer enter a window, since the
 * evaluation time never goes backwards.
 */
export interface CustomerFacts {
  profile: Profile;
  orders: OrderFact[];
  refunds: TimedAmount[];
  lifetimeNet: number;
  referrals: number[];
  referralCount: number;
  lastQualifyingInteractionAt: number | null;
  interactionCount: number;
  interactionsByChannel: Record<string, number>;
  lastInteractionAt: number | null;
  latestNps: { at: number; score: number } | null;
  csat: Array<{ at: number; score: number }>;
  feedbackCount: number;
  complaintCount: number;
  explicitChurnAt: number | null;
  churnReason: string | null;
}

export const emptyFacts = (): CustomerFacts => ({
  profile: { kind: 'CONSUMER', relation: 'END_CUSTOMER' },
  orders: [],
  refunds: [],
  lifetimeNet: 0,
  referrals: [],
  referralCount: 0,
  lastQualifyingInteractionAt: null,
  interactionCount: 0,
  interactionsByChannel: {},
  lastInteractionAt: null,
  latestNps: null,
  csat: [],
  feedbackCount: 0,
  complaintCount: 0,
  explicitChurnAt: null,
  churnReason: null,
});

/** The amount in base-currency minor units. */
export const baseAmount = (money: Money, baseCurrency: string): number =>
  money.currency === baseCurrency ? money.amountMinor : (money.baseAmountMinor as number);

const QUALIFYING_INTENTS = new Set(['QUOTE_REQUEST', 'DEMO']);

/** Folds one business event into the facts (mutates and returns them). */
export function applyToFacts(facts: CustomerFacts, event: BusinessEvent, baseCurrency: string): CustomerFacts {
  const at = parseInstant(event.occurredAt) as number;
  switch (event.type) {
    case 'CustomerRegistered': {
      const { kind, relation, displayName, country, acquisitionChannel } = event.data;
      facts.profile = { kind, relation, displayName, country, acquisitionChannel, registeredAt: at };
      break;
    }
    case 'PurchaseCompleted': {
      const total = baseAmount(event.data.total, baseCurrency);
      facts.orders.push({ orderId: event.data.orderId, at, total, refunded: 0, refundCount: 0 });
      facts.lifetimeNet += total;
      break;
    }
    case 'PurchaseRefunded': {
      const amount = baseAmount(event.data.amount, baseCurrency);
      facts.refunds.push({ at, amount });
      facts.lifetimeNet -= amount;
      const order = event.data.orderId === undefined ? undefined : facts.orders.find((o) => o.orderId === event.data.orderId);
      if (order) {
        order.refunded += amount;
        order.refundCount += 1;
      }
      break;
    }
    case 'InteractionRecorded': {
      const { channel, intent } = event.data;
      facts.interactionCount += 1;
      facts.interactionsByChannel[channel] = (facts.interactionsByChannel[channel] ?? 0) + 1;
      facts.lastInteractionAt = max(facts.lastInteractionAt, at);
      if (QUALIFYING_INTENTS.has(intent)) facts.lastQualifyingInteractionAt = max(facts.lastQualifyingInteractionAt, at);
      break;
    }
    case 'FeedbackSubmitted': {
      const { kind, score } = event.data;
      facts.feedbackCount += 1;
      if (kind === 'COMPLAINT') facts.complaintCount += 1;
      if (kind === 'NPS' && (facts.latestNps === null || at >= facts.latestNps.at)) facts.latestNps = { at, score: score as number };
      if (kind === 'CSAT') facts.csat.push({ at, score: score as number });
      break;
    }
    case 'ReferralRecorded':
      facts.referrals.push(at);
      facts.referralCount += 1;
      break;
    case 'CustomerChurnDeclared':
      if (facts.explicitChurnAt === null || at >= facts.explicitChurnAt) {
        facts.explicitChurnAt = at;
        facts.churnReason = event.data.reason;
      }
      break;
  }
  return facts;
}

/** Drops windowed items that no window ending at or after `t` can contain. */
export function pruneFacts(facts: CustomerFacts, t: number, windowMs: number): void {
  const keep = (at: number): boolean => at > t - windowMs;
  if (facts.refunds.length && !keep(facts.refunds[0].at)) facts.refunds = facts.refunds.filter((r) => keep(r.at));
  if (facts.csat.length && !keep(facts.csat[0].at)) facts.csat = facts.csat.filter((c) => keep(c.at));
  if (facts.referrals.length && !keep(facts.referrals[0])) facts.referrals = facts.referrals.filter(keep);
}

const max = (a: number | null, b: number): number => (a === null || b > a ? b : a);
