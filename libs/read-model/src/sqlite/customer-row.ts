import { type CustomerProfile, type CustomerState, toProfile } from '@lifecycle/domain';
import type { CustomerRecord, ProjectionMeta } from '../read-model.port.js';

/** The columns a CustomerRecord is read from. */
export const CUSTOMER_COLUMNS = 'customer_id, state, last_position, tier_dirty';

/** A customers row as read (integers as bigint through safeIntegers, or as numbers). */
export interface CustomerRow {
  customer_id: string;
  state: string;
  last_position: number | bigint;
  tier_dirty: number | bigint;
}

/** The named parameters of the customers upsert: the classifications and ranking figures lifted out of the state for the indexes. */
export interface CustomerRowParams {
  id: string;
  status: string;
  level: string;
  tier: string;
  net12: number;
  due: number | null;
  pos: bigint;
  dirty: 0 | 1;
  state: string;
}

export const toCustomerRecord = (row: CustomerRow): CustomerRecord => ({
  state: JSON.parse(row.state) as CustomerState,
  lastPosition: BigInt(row.last_position),
  tierDirty: Number(row.tier_dirty) === 1,
});

export const customerRowParams = ({ state, lastPosition, tierDirty }: CustomerRecord): CustomerRowParams => ({
  id: state.customerId,
  status: state.status,
  level: state.loyaltyLevel,
  tier: state.valueTier,
  net12: state.evaluation.net12,
  due: state.nextDueAt,
  pos: lastPosition,
  dirty: tierDirty ? 1 : 0,
  state: JSON.stringify(state),
});

export const profileOf = (state: CustomerState, meta: ProjectionMeta): CustomerProfile =>
  toProfile(state, meta.clockAsOf, meta.rulesVersion ?? '');

export const profileOfRow = (row: Pick<CustomerRow, 'state'>, meta: ProjectionMeta): CustomerProfile =>
  profileOf(JSON.parse(row.state) as CustomerState, meta);

/** A customers row with integers as strings and the state JSON parsed, as StoredCustomer holds it. */
export function storedFields(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [
    column,
    typeof value === 'bigint' ? value.toString() : column === 'state' && typeof value === 'string' ? (JSON.parse(value) as unknown) : value,
  ]));
}
