import type { Long } from 'mongodb';
import type { CustomerState } from '@lifecycle/domain';
import type { CustomerRecord } from '../read-model.port.js';
import { toBigInt, toLong } from './int64.js';

/** `_id` is the customerId; the classifications and ranking figures are lifted out of the state for the indexes. */
export interface CustomerDocument {
  _id: string;
  status: string;
  loyaltyLevel: string;
  valueTier: string;
  net12: number;
  /** Absent (not null) when nothing is due, so that the partial index on `$exists` leaves the customer out. */
  nextDueAt?: number;
  lastPosition: Long | bigint;
  tierDirty: boolean;
  state: CustomerState;
}

/**
 * Matches the stored customer only when it is not ahead of the record. `≤`, not `<`: the
 * second step of a DayEnded rewrites customers at the position the first step gave them.
 * The client drops undefined values (`ignoreUndefined`), so a guard without an id would
 * serialise to `{lastPosition: {$lte: n}}` and match any customer: such a record is refused.
 */
export const customerGuard = (record: CustomerRecord) => {
  const id: unknown = record.state?.customerId;
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`customer record without a customerId (got ${JSON.stringify(id)}): refusing a write guard that would match any customer`);
  }
  return { _id: id, lastPosition: { $lte: toLong(record.lastPosition) } };
};

export function customerUpdate(record: CustomerRecord) {
  const { state } = record;
  const fields = {
    status: state.status,
    loyaltyLevel: state.loyaltyLevel,
    valueTier: state.valueTier,
    net12: state.evaluation.net12,
    lastPosition: toLong(record.lastPosition),
    tierDirty: record.tierDirty,
    state,
  };
  return state.nextDueAt === null
    ? { $set: fields, $unset: { nextDueAt: '' as const } }
    : { $set: { ...fields, nextDueAt: state.nextDueAt } };
}

export const fromCustomerDocument = (doc: Pick<CustomerDocument, 'state' | 'lastPosition' | 'tierDirty'>): CustomerRecord => ({
  state: doc.state,
  lastPosition: toBigInt(doc.lastPosition),
  tierDirty: doc.tierDirty === true,
});

/** Every field of a stored customer document, int64s (Long or bigint) as decimal strings. */
export function storedDocumentFields(doc: CustomerDocument): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).map(([field, value]) => [
    field,
    typeof value === 'bigint' ? value.toString() : isLong(value) ? value.toString() : value,
  ]));
}

const isLong = (value: unknown): value is Long =>
  typeof value === 'object' && value !== null && (value as { _bsontype?: unknown })._bsontype === 'Long';
