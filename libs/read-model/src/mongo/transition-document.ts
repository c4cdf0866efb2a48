import type { Long } from 'mongodb';
import type { TransitionField } from '@lifecycle/domain';
import type { StoredTransition } from '../read-model.port.js';
import { toBigInt, toLong } from './int64.js';

/** A stored transition with its derived id, and its position as a BSON int64. */
export interface TransitionDocument extends Omit<StoredTransition, 'position'> {
  _id: string;
  position: Long | bigint;
}

/** The order in which the domain emits a step's transitions. */
const FIELD_RANK: Record<TransitionField, number> = { status: 0, loyaltyLevel: 1, valueTier: 2 };

/**
 * A transition is identified by the event that caused it, the customer and the field (an event
 * changes a field of a customer at most once), so re-applying a batch rewrites the same ids.
 * The zero-padded position first makes a customer's ids sort in log order.
 */
export function transitionId(position: bigint, customerId: string, field: TransitionField): string {
  if (position < 0n) throw new RangeError(`position ${position} is negative`);
  return `${position.toString().padStart(19, '0')}:${FIELD_RANK[field]}:${customerId}`;
}

export const toTransitionDocument = (tr: StoredTransition): TransitionDocument => ({
  _id: transitionId(tr.position, tr.customerId, tr.field),
  customerId: tr.customerId,
  position: toLong(tr.position),
  field: tr.field,
  from: tr.from,
  to: tr.to,
  t: tr.t,
  cause: 'eventId' in tr.cause ? { eventId: tr.cause.eventId } : { dayEnded: tr.cause.dayEnded },
  ...(tr.reactivation ? { reactivation: true as const } : {}),
  ...(tr.snapshot ? { snapshot: tr.snapshot } : {}),
});

export const fromTransitionDocument = (doc: TransitionDocument): StoredTransition => ({
  customerId: doc.customerId,
  field: doc.field,
  from: doc.from ?? null,
  to: doc.to,
  t: doc.t,
  cause: 'eventId' in doc.cause ? { eventId: doc.cause.eventId } : { dayEnded: doc.cause.dayEnded },
  ...(doc.reactivation ? { reactivation: true as const } : {}),
  position: toBigInt(doc.position),
});

/** The feed's reading: with the snapshot (a customer's transition history stays without it). */
export const fromTransitionDocumentWithSnapshot = (doc: TransitionDocument): StoredTransition =>
  (doc.snapshot ? { ...fromTransitionDocument(doc), snapshot: doc.snapshot } : fromTransitionDocument(doc));
