import { v5 as uuidv5 } from 'uuid';
import { formatInstant, type TransitionField } from '@lifecycle/domain';
import { encodeFeedCursor, keyOf, type StoredTransition } from '@lifecycle/read-model';

export const INTEGRATION_EVENT_TYPES = {
  status: 'CustomerStatusChanged',
  loyaltyLevel: 'CustomerLoyaltyLevelChanged',
  valueTier: 'CustomerValueTierChanged',
} as const satisfies Record<TransitionField, string>;

export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[TransitionField];

/** The customer right after the change. */
export interface CustomerSnapshot {
  status: string;
  loyaltyLevel: string;
  valueTier: string;
  /** Net revenue of the last 12 months, integer minor units of the base currency. */
  net12: number;
  orders12: number;
  /** ISO-8601 instant, or null before any purchase. */
  lastPurchaseAt: string | null;
}

/**
 * What downstream systems receive, one per transition of the log: on the feed, the SSE stream
 * and in webhook batches. Plain, JSON-ready fields (the position as a decimal string).
 */
export interface IntegrationEvent {
  /** Stable: derived from (position, customerId, field), so a replay or a rebuild yields the same id. */
  id: string;
  type: IntegrationEventType;
  customerId: string;
  field: TransitionField;
  /** null on the first assignment of a field. */
  from: string | null;
  to: string;
  /** The evaluation instant of the change (ISO-8601). */
  t: string;
  /** The event that caused it, or the DayEnded date whose evaluation did. */
  cause: { eventId: string } | { dayEnded: string };
  /** True on a win-back: a purchase moved an AT_RISK, INACTIVE or CHURNED customer back. */
  reactivation: boolean;
  /** The log position of the causing event (decimal string: positions are 64-bit). */
  position: string;
  rulesVersion: string;
  /** Null for transitions projected before snapshots were stored (rebuild the projection to fill them). */
  snapshot: CustomerSnapshot | null;
  /** Where to resume after this event: `after=` of GET /feed, Last-Event-ID of the stream, `from=` of a webhook replay. */
  cursor: string;
}

/** A fixed namespace: the ids are the same in every deployment for the same log. */
const NAMESPACE = '6f0d5c1e-2b7a-5e51-9a3c-1c0ffee14e14';

export const integrationEventId = (position: bigint, customerId: string, field: TransitionField): string =>
  uuidv5(`${position}/${field}/${customerId}`, NAMESPACE);

export function toIntegrationEvent(tr: StoredTransition, rulesVersion: string): IntegrationEvent {
  const s = tr.snapshot;
  return {
    id: integrationEventId(tr.position, tr.customerId, tr.field),
    type: INTEGRATION_EVENT_TYPES[tr.field],
    customerId: tr.customerId,
    field: tr.field,
    from: tr.from,
    to: tr.to,
    t: formatInstant(tr.t),
    cause: 'eventId' in tr.cause ? { eventId: tr.cause.eventId } : { dayEnded: tr.cause.dayEnded },
    reactivation: tr.reactivation === true,
    position: tr.position.toString(),
    rulesVersion,
    snapshot: s
      ? {
        status: s.status, loyaltyLevel: s.loyaltyLevel, valueTier: s.valueTier, net12: s.net12, orders12: s.orders12,
        lastPurchaseAt: s.lastPurchaseAt === null ? null : formatInstant(s.lastPurchaseAt),
      }
      : null,
    cursor: encodeFeedCursor(keyOf(tr)),
  };
}
