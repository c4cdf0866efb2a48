/**
 * Small builders for hand-made histories in unit tests, so that a test reads like the spec:
 * `purchase('c1', '2023-01-10T00:00:00Z', 5_000)`. Times are ISO strings (any zone) or epoch ms;
 * the built event carries the normalised ISO instant, as validation would leave it.
 * Event ids are deterministic (a counter), never random.
 */
import type {
  ChurnReason, EventOf, FeedbackKind, InteractionChannel, InteractionIntent, Money, RefundReason, SalesChannel,
} from '../events/event-types.js';
import { DAY_MS, formatInstant, parseInstant } from '../time/instant.js';

export type When = string | number;

/** Epoch ms of an ISO instant (throws on a bad literal, so a typo fails loudly). */
export function ms(when: When): number {
  if (typeof when === 'number') return when;
  const parsed = parseInstant(when);
  if (parsed === null) throw new Error(`not an instant: ${when}`);
  return parsed;
}

/** `when` plus `n` days (n may be fractional or negative), in epoch ms. */
export const plusDays = (when: When, n: number): number => ms(when) + n * DAY_MS;

const iso = (when: When): string => formatInstant(ms(when));

let counter = 0;
/** A deterministic UUID-shaped event id. */
export const nextEventId = (): string => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

interface Common {
  eventId?: string;
}

export interface MoneyOpts {
  /** Defaults to USD, the base currency of the test rules. */
  currency?: string;
  /** Required by the spec when `currency` is not the base currency. */
  baseAmountMinor?: number;
}

const money = (amountMinor: number, opts: MoneyOpts): Money => ({
  amountMinor,
  currency: opts.currency ?? 'USD',
  ...(opts.baseAmountMinor === undefined ? {} : { baseAmountMinor: opts.baseAmountMinor }),
});

export function registered(customerId: string, at: When, opts: Common & { kind?: 'CONSUMER' | 'BUSINESS' } = {}): EventOf<'CustomerRegistered'> {
  return {
    eventId: opts.eventId ?? nextEventId(), type: 'CustomerRegistered', customerId, occurredAt: iso(at),
    data: { kind: opts.kind ?? 'CONSUMER', relation: 'END_CUSTOMER' },
  };
}

export function purchase(
  customerId: string, at: When, totalMinor: number,
  opts: Common & MoneyOpts & { orderId?: string; salesChannel?: SalesChannel } = {},
): EventOf<'PurchaseCompleted'> {
  const eventId = opts.eventId ?? nextEventId();
  return {
    eventId, type: 'PurchaseCompleted', customerId, occurredAt: iso(at),
    data: { orderId: opts.orderId ?? `order-${eventId.slice(-6)}`, total: money(totalMinor, opts), salesChannel: opts.salesChannel ?? 'ONLINE' },
  };
}

/** A refund; without `orderId` it is an orphan refund. */
export function refund(
  customerId: string, at: When, amountMinor: number,
  opts: Common & MoneyOpts & { orderId?: string; refundId?: string; reason?: RefundReason } = {},
): EventOf<'PurchaseRefunded'> {
  const eventId = opts.eventId ?? nextEventId();
  return {
    eventId, type: 'PurchaseRefunded', customerId, occurredAt: iso(at),
    data: {
      refundId: opts.refundId ?? `refund-${eventId.slice(-6)}`,
      ...(opts.orderId === undefined ? {} : { orderId: opts.orderId }),
      amount: money(amountMinor, opts), reason: opts.reason ?? 'RETURN',
    },
  };
}

export function interaction(
  customerId: string, at: When, intent: InteractionIntent = 'NONE', opts: Common & { channel?: InteractionChannel } = {},
): EventOf<'InteractionRecorded'> {
  const eventId = opts.eventId ?? nextEventId();
  return {
    eventId, type: 'InteractionRecorded', customerId, occurredAt: iso(at),
    data: { interactionId: `interaction-${eventId.slice(-6)}`, channel: opts.channel ?? 'EMAIL', direction: 'INBOUND', intent },
  };
}

function feedback(customerId: string, at: When, kind: FeedbackKind, score: number | undefined, opts: Common): EventOf<'FeedbackSubmitted'> {
  const eventId = opts.eventId ?? nextEventId();
  return {
    eventId, type: 'FeedbackSubmitted', customerId, occurredAt: iso(at),
    data: { feedbackId: `feedback-${eventId.slice(-6)}`, kind, ...(score === undefined ? {} : { score }) },
  };
}

export const nps = (customerId: string, at: When, score: number, opts: Common = {}) => feedback(customerId, at, 'NPS', score, opts);
export const csat = (customerId: string, at: When, score: number, opts: Common = {}) => feedback(customerId, at, 'CSAT', score, opts);
export const complaint = (customerId: string, at: When, opts: Common = {}) => feedback(customerId, at, 'COMPLAINT', undefined, opts);

export function referral(customerId: string, at: When, referredCustomerId = 'friend', opts: Common = {}): EventOf<'ReferralRecorded'> {
  return { eventId: opts.eventId ?? nextEventId(), type: 'ReferralRecorded', customerId, occurredAt: iso(at), data: { referredCustomerId } };
}

export function churn(customerId: string, at: When, reason: ChurnReason = 'MANUAL', opts: Common = {}): EventOf<'CustomerChurnDeclared'> {
  return { eventId: opts.eventId ?? nextEventId(), type: 'CustomerChurnDeclared', customerId, occurredAt: iso(at), data: { reason } };
}
