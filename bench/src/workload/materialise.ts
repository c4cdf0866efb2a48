import {
  type BusinessEvent, CONTACT_ROLES, formatInstant, INTERACTION_CHANNELS, type InteractionIntent, type Money, type SalesChannel,
} from '@lifecycle/domain';
import type { PlannedEvent } from './planned-event.js';
import { Prng } from './prng.js';

const EUR_TO_USD = 1.08;
const INTENTS: ReadonlyArray<readonly [InteractionIntent, number]> = [
  ['NONE', 10], ['INQUIRY', 30], ['QUOTE_REQUEST', 8], ['DEMO', 4], ['COMPLAINT', 6], ['SUPPORT', 25], ['FOLLOW_UP', 10], ['MARKETING', 7],
];
const SALES: ReadonlyArray<readonly [SalesChannel, number]> = [['ONLINE', 60], ['STORE', 25], ['DIRECT', 10], ['PARTNER', 5]];
const CATEGORIES = ['music', 'books', 'video', 'games', 'accessories'];
const ACQUISITION = ['SEARCH', 'EMAIL', 'SOCIAL', 'REFERRAL', 'RADIO', 'PARTNER'];
const COUNTRIES = ['US', 'US', 'US', 'CA', 'GB', 'DE', 'FR'];

export const customerIdOf = (prefix: string, customer: number): string => `${prefix}-${customer.toString().padStart(7, '0')}`;

/** The spec's envelope (section 2) of a planned event; ids are derived from the log's seed and the event's index. */
export function materialise(plan: PlannedEvent, index: number, seed: number, prefix: string): BusinessEvent {
  const rng = new Prng(plan.variant);
  const eventId = new Prng((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)).uuid();
  const customerId = customerIdOf(prefix, plan.customer);
  const common = { eventId, customerId, occurredAt: formatInstant(plan.at) };
  const orderId = (n: number) => `${customerId}-o${n}`;
  switch (plan.kind) {
    case 'register':
      return {
        ...common, type: 'CustomerRegistered',
        data: {
          kind: plan.amount === 1 ? 'BUSINESS' : 'CONSUMER', relation: rng.chance(0.05) ? 'CHANNEL' : 'END_CUSTOMER',
          country: rng.pick(COUNTRIES), acquisitionChannel: rng.pick(ACQUISITION),
          ...(rng.chance(0.5) ? { displayName: `Customer ${customerId}` } : {}),
        },
      };
    case 'purchase': {
      const lines = rng.chance(0.6) ? purchaseLines(rng, plan.amount) : undefined;
      return {
        ...common, type: 'PurchaseCompleted',
        data: {
          orderId: orderId(plan.n), total: money(plan.amount, plan.foreign), salesChannel: rng.weighted(SALES),
          ...(lines ? { lines } : {}),
          ...(plan.n === 0 && rng.chance(0.03) ? { referredBy: `partner-${rng.int(1, 50)}` } : {}),
        },
      };
    }
    case 'refund':
      return {
        ...common, type: 'PurchaseRefunded',
        data: {
          refundId: `${customerId}-r${plan.n}`,
          ...(plan.ref >= 0 ? { orderId: orderId(plan.ref) } : {}),
          amount: money(plan.amount, plan.foreign),
          reason: plan.ref < 0 ? 'GOODWILL' : rng.weighted([['RETURN', 70], ['CANCEL', 25], ['GOODWILL', 5]] as const),
        },
      };
    case 'interaction':
      return {
        ...common, type: 'InteractionRecorded',
        data: {
          interactionId: `${customerId}-i${plan.n}`, channel: rng.pick(INTERACTION_CHANNELS),
          direction: rng.chance(0.7) ? 'INBOUND' : 'OUTBOUND', intent: rng.weighted(INTENTS),
          ...(rng.chance(0.4) ? { contactRole: rng.pick(CONTACT_ROLES) } : {}),
          ...(rng.chance(0.2) ? { note: 'asked about delivery times and the loyalty programme' } : {}),
        },
      };
    case 'feedback':
      return {
        ...common, type: 'FeedbackSubmitted',
        data: plan.amount < 0
          ? { feedbackId: `${customerId}-f${plan.n}`, kind: 'COMPLAINT', orderId: orderId(plan.ref), comment: 'parcel arrived damaged' }
          : plan.ref < 0
            ? { feedbackId: `${customerId}-f${plan.n}`, kind: 'NPS', score: plan.amount }
            : { feedbackId: `${customerId}-f${plan.n}`, kind: 'CSAT', score: plan.amount, orderId: orderId(plan.ref) },
      };
    case 'referral':
      return { ...common, type: 'ReferralRecorded', data: { referredCustomerId: customerIdOf(prefix, plan.ref) } };
    case 'churn':
      return { ...common, type: 'CustomerChurnDeclared', data: { reason: rng.pick(['CONTRACT_ENDED', 'ACCOUNT_CLOSED', 'MANUAL'] as const) } };
  }
}

/** Base-currency USD; a foreign amount is in EUR and carries its USD value, converted at the event's time. */
function money(amountMinor: number, foreign: boolean): Money {
  if (!foreign) return { amountMinor, currency: 'USD' };
  return { amountMinor: Math.max(1, Math.round(amountMinor / EUR_TO_USD)), currency: 'EUR', baseAmountMinor: amountMinor };
}

function purchaseLines(rng: Prng, total: number) {
  const count = rng.int(1, 3);
  return Array.from({ length: count }, () => ({
    sku: `SKU-${rng.int(1000, 9999)}`, category: rng.pick(CATEGORIES), quantity: rng.int(1, 3), unitPriceMinor: Math.round(total / count),
  }));
}
