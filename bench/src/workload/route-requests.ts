import type { BusinessEvent, BusinessEventType } from '@lifecycle/domain';
import type { LoadRequest } from '../load/autocannon.js';
import { DEFAULT_WINDOW, GeneratedLog } from './generate-log.js';

const ROUTE_OF_TYPE: Record<BusinessEventType, string> = {
  CustomerRegistered: 'registration',
  PurchaseCompleted: 'purchases',
  PurchaseRefunded: 'refunds',
  InteractionRecorded: 'interactions',
  FeedbackSubmitted: 'feedback',
  ReferralRecorded: 'referrals',
  CustomerChurnDeclared: 'churn-declarations',
};

/**
 * `count` single-event requests (POST /customers/:id/<route>) with the generator's mix of
 * types, each for a distinct customer so that concurrent requests never depend on each other:
 * a refund therefore names no order (an orphan refund, which the spec accepts).
 */
export function routeRequests(count: number, seed: number, prefix: string): LoadRequest[] {
  const log = new GeneratedLog({ seed, customers: Math.ceil(count / 9), prefix: 'gen', ...DEFAULT_WINDOW });
  const requests: LoadRequest[] = [];
  let i = 0;
  for (const event of log.businessEvents(count)) {
    const customerId = `${prefix}-${(i++).toString(36)}`;
    requests.push({ method: 'POST', path: `/customers/${customerId}/${ROUTE_OF_TYPE[event.type]}`, body: JSON.stringify(routeBody(event)) });
  }
  return requests;
}

function routeBody(event: BusinessEvent): object {
  const data = event.type === 'PurchaseRefunded' ? { ...event.data, orderId: undefined } : event.data;
  return { eventId: event.eventId, occurredAt: event.occurredAt, data };
}

/** Cycles through a list; `wrapped` tells whether any request was sent twice. */
export function cycle<T>(items: T[]): { next: () => T; readonly wrapped: boolean } {
  let i = 0;
  let wrapped = false;
  return {
    next: () => {
      if (i === items.length) {
        i = 0;
        wrapped = true;
      }
      return items[i++];
    },
    get wrapped() {
      return wrapped;
    },
  };
}
