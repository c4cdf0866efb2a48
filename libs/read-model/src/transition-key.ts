import type { CustomerState, TransitionField } from '@lifecycle/domain';
import { InvalidCursorError } from './cursor.js';
import type { StoredTransition, TransitionKey, TransitionSnapshot } from './read-model.port.js';

/** The order in which the domain emits a step's transitions, and the feed orders a position's. */
export const FIELD_ORDER: readonly TransitionField[] = ['status', 'loyaltyLevel', 'valueTier'];
/** A key's fieldRank after every field: (p, END_OF_POSITION, '') is after every transition at p. */
export const END_OF_POSITION = FIELD_ORDER.length;

export const fieldRank = (field: TransitionField): number => FIELD_ORDER.indexOf(field);

export const keyOf = (tr: Pick<StoredTransition, 'position' | 'field' | 'customerId'>): TransitionKey =>
  ({ position: tr.position, fieldRank: fieldRank(tr.field), customerId: tr.customerId });

export const endOfPosition = (position: bigint): TransitionKey => ({ position, fieldRank: END_OF_POSITION, customerId: '' });

export function compareKeys(a: TransitionKey, b: TransitionKey): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  if (a.fieldRank !== b.fieldRank) return a.fieldRank - b.fieldRank;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/** Feed cursors: base64url of [position, fieldRank, customerId]; the same in every adapter and projection version. */
export const encodeFeedCursor = (key: TransitionKey): string =>
  Buffer.from(JSON.stringify([key.position.toString(), key.fieldRank, key.customerId])).toString('base64url');

export function decodeFeedCursor(cursor: string | null | undefined): TransitionKey | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(value) || value.length !== 3) throw new InvalidCursorError();
  const [position, rank, customerId] = value as unknown[];
  if (typeof position !== 'string' || !/^\d{1,19}$/.test(position)) throw new InvalidCursorError();
  if (!Number.isInteger(rank) || (rank as number) < 0 || (rank as number) > END_OF_POSITION) throw new InvalidCursorError();
  if (typeof customerId !== 'string' || customerId.length > 1000) throw new InvalidCursorError();
  const key = { position: BigInt(position), fieldRank: rank as number, customerId };
  if (key.position >= 2n ** 63n) throw new InvalidCursorError();
  return key;
}

/** What the integration events carry of a customer right after a transition. */
export const snapshotOf = (state: CustomerState): TransitionSnapshot => ({
  status: state.status,
  loyaltyLevel: state.loyaltyLevel,
  valueTier: state.valueTier,
  net12: state.evaluation.net12,
  orders12: state.evaluation.orders12,
  lastPurchaseAt: state.evaluation.lastPurchaseAt,
});
