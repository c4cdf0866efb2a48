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

/**
 * Folds one business event into the facts: new facts, the given ones left as they were. The
 * lists and maps an event does not touch are shared with the given facts (so nothing may
 * mutate facts); the one it extends is copied.
 */
export function applyToFacts(
  facts: CustomerFacts, event: BusinessEvent, baseCurrency: string,
  /** The event's occurredAt parsed, when the caller has parsed it already. */
  at: number = parseInstant(event.occurredAt) as number,
): CustomerFacts {
  const next = copyFacts(facts);
  switch (event.type) {
    case 'CustomerRegistered': {
      const { kind, relation, displayName, country, acquisitionChannel } = event.data;
      next.profile = { kind, relation, displayName, country, acquisitionChannel, registeredAt: at };
      break;
    }
    case 'PurchaseCompleted': {
      const total = baseAmount(event.data.total, baseCurrency);
      next.orders = [...facts.orders, { orderId: event.data.orderId, at, total, refunded: 0, refundCount: 0 }];
      next.lifetimeNet += total;
      break;
    }
    case 'PurchaseRefunded': {
      const amount = baseAmount(event.data.amount, baseCurrency);
      next.refunds = [...facts.refunds, { at, amount }];
      next.lifetimeNet -= amount;
      const { orderId } = event.data;
      const i = orderId === undefined ? -1 : facts.orders.findIndex((o) => o.orderId === orderId);
      if (i >= 0) next.orders = facts.orders.map((o, j) => (j === i ? refunded(o, amount) : o));
      break;
    }
    case 'InteractionRecorded': {
      const { channel, intent } = event.data;
      next.interactionCount += 1;
      next.interactionsByChannel = { ...facts.interactionsByChannel, [channel]: (facts.interactionsByChannel[channel] ?? 0) + 1 };
      next.lastInteractionAt = max(facts.lastInteractionAt, at);
      if (QUALIFYING_INTENTS.has(intent)) next.lastQualifyingInteractionAt = max(facts.lastQualifyingInteractionAt, at);
      break;
    }
    case 'FeedbackSubmitted': {
      const { kind, score } = event.data;
      next.feedbackCount += 1;
      if (kind === 'COMPLAINT') next.complaintCount += 1;
      if (kind === 'NPS' && (facts.latestNps === null || at >= facts.latestNps.at)) next.latestNps = { at, score: score as number };
      if (kind === 'CSAT') next.csat = [...facts.csat, { at, score: score as number }];
      break;
    }
    case 'ReferralRecorded':
      next.referrals = [...facts.referrals, at];
      next.referralCount += 1;
      break;
    case 'CustomerChurnDeclared':
      if (facts.explicitChurnAt === null || at >= facts.explicitChurnAt) {
        next.explicitChurnAt = at;
        next.churnReason = event.data.reason;
      }
      break;
  }
  return next;
}

/**
 * A shallow copy, filled in by the caller. Written out rather than spread: every copy then has
 * the shape of emptyFacts(), and it measured cheaper than a spread with overrides.
 */
const copyFacts = (f: CustomerFacts): CustomerFacts => ({
  profile: f.profile,
  orders: f.orders,
  refunds: f.refunds,
  lifetimeNet: f.lifetimeNet,
  referrals: f.referrals,
  referralCount: f.referralCount,
  lastQualifyingInteractionAt: f.lastQualifyingInteractionAt,
  interactionCount: f.interactionCount,
  interactionsByChannel: f.interactionsByChannel,
  lastInteractionAt: f.lastInteractionAt,
  latestNps: f.latestNps,
  csat: f.csat,
  feedbackCount: f.feedbackCount,
  complaintCount: f.complaintCount,
  explicitChurnAt: f.explicitChurnAt,
  churnReason: f.churnReason,
});

const refunded = (order: OrderFact, amount: number): OrderFact =>
  ({ ...order, refunded: order.refunded + amount, refundCount: order.refundCount + 1 });

/**
 * Drops windowed items that no window ending at or after `t` can contain: new facts when any
 * is dropped, the given facts (unchanged) otherwise.
 */
export function pruneFacts(facts: CustomerFacts, t: number, windowMs: number): CustomerFacts {
  const keep = (at: number): boolean => at > t - windowMs;
  const refunds = facts.refunds.length && !keep(facts.refunds[0].at);
  const csat = facts.csat.length && !keep(facts.csat[0].at);
  const referrals = facts.referrals.length && !keep(facts.referrals[0]);
  if (!refunds && !csat && !referrals) return facts;
  const next = copyFacts(facts);
  if (refunds) next.refunds = facts.refunds.filter((r) => keep(r.at));
  if (csat) next.csat = facts.csat.filter((c) => keep(c.at));
  if (referrals) next.referrals = facts.referrals.filter(keep);
  return next;
}

const max = (a: number | null, b: number): number => (a === null || b > a ? b : a);
