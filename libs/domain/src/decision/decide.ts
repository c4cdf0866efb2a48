import type { BusinessEvent } from '../events/event-types.js';
import type { Rejection } from '../rules/rejection.js';
import { baseAmount } from '../customer/customer-facts.js';

/** What the command side needs to know of a customer's stream to accept or reject the next event. */
export interface DecisionState {
  /** Revision of the last event in the customer's stream; -1n when the stream is empty. */
  revision: bigint;
  eventIds: Set<string>;
  /** orderId → base total and base refunds so far. */
  orders: Map<string, { total: number; refunded: number }>;
}

export const initialDecisionState = (): DecisionState => ({ revision: -1n, eventIds: new Set(), orders: new Map() });

export type Decision = { kind: 'accept' } | { kind: 'duplicate' } | { kind: 'reject'; rejection: Rejection };

/** Section 10's order after field validation and the future check: duplicate eventId, then the order checks. */
export function decide(state: DecisionState, event: BusinessEvent, baseCurrency: string): Decision {
  if (state.eventIds.has(event.eventId.toLowerCase())) return { kind: 'duplicate' };
  if (event.type === 'PurchaseCompleted' && state.orders.has(event.data.orderId)) {
    return reject('DUPLICATE_ORDER', `orderId ${event.data.orderId} already recorded`);
  }
  if (event.type === 'PurchaseRefunded' && event.data.orderId !== undefined) {
    const order = state.orders.get(event.data.orderId);
    if (!order) return reject('UNKNOWN_ORDER', `no order ${event.data.orderId}`);
    if (order.refunded + baseAmount(event.data.amount, baseCurrency) > order.total) {
      return reject('REFUND_EXCEEDS_ORDER', `refunds would exceed order ${event.data.orderId}`);
    }
  }
  return { kind: 'accept' };
}

/** Folds an accepted (or stored) event into the decision state (mutates and returns it). */
export function evolveDecision(state: DecisionState, event: BusinessEvent, baseCurrency: string, revision: bigint): DecisionState {
  state.revision = revision;
  state.eventIds.add(event.eventId.toLowerCase());
  if (event.type === 'PurchaseCompleted') {
    state.orders.set(event.data.orderId, { total: baseAmount(event.data.total, baseCurrency), refunded: 0 });
  } else if (event.type === 'PurchaseRefunded' && event.data.orderId !== undefined) {
    const order = state.orders.get(event.data.orderId);
    if (order) order.refunded += baseAmount(event.data.amount, baseCurrency);
  }
  return state;
}

const reject = (code: Rejection['code'], reason: string): Decision => ({ kind: 'reject', rejection: { code, reason } });
