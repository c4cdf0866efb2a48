import type { IndexDescription } from 'mongodb';

export const CUSTOMER_INDEXES: IndexDescription[] = [
  // Segment filters, paged by customerId.
  { key: { status: 1, _id: 1 }, name: 'status_id' },
  { key: { loyaltyLevel: 1, _id: 1 }, name: 'loyaltyLevel_id' },
  { key: { valueTier: 1, _id: 1 }, name: 'valueTier_id' },
  // Only customers with something due (nextDueAt is unset otherwise).
  { key: { nextDueAt: 1 }, name: 'nextDueAt_due', partialFilterExpression: { nextDueAt: { $exists: true } } },
  // The ranking over P: keyAtRank skips along it, rankRange scans a slice of it.
  { key: { net12: -1, _id: 1 }, name: 'net12_rank', partialFilterExpression: { net12: { $gt: 0 } } },
  { key: { tierDirty: 1, _id: 1 }, name: 'tierDirty_pending', partialFilterExpression: { tierDirty: true } },
];

export const TRANSITION_INDEXES: IndexDescription[] = [
  { key: { customerId: 1, _id: 1 }, name: 'customerId_id' },
  // Daily statistics select transitions by instant.
  { key: { t: 1 }, name: 't' },
];
